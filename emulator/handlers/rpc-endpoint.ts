import type { Contract } from '../../src/contract/load.ts';
import { parseRpcRequestParts } from '../../src/protocols/rpc-request.ts';
import { unflattenRpcParams } from '../../src/protocols/rpc-params.ts';
import { splitTarget, type ReceivedRequest } from '../../src/protocols/signing/received-request.ts';
import { verifyAcs3 } from '../../src/protocols/signing/alibaba-acs3.ts';
import { verifyRpcV1 } from '../../src/protocols/signing/alibaba-rpc-v1.ts';
import { ALIBABA_DEFAULT_MAX_SKEW_MS } from '../../src/protocols/signing/alibaba-auth-error.ts';
import type { AlibabaSmcTarget } from '../../src/profile/load-profile.ts';
import { invalidParameter, missingParameter } from '../documented-error.ts';
import { errorResponse } from '../responses.ts';

/** Parameters of every RPC call that are not the operation's own (reference A.1). */
const commonParams = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'SignatureType', 'Timestamp', 'SecurityToken', 'BearerToken', 'RegionEndpoint']);

/** An RPC call as the endpoint understood it. */
export interface RpcCall {
  readonly action: string;
  readonly version: string;
  /** The operation's own parameters, unflattened (strings; typing is the schema's job). */
  readonly params: Record<string, unknown>;
}

const shortKey = (key: string) => key.slice(0, 200);

/**
 * Reads an Alibaba RPC request: parameters from the query and a form body, the signature when the
 * target has credentials (signature 1.0 or ACS3-HMAC-SHA256, which carries Action and Version in
 * headers), then Action and Version. Returns the call, or the vendor's error answer.
 */
export function readRpcCall(received: ReceivedRequest, contract: Contract, target: AlibabaSmcTarget, seenNonce: (nonce: string) => boolean, now: Date): RpcCall | Response {
  const { query } = splitTarget(received.target);
  const parsed = parseRpcRequestParts({ query, contentType: received.headers.get('content-type'), body: received.body });
  const credentials = target.credentials;
  const secretFor = (id: string) => (credentials && id === credentials.accessKeyId ? credentials.accessKeySecret : undefined);
  let action = received.headers.get('x-acs-action') ?? undefined;
  let version = received.headers.get('x-acs-version') ?? undefined;
  if (credentials) {
    const acs3 = received.headers.get('authorization')?.startsWith('ACS3-');
    const verified = acs3
      ? verifyAcs3({ request: received, secretFor, now, maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS, seenNonce })
      : verifyRpcV1({ method: received.method, params: parsed.params, secretFor, now, maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS, seenNonce });
    if (!verified.ok) return errorResponse(contract, { status: verified.httpStatus, code: verified.code, message: verified.message });
    if ('action' in verified) ({ action, version } = verified);
  }
  const problem = parsed.problems[0];
  if (problem) return errorResponse(contract, invalidParameter(contract, shortKey(problem.key), problem.message));
  const first = (name: string) => parsed.params.find(([key]) => key === name)?.[1];
  action = first('Action') ?? action;
  version = first('Version') ?? version;
  if (!action) return errorResponse(contract, missingParameter(contract, 'Action'));
  if (!version) return errorResponse(contract, missingParameter(contract, 'Version'));
  const business = unflattenRpcParams(parsed.params.filter(([key]) => !commonParams.has(key)));
  const broken = business.problems[0];
  if (broken) return errorResponse(contract, invalidParameter(contract, shortKey(broken.key), broken.message));
  return { action, version, params: business.value as Record<string, unknown> };
}
