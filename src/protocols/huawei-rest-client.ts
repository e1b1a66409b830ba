import { signHuawei } from './signing/huawei-sdk-hmac-sha256.ts';
import type { WireRequest } from './wire-request.ts';

/** Huawei credentials: AK/SK for SDK-HMAC-SHA256 signing, or an IAM token. */
export type HuaweiCredentials = { readonly ak: string; readonly sk: string; readonly securityToken?: string } | { readonly token: string };

/** What a REST call needs besides its JSON body. */
export interface RestCall {
  readonly endpoint: string;
  readonly method: string;
  /** Path template such as `/v2/{project_id}/migration-task`. */
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly projectId?: string;
  readonly credentials?: HuaweiCredentials;
  readonly now?: Date;
  /** Body bytes sent as they are instead of the JSON of the body (wire-level cases: malformed JSON, an empty body). */
  readonly rawBody?: string;
  /** The content type; null sends none. @default 'application/json' */
  readonly contentType?: string | null;
}

/** Fills `{name}` placeholders, percent-encoding each value as one path segment. */
export function fillPath(template: string, parameters: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`fillPath: no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** Builds a Huawei REST request with a JSON body, signed with AK/SK or carrying an X-Auth-Token. */
export function buildRestRequest(body: unknown, call: RestCall): WireRequest {
  const url = `${call.endpoint.replace(/\/+$/, '')}${fillPath(call.path, call.pathParameters)}`;
  const text = call.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const contentType = call.contentType === undefined ? 'application/json' : call.contentType;
  const headers: Record<string, string> = { ...(contentType === null ? {} : { 'content-type': contentType }), accept: 'application/json', ...(call.projectId ? { 'x-project-id': call.projectId } : {}) };
  const credentials = call.credentials;
  if (credentials && 'token' in credentials) return { method: call.method, url, headers: { ...headers, 'x-auth-token': credentials.token }, ...(text === undefined ? {} : { body: text }) };
  if (credentials) {
    const extra = credentials.securityToken ? { 'x-security-token': credentials.securityToken } : {};
    const signed = signHuawei({ method: call.method, url, headers: { ...headers, ...extra }, ...(text === undefined ? {} : { body: text }), ak: credentials.ak, sk: credentials.sk, date: call.now ?? new Date() });
    return { method: call.method, url, headers: signed.headers, ...(text === undefined ? {} : { body: text }) };
  }
  return { method: call.method, url, headers, ...(text === undefined ? {} : { body: text }) };
}
