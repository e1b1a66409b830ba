/**
 * Huawei Cloud AK/SK signing, algorithm `SDK-HMAC-SHA256`: reference B.1.
 *
 * @module
 */

import { decodeFormComponent, parseFormUrlEncoded } from '../form-urlencoded.ts';
import { percentEncode } from '../percent-encode.ts';
import { constantTimeEqual, hmacSha256Hex, sha256Hex } from './crypto.ts';
import { type ReceivedRequest, splitTarget } from './received-request.ts';
import { formatSdkDate, parseSdkDate } from './timestamps.ts';

/** The algorithm name in the Authorization header and the string to sign. */
export const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256';
/** `X-Sdk-Content-Sha256` value that replaces the payload hash. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** Allowed |now − X-Sdk-Date| (APIG FAQ: 15 minutes). */
export const HUAWEI_DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** Input of {@link signHuawei}. */
export interface SignHuaweiInput {
  readonly method: string;
  /** Absolute URL; its host is signed as `host`, its query canonicalized. */
  readonly url: string | URL;
  /** Headers to send; all are signed (add unsigned ones afterwards). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly ak: string;
  readonly sk: string;
  readonly date: Date;
}

/** Output of {@link signHuawei}. */
export interface SignedHuawei {
  /** Caller's headers plus `X-Sdk-Date` and `Authorization` (Host comes from the URL). */
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

/**
 * Each raw path segment percent-decoded then RFC 3986-encoded (Go SDK
 * behaviour), and always a trailing `/`, even though the request line has none.
 */
export function huaweiCanonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split('/')
    .map((segment) => percentEncode(decodeFormComponent(segment, false).value))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Pairs sorted by raw name then value (multi-valued names sorted), both RFC 3986-encoded. */
export function huaweiCanonicalQuery(pairs: Iterable<readonly [string, string]>): string {
  const sorted = [...pairs].sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
  return sorted.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/** The canonical request; `headerValue` gets lower-case names. */
export function huaweiCanonicalRequest(parts: {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  signedHeaders: readonly string[];
  headerValue: (name: string) => string;
  payloadHash: string;
}): string {
  const canonicalHeaders = parts.signedHeaders.map((name) => `${name}:${parts.headerValue(name).trim()}\n`).join('');
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

/** `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`. */
export function huaweiStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${HUAWEI_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * Signs a request. Every given header is signed, plus `host` (from the URL
 * unless a Host header is given) and `x-sdk-date`. With
 * `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` the body is not hashed.
 */
export function signHuawei(input: SignHuaweiInput): SignedHuawei {
  const url = new URL(input.url);
  const headers: Record<string, string> = {};
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const key = name.toLowerCase();
    if (key === 'x-sdk-date' || key === 'authorization') continue;
    headers[name] = value;
    const previous = lower.get(key);
    lower.set(key, previous === undefined ? value : `${previous},${value}`);
  }
  const sdkDate = formatSdkDate(input.date);
  headers['X-Sdk-Date'] = sdkDate;
  lower.set('x-sdk-date', sdkDate);
  if (!lower.has('host')) lower.set('host', url.host);

  const signedHeaders = [...lower.keys()].sort(compareCodeUnits);
  const payloadHash = lower.get('x-sdk-content-sha256') === UNSIGNED_PAYLOAD ? UNSIGNED_PAYLOAD : sha256Hex(input.body ?? '');
  const canonicalRequest = huaweiCanonicalRequest({
    method: input.method,
    canonicalUri: huaweiCanonicalUri(url.pathname),
    canonicalQuery: huaweiCanonicalQuery(parseFormUrlEncoded(url.search.slice(1)).pairs),
    signedHeaders,
    headerValue: (name) => lower.get(name) ?? '',
    payloadHash,
  });
  const stringToSign = huaweiStringToSign(sdkDate, canonicalRequest);
  const signature = hmacSha256Hex(input.sk, stringToSign);
  const authorization = `${HUAWEI_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  headers['Authorization'] = authorization;
  return { headers, signedHeaders, canonicalRequest, stringToSign, signature, authorization };
}

/** Why a Huawei AK/SK check failed (the gateway says APIGW.0301 for all of them). */
export type HuaweiAuthFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unsupported-algorithm'
  | 'missing-date'
  | 'malformed-date'
  | 'date-expired'
  | 'date-not-signed'
  | 'signed-header-missing'
  | 'unknown-access-key'
  | 'signature-mismatch';

/** A failed check; body shape `{error_code, error_msg, request_id}` (reference B.2). */
export interface HuaweiAuthFailure {
  readonly ok: false;
  readonly errorCode: 'APIGW.0301';
  /** 401: from third-party mocks of the gateway, not the official table (reference B.2). */
  readonly httpStatus: 401;
  readonly reason: HuaweiAuthFailureReason;
  /** `Incorrect IAM authentication information: <detail>`. */
  readonly message: string;
  readonly canonicalRequest?: string;
}

/** A request whose signature checked out. */
export interface HuaweiVerified {
  readonly ok: true;
  readonly accessKeyId: string;
  readonly date: Date;
  readonly signedHeaders: string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** Result of {@link verifyHuawei}. */
export type HuaweiVerifyResult = HuaweiVerified | HuaweiAuthFailure;

/** Input of {@link verifyHuawei}. */
export interface VerifyHuaweiInput {
  readonly request: ReceivedRequest;
  readonly secretFor: (accessKeyId: string) => string | undefined;
  readonly now: Date;
  /** Default {@link HUAWEI_DEFAULT_MAX_SKEW_MS}. */
  readonly maxSkewMs?: number;
}

/** Parsed `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`. */
export interface HuaweiAuthorization {
  readonly algorithm: string;
  readonly access: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

/** Parses a Huawei Authorization header; a string says what is wrong. */
export function parseHuaweiAuthorization(value: string): HuaweiAuthorization | string {
  const space = value.indexOf(' ');
  if (space <= 0) return 'authorization has no algorithm';
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) return `authorization part "${part.trim()}" is not key=value`;
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) return `authorization part "${key}" appears twice`;
    fields.set(key, part.slice(eq + 1).trim());
  }
  const access = fields.get('Access');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (access === undefined || access === '') return 'authorization has no Access';
  if (signedHeaders === undefined || signedHeaders === '') return 'authorization has no SignedHeaders';
  if (signature === undefined || signature === '') return 'authorization has no Signature';
  return { algorithm, access, signedHeaders: signedHeaders.split(';'), signature };
}

function fail(reason: HuaweiAuthFailureReason, detail: string, canonicalRequest?: string): HuaweiAuthFailure {
  return {
    ok: false,
    errorCode: 'APIGW.0301',
    httpStatus: 401,
    reason,
    message: `Incorrect IAM authentication information: ${detail}`,
    ...(canonicalRequest === undefined ? {} : { canonicalRequest }),
  };
}

/**
 * Verifies an `SDK-HMAC-SHA256` request from the received bytes, rebuilding
 * CanonicalHeaders from exactly the SignedHeaders list of the Authorization
 * header (which must be lower-case, sorted, unique, include `x-sdk-date`, and
 * name only headers that are present). The payload hash is computed from the
 * body unless `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`. Messages follow the
 * gateway's `Incorrect IAM authentication information: …` wording; the
 * mismatch message echoes the canonical request with `|` for newlines, as APIG does.
 */
export function verifyHuawei(input: VerifyHuaweiInput): HuaweiVerifyResult {
  const { request } = input;
  const authorization = request.headers.get('authorization');
  // Without AK/SK the gateway falls back to token auth and reports the missing token.
  if (authorization === null) return fail('missing-authorization', 'x-auth-token not found');
  const parsed = parseHuaweiAuthorization(authorization);
  if (typeof parsed === 'string') return fail('malformed-authorization', `verify aksk signature fail, ${parsed}`);
  if (parsed.algorithm !== HUAWEI_ALGORITHM) {
    return fail('unsupported-algorithm', `verify aksk signature fail, unsupported algorithm ${parsed.algorithm}`);
  }
  const signed = parsed.signedHeaders;
  for (let i = 0; i < signed.length; i++) {
    const name = signed[i] ?? '';
    if (name === '' || name !== name.toLowerCase() || (i > 0 && compareCodeUnits(signed[i - 1] ?? '', name) >= 0)) {
      return fail('malformed-authorization', 'verify aksk signature fail, SignedHeaders must be lower-case, sorted and unique');
    }
  }
  const sdkDate = request.headers.get('x-sdk-date');
  if (sdkDate === null) return fail('missing-date', 'verify aksk signature fail, x-sdk-date not found');
  if (!signed.includes('x-sdk-date')) return fail('date-not-signed', 'verify aksk signature fail, x-sdk-date is not signed');
  const date = parseSdkDate(sdkDate);
  if (date === undefined) return fail('malformed-date', 'verify aksk signature fail, x-sdk-date is not YYYYMMDDTHHMMSSZ');
  if (Math.abs(input.now.getTime() - date.getTime()) > (input.maxSkewMs ?? HUAWEI_DEFAULT_MAX_SKEW_MS)) {
    return fail('date-expired', 'verify aksk signature fail, signature expired');
  }
  for (const name of signed) {
    if (request.headers.get(name) === null) {
      return fail('signed-header-missing', `verify aksk signature fail, signed header ${name} not found`);
    }
  }
  const secret = input.secretFor(parsed.access);
  if (secret === undefined) return fail('unknown-access-key', `Get secretKey failed,ak:${parsed.access},err:ak not exist`);

  const { path, query } = splitTarget(request.target);
  const unsigned = request.headers.get('x-sdk-content-sha256') === UNSIGNED_PAYLOAD;
  const canonicalRequest = huaweiCanonicalRequest({
    method: request.method,
    canonicalUri: huaweiCanonicalUri(path),
    canonicalQuery: huaweiCanonicalQuery(parseFormUrlEncoded(query).pairs),
    signedHeaders: signed,
    headerValue: (name) => request.headers.get(name) ?? '',
    payloadHash: unsigned ? UNSIGNED_PAYLOAD : sha256Hex(request.body),
  });
  const stringToSign = huaweiStringToSign(sdkDate, canonicalRequest);
  if (!constantTimeEqual(hmacSha256Hex(secret, stringToSign), parsed.signature)) {
    return fail(
      'signature-mismatch',
      `verify aksk signature fail, canonicalRequest:${canonicalRequest.replaceAll('\n', '|')}`,
      canonicalRequest,
    );
  }
  return { ok: true, accessKeyId: parsed.access, date, signedHeaders: signed, canonicalRequest, stringToSign };
}
