/**
 * Wire-protocol layer: parameter encoding and request signing for Alibaba
 * Cloud RPC (SMC) and Huawei Cloud REST (DCS) APIs.
 *
 * @module
 */

export { isUnreservedByte, percentByte, percentEncode } from './percent-encode.ts';
export {
  DEFAULT_MAX_FORM_PAIRS,
  decodeFormComponent,
  parseFormUrlEncoded,
  serializeFormUrlEncoded,
} from './form-urlencoded.ts';
export type { DecodedComponent, FormProblem, FormProblemCode, ParseFormOptions } from './form-urlencoded.ts';
export { DEFAULT_MAX_RPC_DEPTH, DEFAULT_MAX_RPC_INDEX, flattenRpcParams, unflattenRpcParams } from './rpc-params.ts';
export type { RpcParamProblem, RpcParamProblemCode, RpcParamValue, UnflattenOptions } from './rpc-params.ts';
export { isFormContentType, parseRpcRequest, parseRpcRequestParts } from './rpc-request.ts';
export type { ParseRpcRequestOptions, RpcRequestParams, RpcRequestParts } from './rpc-request.ts';

export { receiveRequest, splitTarget } from './signing/received-request.ts';
export type { ReceivedRequest } from './signing/received-request.ts';
export { formatAlibabaTimestamp, formatSdkDate, parseAlibabaTimestamp, parseSdkDate } from './signing/timestamps.ts';
export { EMPTY_SHA256_HEX } from './signing/crypto.ts';
export { ALIBABA_AUTH_HTTP_STATUS, ALIBABA_DEFAULT_MAX_SKEW_MS, alibabaAuthFailure } from './signing/alibaba-auth-error.ts';
export type { AlibabaAuthErrorCode, AlibabaAuthFailure } from './signing/alibaba-auth-error.ts';
export {
  RPC_V1_AUTH_PARAMS,
  RPC_V1_SIGNATURE_METHOD,
  RPC_V1_SIGNATURE_VERSION,
  canonicalizeRpcV1,
  rpcV1Signature,
  rpcV1StringToSign,
  signRpcV1,
  verifyRpcV1,
} from './signing/alibaba-rpc-v1.ts';
export type { RpcV1Verified, RpcV1VerifyResult, SignRpcV1Input, SignedRpcV1, VerifyRpcV1Input } from './signing/alibaba-rpc-v1.ts';
export {
  ACS3_ALGORITHM,
  acs3CanonicalQuery,
  acs3CanonicalRequest,
  acs3CanonicalUri,
  acs3StringToSign,
  isAcs3SignedHeaderName,
  parseAcs3Authorization,
  signAcs3,
  verifyAcs3,
} from './signing/alibaba-acs3.ts';
export type {
  Acs3Authorization,
  Acs3Verified,
  Acs3VerifyResult,
  SignAcs3Input,
  SignedAcs3,
  VerifyAcs3Input,
} from './signing/alibaba-acs3.ts';
export {
  HUAWEI_ALGORITHM,
  HUAWEI_DEFAULT_MAX_SKEW_MS,
  UNSIGNED_PAYLOAD,
  huaweiCanonicalQuery,
  huaweiCanonicalRequest,
  huaweiCanonicalUri,
  huaweiStringToSign,
  parseHuaweiAuthorization,
  signHuawei,
  verifyHuawei,
} from './signing/huawei-sdk-hmac-sha256.ts';
export type {
  HuaweiAuthFailure,
  HuaweiAuthFailureReason,
  HuaweiAuthorization,
  HuaweiVerified,
  HuaweiVerifyResult,
  SignHuaweiInput,
  SignedHuawei,
  VerifyHuaweiInput,
} from './signing/huawei-sdk-hmac-sha256.ts';

// Client side: building requests
export { buildRpcRequest } from './alibaba-rpc-client.ts';
export type { AlibabaCredentials, RpcCall } from './alibaba-rpc-client.ts';
export { buildRestRequest, fillPath } from './huawei-rest-client.ts';
export type { HuaweiCredentials, RestCall } from './huawei-rest-client.ts';
export { toCurl } from './wire-request.ts';
export type { WireRequest, WireResponse } from './wire-request.ts';
