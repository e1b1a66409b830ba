/**
 * Alibaba `ACS3-HMAC-SHA256` (signature V3): reference A.2.
 *
 * @module
 */

import { decodeFormComponent, parseFormUrlEncoded, serializeFormUrlEncoded } from '../form-urlencoded.ts';
import { percentEncode } from '../percent-encode.ts';
import { type AlibabaAuthFailure, alibabaAuthFailure } from './alibaba-auth-error.ts';
import { constantTimeEqual, hmacSha256Hex, sha256Hex } from './crypto.ts';
import { type ReceivedRequest, splitTarget } from './received-request.ts';
import { formatAlibabaTimestamp, parseAlibabaTimestamp } from './timestamps.ts';

/** The only V3 algorithm implemented (SM3 and RSA variants exist but are opt-in). */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Input of {@link signAcs3}. */
export interface SignAcs3Input {
  readonly method: string;
  /** Host header value, e.g. `smc.aliyuncs.com` (with `:port` if not default). */
  readonly host: string;
  /** Unencoded path; `/` for RPC-style APIs (default). */
  readonly pathname?: string;
  /** Business parameters for the query string (already flattened). */
  readonly query?: Iterable<readonly [string, string]>;
  /** Extra headers; `content-type` and every `x-acs-*` among them are signed. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly action: string;
  readonly version: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token: adds `x-acs-accesskey-id` and `x-acs-security-token`. */
  readonly securityToken?: string;
  readonly date: Date;
  readonly nonce: string;
}

/** Output of {@link signAcs3}. */
export interface SignedAcs3 {
  /** Request-target to send: encoded path plus `?query` (RFC 3986, as signed). */
  readonly target: string;
  /** All headers to send, lower-case names, `authorization` included. */
  readonly headers: Record<string, string>;
  readonly signedHeaders: string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** Lower-hex signature. */
  readonly signature: string;
  readonly authorization: string;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each `/`-separated segment RFC 3986-encoded; input segments are taken as unencoded. */
export function acs3CanonicalUri(pathname: string): string {
  return pathname === '' ? '/' : pathname.split('/').map(percentEncode).join('/');
}

/**
 * Sorted by raw name (code units; ties by value), name and value RFC
 * 3986-encoded, `name=` kept for empty values. The docs encode names too; the
 * TS SDK does not, which only differs for names outside `A–Z a–z 0–9 - _ . ~`.
 */
export function acs3CanonicalQuery(pairs: Iterable<readonly [string, string]>): string {
  const sorted = [...pairs].sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
  return sorted.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/** Whether a (lower-case) header name is signed by the ACS3 signer. */
export function isAcs3SignedHeaderName(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

/** The canonical request from its parts; `headers` maps lower-case names to values. */
export function acs3CanonicalRequest(parts: {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  signedHeaders: readonly string[];
  headerValue: (name: string) => string;
  hashedPayload: string;
}): string {
  const canonicalHeaders = parts.signedHeaders.map((name) => `${name}:${parts.headerValue(name).trim()}\n`).join('');
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    parts.hashedPayload,
  ].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Signs a request with ACS3-HMAC-SHA256; the key is the secret itself (no `&`). */
export function signAcs3(input: SignAcs3Input): SignedAcs3 {
  const body = input.body ?? '';
  const hashedPayload = sha256Hex(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const lower = name.toLowerCase();
    headers[lower] = lower in headers ? `${headers[lower]},${value}` : value;
  }
  Object.assign(headers, {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': formatAlibabaTimestamp(input.date),
    'x-acs-signature-nonce': input.nonce,
    'x-acs-content-sha256': hashedPayload,
  });
  if (input.securityToken !== undefined) {
    headers['x-acs-accesskey-id'] = input.accessKeyId;
    headers['x-acs-security-token'] = input.securityToken;
  }
  const signedHeaders = Object.keys(headers).filter(isAcs3SignedHeaderName).sort(compareCodeUnits);
  const pathname = input.pathname ?? '/';
  const query = [...(input.query ?? [])];
  const canonicalRequest = acs3CanonicalRequest({
    method: input.method,
    canonicalUri: acs3CanonicalUri(pathname),
    canonicalQuery: acs3CanonicalQuery(query),
    signedHeaders,
    headerValue: (name) => headers[name] ?? '',
    hashedPayload,
  });
  const stringToSign = acs3StringToSign(canonicalRequest);
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  const authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  headers['authorization'] = authorization;
  const queryString = serializeFormUrlEncoded(query);
  return {
    target: `${acs3CanonicalUri(pathname)}${queryString === '' ? '' : `?${queryString}`}`,
    headers,
    signedHeaders,
    canonicalRequest,
    stringToSign,
    signature,
    authorization,
  };
}

/** Input of {@link verifyAcs3}. */
export interface VerifyAcs3Input {
  readonly request: ReceivedRequest;
  readonly secretFor: (accessKeyId: string) => string | undefined;
  readonly now: Date;
  /** Allowed |now − x-acs-date|; see `ALIBABA_DEFAULT_MAX_SKEW_MS`. */
  readonly maxSkewMs: number;
  /** Records a nonce, says whether it was seen before; only called for valid signatures. */
  readonly seenNonce: (nonce: string) => boolean;
}

/** A request whose ACS3 signature checked out. */
export interface Acs3Verified {
  readonly ok: true;
  readonly accessKeyId: string;
  readonly action: string;
  readonly version: string;
  readonly nonce: string;
  readonly date: Date;
  readonly securityToken: string | undefined;
  readonly signedHeaders: string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** Result of {@link verifyAcs3}. */
export type Acs3VerifyResult = Acs3Verified | AlibabaAuthFailure;

/** Parsed `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`. */
export interface Acs3Authorization {
  readonly algorithm: string;
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

/** Parses an ACS3 Authorization header; a string says what is wrong. */
export function parseAcs3Authorization(value: string): Acs3Authorization | string {
  const space = value.indexOf(' ');
  if (space <= 0) return 'Authorization header has no algorithm and credential parts.';
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) return `Authorization part "${part.trim()}" is not key=value.`;
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) return `Authorization part "${key}" appears twice.`;
    fields.set(key, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || credential === '') return 'Authorization has no Credential.';
  if (signedHeaders === undefined || signedHeaders === '') return 'Authorization has no SignedHeaders.';
  if (signature === undefined || signature === '') return 'Authorization has no Signature.';
  return { algorithm, credential, signedHeaders: signedHeaders.split(';'), signature };
}

const REQUIRED_HEADERS = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'] as const;
const SIGN_IF_PRESENT = ['content-type', 'x-acs-security-token', 'x-acs-accesskey-id'] as const;

function incomplete(detail: string, extra: { stringToSign?: string; canonicalRequest?: string } = {}): AlibabaAuthFailure {
  return alibabaAuthFailure('IncompleteSignature', {
    ...extra,
    message: `The request signature does not conform to Aliyun standards. ${detail}`,
  });
}

/**
 * Verifies an ACS3-HMAC-SHA256 request, rebuilding the canonical request from
 * the received bytes and exactly the SignedHeaders list of the Authorization
 * header. That list must be lower-case, sorted and unique (as every signer
 * produces it), name only present headers, and cover host, the six common
 * `x-acs-*` headers, plus `content-type`/STS headers when present. The
 * payload hash is computed from the body, and `x-acs-content-sha256` must
 * equal it. Failure codes as for RPC v1.
 */
export function verifyAcs3(input: VerifyAcs3Input): Acs3VerifyResult {
  const { request } = input;
  const authorization = request.headers.get('authorization');
  if (authorization === null) return alibabaAuthFailure('MissingParameter', { parameter: 'Authorization' });
  const parsed = parseAcs3Authorization(authorization);
  if (typeof parsed === 'string') return incomplete(parsed);
  if (parsed.algorithm !== ACS3_ALGORITHM) return incomplete(`Unsupported signature algorithm "${parsed.algorithm}".`);
  const signed = parsed.signedHeaders;
  for (let i = 0; i < signed.length; i++) {
    const name = signed[i] ?? '';
    if (name === '' || name !== name.toLowerCase() || (i > 0 && compareCodeUnits(signed[i - 1] ?? '', name) >= 0)) {
      return incomplete('SignedHeaders must be lower-case, sorted and unique.');
    }
  }
  for (const name of REQUIRED_HEADERS) {
    if (request.headers.get(name) === null) return alibabaAuthFailure('MissingParameter', { parameter: name });
  }
  for (const name of [...REQUIRED_HEADERS, ...SIGN_IF_PRESENT]) {
    if (request.headers.get(name) !== null && !signed.includes(name)) return incomplete(`Header "${name}" must be signed.`);
  }
  for (const name of signed) {
    if (request.headers.get(name) === null) return incomplete(`Signed header "${name}" is not in the request.`);
  }
  const header = (name: string): string => request.headers.get(name) ?? '';

  const date = parseAlibabaTimestamp(header('x-acs-date'));
  if (date === undefined) return alibabaAuthFailure('InvalidTimeStamp.Format');
  if (Math.abs(input.now.getTime() - date.getTime()) > input.maxSkewMs) {
    return alibabaAuthFailure('InvalidTimeStamp.Expired');
  }
  const secret = input.secretFor(parsed.credential);
  if (secret === undefined) return alibabaAuthFailure('InvalidAccessKeyId.NotFound');

  const { path, query } = splitTarget(request.target);
  const canonicalUri = path.split('/').map((segment) => percentEncode(decodeFormComponent(segment, false).value)).join('/');
  const hashedPayload = sha256Hex(request.body);
  const canonicalRequest = acs3CanonicalRequest({
    method: request.method,
    canonicalUri,
    canonicalQuery: acs3CanonicalQuery(parseFormUrlEncoded(query).pairs),
    signedHeaders: signed,
    headerValue: header,
    hashedPayload,
  });
  const stringToSign = acs3StringToSign(canonicalRequest);
  if (header('x-acs-content-sha256') !== hashedPayload) {
    return alibabaAuthFailure('SignatureDoesNotMatch', {
      stringToSign,
      canonicalRequest,
      message: 'Specified signature is not matched with our calculation. x-acs-content-sha256 does not match the request body.',
    });
  }
  if (!constantTimeEqual(hmacSha256Hex(secret, stringToSign), parsed.signature)) {
    return alibabaAuthFailure('SignatureDoesNotMatch', { stringToSign, canonicalRequest });
  }
  const nonce = header('x-acs-signature-nonce');
  if (input.seenNonce(nonce)) return alibabaAuthFailure('SignatureNonceUsed');
  return {
    ok: true,
    accessKeyId: parsed.credential,
    action: header('x-acs-action'),
    version: header('x-acs-version'),
    nonce,
    date,
    securityToken: request.headers.get('x-acs-security-token') ?? undefined,
    signedHeaders: signed,
    canonicalRequest,
    stringToSign,
  };
}
