import type { Exchange, TransportFailureKind } from '../protocols/exchange.ts';
import type { WireRequest, WireResponse } from '../protocols/wire-request.ts';
import { exchangeHttp } from './http-exchange.ts';

export type { Exchange, TransportFailureKind } from '../protocols/exchange.ts';

/** Options of {@link send}. */
export interface SendOptions {
  /** Per-request timeout. @default 10000 */
  readonly timeoutMs?: number;
  /** Retries after a throttling answer. @default 3 */
  readonly retries?: number;
  /** Longest wait between retries, whatever Retry-After says. @default 5000 */
  readonly maxRetryDelayMs?: number;
  /** Called before every attempt (rate limiting). */
  readonly beforeAttempt?: () => Promise<void>;
  /** Whether an answer is throttling, to be retried (the contract's catalogue knows the codes). @default status 429 */
  readonly throttled?: (response: WireResponse) => boolean;
  readonly signal?: AbortSignal;
}

function retryDelayMs(response: WireResponse, attempt: number, max: number): number {
  const header = response.headers['retry-after'] ?? response.headers['x-acs-retry-after'];
  const seconds = header === undefined ? Number.NaN : Number(header);
  const wanted = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 200 * 2 ** attempt;
  return Math.min(wanted, max);
}

/** Node's codes for a certificate it does not trust (self-signed, unknown issuer, expired, another name). */
const untrustedCertificate = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function classify(error: unknown): { kind: TransportFailureKind; message: string } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: 'no response before the timeout' };
  if (name === 'OversizedAnswerError') return { kind: 'oversized', message: (error as Error).message };
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: 'connection refused' };
  if (untrustedCertificate.test(code)) return { kind: 'tls', message: `its TLS certificate is not trusted (${code}); to trust a private CA, set NODE_EXTRA_CA_CERTS to its PEM file` };
  if (code === 'EPROTO' || code.startsWith('ERR_SSL')) {
    // OpenSSL's text runs over lines of internals (`…:SSL routines:func:reason:file.c:77:`): the reason is what a user can act on.
    const text = cause?.message ?? (error as Error).message;
    const reason = /:([^:\n]+):[^:\n]*\.c:\d+/.exec(text)?.[1] ?? text.split('\n')[0];
    // A plain HTTP server's answer read as a TLS record.
    if (/wrong version number|packet length too long|http request/i.test(text)) return { kind: 'tls', message: `it does not speak TLS there (${code}: ${reason}); is the scheme http:// rather than https://?` };
    return { kind: 'tls', message: `the TLS handshake failed (${code}: ${reason})` };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { kind: 'reset', message: `connection reset (${code})` };
  // Bytes that are no HTTP answer (node's parser: HPE_…).
  if (code.startsWith('HPE_')) return { kind: 'other', message: `not an HTTP answer: ${(error as Error).message} (${code})` };
  return { kind: 'other', message: `${cause?.message ?? (error as Error).message}${code ? ` (${code})` : ''}` };
}

/**
 * Sends a request, rebuilding it for every attempt (a signature's nonce must not repeat), retrying
 * bounded times on throttling. A timeout or a broken connection comes back as a failure, never a throw.
 */
export async function send(build: () => WireRequest, options: SendOptions = {}): Promise<Exchange> {
  const retries = options.retries ?? 3;
  const started = performance.now();
  let request = build();
  for (let attempt = 0; ; attempt += 1) {
    await options.beforeAttempt?.();
    try {
      const response = await exchangeHttp(request, { timeoutMs: options.timeoutMs ?? 10_000, ...(options.signal ? { signal: options.signal } : {}) });
      if (attempt < retries && (options.throttled ?? ((r: WireResponse) => r.status === 429))(response)) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(response, attempt, options.maxRetryDelayMs ?? 5000)));
        request = build();
        continue;
      }
      return { request, response, durationMs: performance.now() - started, attempts: attempt + 1 };
    } catch (error) {
      return { request, failure: classify(error), durationMs: performance.now() - started, attempts: attempt + 1 };
    }
  }
}

/** Spaces calls to at most `perSecond`; unlimited when undefined. */
export function createRateLimiter(perSecond: number | undefined): () => Promise<void> {
  if (perSecond === undefined || perSecond <= 0) return async () => undefined;
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}

/**
 * Runs `task` over `items` with at most `concurrency` at once, in order of start. Items are pulled as
 * workers free up, so a lazy iterable (a plan made family by family) is never held whole.
 */
export async function forEachConcurrently<T>(items: Iterable<T>, concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let next = 0;
  let finished = false;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (finished) return;
      const pulled = iterator.next();
      if (pulled.done) {
        finished = true;
        return;
      }
      const index = next;
      next += 1;
      await task(pulled.value, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
