/**
 * The exact request a verifier checks: method, raw request-target, headers and
 * body bytes as they arrived.
 *
 * @module
 */

/** A request as received on the wire. */
export interface ReceivedRequest {
  /** HTTP method as received (e.g. `POST`). */
  readonly method: string;
  /**
   * The request-target as received: path plus optional `?query`, e.g.
   * `/?Action=X` (node's `IncomingMessage.url`). An absolute URL is accepted too.
   */
  readonly target: string;
  readonly headers: Headers;
  /** Raw body bytes (empty if none). */
  readonly body: Uint8Array;
}

/** Raw path and query (without `?`) of a request-target; any fragment is dropped. */
export function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(rest);
  if (scheme !== null) rest = rest.slice(scheme[0].length);
  const question = rest.indexOf('?');
  const path = question === -1 ? rest : rest.slice(0, question);
  const query = question === -1 ? '' : rest.slice(question + 1);
  return { path: path === '' ? '/' : path, query };
}

/**
 * Snapshot of a web `Request` for the verifiers (Host is taken from the URL
 * when absent from the headers). Note the WHATWG URL parser
 * has already normalized the target a little (e.g. spaces become `%20`),
 * which the verifiers tolerate because they decode before re-encoding.
 */
export async function receiveRequest(request: Request): Promise<ReceivedRequest> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  // A web Request keeps Host in its URL, not its headers; the wire had it.
  if (!headers.has('host')) headers.set('host', url.host);
  return {
    method: request.method,
    target: `${url.pathname}${url.search}`,
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
  };
}
