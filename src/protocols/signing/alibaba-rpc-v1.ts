/**
 * Alibaba RPC signature V2 ("SignatureVersion 1.0", HMAC-SHA1): reference A.2.
 *
 * @module
 */

import { percentEncode } from '../percent-encode.ts';
import { type AlibabaAuthFailure, alibabaAuthFailure } from './alibaba-auth-error.ts';
import { constantTimeEqual, hmacSha1Base64 } from './crypto.ts';
import { formatAlibabaTimestamp, parseAlibabaTimestamp } from './timestamps.ts';

/** `SignatureMethod` value for this scheme. */
export const RPC_V1_SIGNATURE_METHOD = 'HMAC-SHA1';
/** `SignatureVersion` value for this scheme. */
export const RPC_V1_SIGNATURE_VERSION = '1.0';

/** Parameters the signer owns; caller-supplied copies are replaced. */
export const RPC_V1_AUTH_PARAMS = [
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'SecurityToken',
  'Signature',
] as const;

/** Input of {@link signRpcV1}. */
export interface SignRpcV1Input {
  /** HTTP method the request will use (`GET` or `POST`); it is signed. */
  readonly method: string;
  /** Flattened business parameters, including `Action` and `Version`. */
  readonly params: Iterable<readonly [string, string]>;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token, sent as `SecurityToken`. */
  readonly securityToken?: string;
  readonly timestamp: Date;
  readonly nonce: string;
}

/** Output of {@link signRpcV1}. */
export interface SignedRpcV1 {
  /** Everything to send (query or form body), `Signature` last. */
  readonly params: Array<[string, string]>;
  readonly canonicalizedQueryString: string;
  readonly stringToSign: string;
  /** Base64 signature (unencoded). */
  readonly signature: string;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * CanonicalizedQueryString: every pair except `Signature`, sorted by raw name
 * in code-unit order (so `Key.10` < `Key.2`; ties by value), each name and
 * value RFC 3986-encoded, joined with `&`.
 */
export function canonicalizeRpcV1(params: Iterable<readonly [string, string]>): string {
  const pairs = [...params].filter(([name]) => name !== 'Signature');
  pairs.sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/** `METHOD&%2F&` + the canonicalized query string encoded a second time. */
export function rpcV1StringToSign(method: string, params: Iterable<readonly [string, string]>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizeRpcV1(params))}`;
}

/** Base64(HMAC-SHA1(secret + `&`, stringToSign)). */
export function rpcV1Signature(stringToSign: string, accessKeySecret: string): string {
  return hmacSha1Base64(`${accessKeySecret}&`, stringToSign);
}

/**
 * Signs an RPC request: adds the common parameters (`Format=JSON` unless the
 * caller set `Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
 * `SignatureNonce`, `Timestamp`, optional `SecurityToken`) and `Signature`.
 */
export function signRpcV1(input: SignRpcV1Input): SignedRpcV1 {
  const owned = new Set<string>(RPC_V1_AUTH_PARAMS);
  const params: Array<[string, string]> = [];
  for (const [name, value] of input.params) if (!owned.has(name)) params.push([name, value]);
  if (!params.some(([name]) => name === 'Format')) params.push(['Format', 'JSON']);
  params.push(
    ['AccessKeyId', input.accessKeyId],
    ['SignatureMethod', RPC_V1_SIGNATURE_METHOD],
    ['SignatureVersion', RPC_V1_SIGNATURE_VERSION],
    ['SignatureNonce', input.nonce],
    ['Timestamp', formatAlibabaTimestamp(input.timestamp)],
  );
  if (input.securityToken !== undefined) params.push(['SecurityToken', input.securityToken]);
  const canonicalizedQueryString = canonicalizeRpcV1(params);
  const stringToSign = `${input.method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString)}`;
  const signature = rpcV1Signature(stringToSign, input.accessKeySecret);
  params.push(['Signature', signature]);
  return { params, canonicalizedQueryString, stringToSign, signature };
}

/** Input of {@link verifyRpcV1}. */
export interface VerifyRpcV1Input {
  /** HTTP method as received. */
  readonly method: string;
  /** Every decoded pair as received (query and body), e.g. from `parseRpcRequest`. */
  readonly params: ReadonlyArray<readonly [string, string]>;
  /** The secret of an AccessKey id, or undefined if unknown. */
  readonly secretFor: (accessKeyId: string) => string | undefined;
  readonly now: Date;
  /** Allowed |now − Timestamp|; see `ALIBABA_DEFAULT_MAX_SKEW_MS`. */
  readonly maxSkewMs: number;
  /**
   * Records a nonce and says whether it had been seen before. Called at most
   * once, and only after the signature checked out, so forged requests cannot
   * burn nonces.
   */
  readonly seenNonce: (nonce: string) => boolean;
}

/** A request whose RPC v1 signature checked out. */
export interface RpcV1Verified {
  readonly ok: true;
  readonly accessKeyId: string;
  readonly nonce: string;
  readonly timestamp: Date;
  /** `SecurityToken` if sent; validating it is the caller's job. */
  readonly securityToken: string | undefined;
  readonly stringToSign: string;
}

/** Result of {@link verifyRpcV1}. */
export type RpcV1VerifyResult = RpcV1Verified | AlibabaAuthFailure;

const REQUIRED = ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'] as const;

/**
 * Verifies an RPC v1 signature over exactly the pairs received. Check order
 * (the gateway's own order is undocumented; secret-independent checks first):
 * missing/empty common parameter → `MissingParameter`; a duplicated one or an
 * unsupported method/version → `IncompleteSignature`; bad `Timestamp` →
 * `InvalidTimeStamp.Format`/`.Expired`; unknown key →
 * `InvalidAccessKeyId.NotFound`; wrong signature → `SignatureDoesNotMatch`
 * (message carries the server string to sign); replayed nonce →
 * `SignatureNonceUsed`.
 */
export function verifyRpcV1(input: VerifyRpcV1Input): RpcV1VerifyResult {
  const values = new Map<string, string[]>();
  for (const [name, value] of input.params) {
    if (!(RPC_V1_AUTH_PARAMS as readonly string[]).includes(name)) continue;
    const list = values.get(name) ?? [];
    list.push(value);
    values.set(name, list);
  }
  for (const name of REQUIRED) {
    const list = values.get(name);
    if (list === undefined || list.every((value) => value === '')) {
      return alibabaAuthFailure('MissingParameter', { parameter: name });
    }
  }
  for (const [name, list] of values) {
    if (list.length > 1) {
      return alibabaAuthFailure('IncompleteSignature', {
        message: `The request signature does not conform to Aliyun standards. Parameter "${name}" was given ${list.length} times.`,
      });
    }
  }
  const single = (name: (typeof RPC_V1_AUTH_PARAMS)[number]): string => values.get(name)?.[0] ?? '';
  const stringToSign = rpcV1StringToSign(input.method, input.params);

  if (single('SignatureMethod') !== RPC_V1_SIGNATURE_METHOD || single('SignatureVersion') !== RPC_V1_SIGNATURE_VERSION) {
    return alibabaAuthFailure('IncompleteSignature', { stringToSign });
  }
  const timestamp = parseAlibabaTimestamp(single('Timestamp'));
  if (timestamp === undefined) return alibabaAuthFailure('InvalidTimeStamp.Format');
  if (Math.abs(input.now.getTime() - timestamp.getTime()) > input.maxSkewMs) {
    return alibabaAuthFailure('InvalidTimeStamp.Expired');
  }
  const accessKeyId = single('AccessKeyId');
  const secret = input.secretFor(accessKeyId);
  if (secret === undefined) return alibabaAuthFailure('InvalidAccessKeyId.NotFound');
  if (!constantTimeEqual(rpcV1Signature(stringToSign, secret), single('Signature'))) {
    return alibabaAuthFailure('SignatureDoesNotMatch', { stringToSign });
  }
  const nonce = single('SignatureNonce');
  if (input.seenNonce(nonce)) return alibabaAuthFailure('SignatureNonceUsed');
  const token = values.get('SecurityToken')?.[0];
  return { ok: true, accessKeyId, nonce, timestamp, securityToken: token, stringToSign };
}
