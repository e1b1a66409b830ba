import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { WireRequest, WireResponse } from '../protocols/wire-request.ts';

/**
 * Connections kept open between requests, per scheme. Idle ones close after 4 s, before the 5 s a
 * typical server keeps them (Node's own default): a request never goes out on a connection the
 * server is closing at that moment.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 }),
} as const;

/**
 * The longest answer body read: far above any documented answer of these APIs (a few KiB), far below
 * what an endpoint streaming without end would fill memory with before the timeout.
 */
export const answerBodyLimit = 8 * 2 ** 20;

/** An answer whose body ran past the bound. */
class OversizedAnswerError extends Error {
  override readonly name = 'OversizedAnswerError';
}

/** No answer within the timeout. */
class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** The run was stopped while the request was in flight. */
class AbortError extends Error {
  override readonly name = 'AbortError';
}

function headersOf(response: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** A kept-alive connection the server had closed while it sat idle: the request never reached it. */
class StaleConnectionError extends Error {
  override readonly name = 'StaleConnectionError';
}

/** Connections a request may find closed under it in a row before one is opened for it (the agent's idle ones, at most). */
const staleConnectionRetries = 4;

/**
 * The body as sent, decoded when the server compressed it (`Content-Encoding` gzip, deflate or br: a
 * request without `Accept-Encoding` accepts any coding), to at most `maxBytes`; undecodable bytes are
 * kept as they came, for the checks to find them no JSON.
 */
function decoded(raw: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const coding = encoding?.trim().toLowerCase();
  const decode = coding === 'gzip' || coding === 'x-gzip' ? zlib.gunzipSync : coding === 'deflate' ? zlib.inflateSync : coding === 'br' ? zlib.brotliDecompressSync : undefined;
  if (!decode) return raw;
  try {
    return decode(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new OversizedAnswerError(`an answer body of more than ${maxBytes} bytes once decompressed`);
    return raw;
  }
}

/**
 * One HTTP exchange, the request's bytes exactly as built (no header added but `content-length`, no
 * redirect followed; a compressed answer decoded), over kept-alive connections: node:http costs a
 * fifth of fetch per request, which a run of tens of thousands of cases feels. A server may close an
 * idle connection at any time (RFC 9112 §9.5): a request that finds the kept-alive connection closed
 * before any answer goes out again on another. Rejects when no answer comes: a timeout
 * (`TimeoutError`), the signal (`AbortError`), a body past `maxBodyBytes` (`OversizedAnswerError`,
 * default {@link answerBodyLimit}), or the connection's error (its `code`).
 */
export async function exchangeHttp(request: WireRequest, options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly maxBodyBytes?: number }): Promise<WireResponse> {
  for (let stale = 0; ; stale += 1) {
    try {
      return await exchangeOnce(request, options);
    } catch (error) {
      if (!(error instanceof StaleConnectionError) || stale >= staleConnectionRetries) throw error instanceof StaleConnectionError ? error.cause : error;
    }
  }
}

function exchangeOnce(request: WireRequest, options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly maxBodyBytes?: number }): Promise<WireResponse> {
  const maxBodyBytes = options.maxBodyBytes ?? answerBodyLimit;
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) return reject(new Error(`unsupported scheme ${url.protocol}`));
    if (options.signal?.aborted) return reject(new AbortError('the run was stopped'));
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers = body === undefined ? request.headers : { ...request.headers, 'content-length': String(body.length) };
    const send = url.protocol === 'https:' ? https.request : http.request;
    let answered = false;
    const outgoing = send(url, { method: request.method, headers, agent }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        if (outgoing.destroyed) return;
        read += chunk.length;
        if (read <= maxBodyBytes) return void chunks.push(chunk);
        fail(new OversizedAnswerError(`an answer body of more than ${maxBodyBytes} bytes (the rest was not read)`));
        outgoing.destroy();
      });
      response.on('end', () => {
        settle();
        try {
          resolve({ status: response.statusCode ?? 0, headers: headersOf(response), body: decoded(Buffer.concat(chunks), response.headers['content-encoding'], maxBodyBytes).toString('utf8') });
        } catch (error) {
          reject(error as Error);
        }
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => outgoing.destroy(new TimeoutError('no response before the timeout')), options.timeoutMs);
    const onAbort = () => outgoing.destroy(new AbortError('the run was stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    function settle(): void {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
    function fail(error: Error): void {
      settle();
      reject(error);
    }
    outgoing.on('error', (error: Error & { code?: string }) => {
      const closedWhileIdle = outgoing.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      fail(closedWhileIdle ? new StaleConnectionError('the kept-alive connection was closed', { cause: error }) : error);
    });
    outgoing.end(body);
  });
}
