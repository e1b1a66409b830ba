import { randomUUID } from 'node:crypto';
import { serializeFormUrlEncoded } from './form-urlencoded.ts';
import { flattenRpcParams } from './rpc-params.ts';
import { signAcs3 } from './signing/alibaba-acs3.ts';
import { signRpcV1 } from './signing/alibaba-rpc-v1.ts';
import type { WireRequest } from './wire-request.ts';

/** Alibaba credentials: an AccessKey pair, optionally with an STS token. */
export interface AlibabaCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** `v1`: signature 1.0, HMAC-SHA1 in the parameters (pop-core); `acs3`: ACS3-HMAC-SHA256 in headers (current SDKs). @default 'v1' */
  readonly signature?: 'v1' | 'acs3';
}

/** Deliberate breaks of the protocol, for wire-level cases: another method or path, a protocol parameter left out, other body bytes. */
export interface RpcWireBreak {
  /** Sent with this method (the parameters stay in a form body). */
  readonly method?: string;
  /** Sent to this path instead of `/`. */
  readonly path?: string;
  /** Protocol parameters left out. */
  readonly omit?: readonly ('Action' | 'Version')[];
  /** Appended to the form body as is, after signing (broken percent-encoding). */
  readonly appendRaw?: string;
}

/** What an RPC call needs besides its business parameters. */
export interface RpcCall {
  readonly endpoint: string;
  readonly action: string;
  readonly version: string;
  /** `POST` sends every parameter in a form body (long values fit), `GET` in the query string. @default 'POST' */
  readonly method?: 'GET' | 'POST';
  /** Breaks of the protocol for a wire-level case. @default none */
  readonly breaks?: RpcWireBreak;
  readonly credentials?: AlibabaCredentials;
  /** Signing time. @default now */
  readonly now?: Date;
  readonly nonce?: string;
}

/**
 * Builds an Alibaba RPC request: business parameters flattened (`DataDisk.1.Size`), common parameters
 * added, and with credentials a signature 1.0 (HMAC-SHA1) over exactly the parameters sent.
 */
export function buildRpcRequest(params: Readonly<Record<string, unknown>>, call: RpcCall): WireRequest {
  const breaks = call.breaks ?? {};
  const method = breaks.method ?? call.method ?? 'POST';
  const business = flattenRpcParams(params);
  if (call.credentials?.signature === 'acs3') return withBreaks(buildAcs3Request(business, call, method === 'GET' ? 'GET' : 'POST'), breaks);
  const common: [string, string][] = (
    [
      ['Action', call.action],
      ['Version', call.version],
      ['Format', 'JSON'],
    ] as [string, string][]
  ).filter(([name]) => !(breaks.omit as readonly string[] | undefined)?.includes(name));
  const all = call.credentials
    ? signRpcV1({
        method,
        params: [...common, ...business],
        accessKeyId: call.credentials.accessKeyId,
        accessKeySecret: call.credentials.accessKeySecret,
        ...(call.credentials.securityToken ? { securityToken: call.credentials.securityToken } : {}),
        timestamp: call.now ?? new Date(),
        nonce: call.nonce ?? randomUUID(),
      }).params
    : [...common, ...business];
  const encoded = serializeFormUrlEncoded(all);
  const base = call.endpoint.replace(/\/+$/, '');
  const request: WireRequest =
    method === 'GET'
      ? { method, url: `${base}/?${encoded}`, headers: { accept: 'application/json' } }
      : { method, url: `${base}/`, headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body: encoded };
  return withBreaks(request, breaks);
}

/** A built request moved to another path, or with raw bytes appended to its body. */
function withBreaks(request: WireRequest, breaks: RpcWireBreak): WireRequest {
  const url = breaks.path === undefined ? request.url : request.url.replace(/^(https?:\/\/[^/]+)\/(?=\?|$)/, `$1${breaks.path}`);
  const body = breaks.appendRaw === undefined ? request.body : `${request.body ?? ''}${breaks.appendRaw}`;
  return { ...request, url, ...(body === undefined ? {} : { body }) };
}

/**
 * The ACS3-HMAC-SHA256 form: Action and Version travel as x-acs-* headers, the parameters in the
 * query (GET) or a form body (POST: long values would overflow a request line), the signature in
 * Authorization over exactly those bytes.
 */
function buildAcs3Request(business: [string, string][], call: RpcCall, method: 'GET' | 'POST'): WireRequest {
  const credentials = call.credentials as AlibabaCredentials;
  const base = call.endpoint.replace(/\/+$/, '');
  const body = method === 'POST' ? serializeFormUrlEncoded(business) : undefined;
  const signed = signAcs3({
    method,
    host: new URL(base).host,
    pathname: '/',
    ...(method === 'GET' ? { query: business } : {}),
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    ...(body === undefined ? {} : { body }),
    action: call.action,
    version: call.version,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
    date: call.now ?? new Date(),
    nonce: call.nonce ?? randomUUID(),
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
  return { method, url: `${base}${signed.target}`, headers, ...(body === undefined ? {} : { body }) };
}
