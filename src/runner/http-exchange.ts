import http from 'node:http';
import https from 'node:https';
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

/**
 * One HTTP exchange, the request's bytes exactly as built (no header added but `content-length`, no
 * redirect followed, no decompression), over kept-alive connections: node:http costs a fifth of
 * fetch per request, which a run of tens of thousands of cases feels. Rejects when no answer comes:
 * a timeout (`TimeoutError`), the signal (`AbortError`), a body past `maxBodyBytes`
 * (`OversizedAnswerError`, default {@link answerBodyLimit}), or the connection's error (its `code`).
 */
export function exchangeHttp(request: WireRequest, options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly maxBodyBytes?: number }): Promise<WireResponse> {
  const maxBodyBytes = options.maxBodyBytes ?? answerBodyLimit;
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) return reject(new Error(`unsupported scheme ${url.protocol}`));
    if (options.signal?.aborted) return reject(new AbortError('the run was stopped'));
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers = body === undefined ? request.headers : { ...request.headers, 'content-length': String(body.length) };
    const send = url.protocol === 'https:' ? https.request : http.request;
    const outgoing = send(url, { method: request.method, headers, agent }, (response) => {
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
        resolve({ status: response.statusCode ?? 0, headers: headersOf(response), body: Buffer.concat(chunks).toString('utf8') });
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
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
