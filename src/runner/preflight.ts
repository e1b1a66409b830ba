import type { ApiId } from '../contract/apis.ts';
import { loadContract } from '../contract/load.ts';
import { fromLayerInFront } from '../checks/answer.ts';
import { TargetRefusedError, TargetUnreachableError } from '../errors/index.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { createDocumentSender } from './send-case.ts';
import { adapterOf, type Target } from '../adapters/index.ts';

/** Options of {@link preflight}. */
export interface PreflightOptions {
  readonly timeoutMs?: number;
  /** Retries of a throttled answer, with backoff. @default 5 */
  readonly retries?: number;
  readonly clock?: Clock;
}

/**
 * Proves, before any case, that the target speaks the operation and takes the credentials: one
 * request that validation must refuse (every required parameter missing). An answer of the
 * authentication or authorization class, throttling that outlasts the retries, a gateway's "no such
 * API" or a redirect, a proxy's server error (a bare 502, 503 or 504), a success that is not JSON, or
 * no answer at all ends the run with one line naming the code and what to check. Any other answer
 * lets the run go on: the cases judge it.
 */
export async function preflight(api: ApiId, target: Target, options: PreflightOptions = {}): Promise<void> {
  const contract = loadContract(api);
  const send = createDocumentSender(contract, target, options.clock ?? systemClock, { timeoutMs: options.timeoutMs ?? 10_000, retries: options.retries ?? 5 });
  const adapter = adapterOf(target);
  const { exchange, answer, body } = await send(adapter.preflightDocument(target));
  const endpoint = target.config.endpoint;
  if ('failure' in exchange && exchange.failure.kind === 'oversized') throw new TargetRefusedError(`${endpoint} answered the pre-flight request for ${api} with ${exchange.failure.message}; is the profile's endpoint the API's?`);
  if ('failure' in exchange && exchange.failure.kind === 'tls') throw new TargetUnreachableError(`cannot talk to ${endpoint} for ${api}: ${exchange.failure.message}`);
  if ('failure' in exchange) throw new TargetUnreachableError(`cannot reach ${endpoint} for ${api} (${exchange.failure.message}); is the target running, and is the profile's endpoint right?`);
  const { status, headers } = exchange.response;
  const redirect = status >= 300 && status < 400 && headers['location'] ? ` to ${headers['location']}` : '';
  const said = `${status}${answer.code ? ` ${answer.code}` : ''}${redirect}`;
  // Both vendors answer in JSON: a success that is not JSON comes from something else at that address (a portal, a proxy's page).
  if (answer.class === 'success' && body.json === undefined) {
    throw new TargetRefusedError(`${endpoint} does not answer like ${api}: status ${status} with a body that is not JSON (${headers['content-type'] ?? 'no content type'}) to a request missing every required parameter; is the profile's endpoint the API's?`);
  }
  switch (answer.class) {
    case 'authentication':
    case 'authorization':
      throw new TargetRefusedError(`${endpoint} refused the credentials for ${api}: ${said}; ${adapter.credentialHints(target)}`);
    case 'throttling':
      throw new TargetRefusedError(`${endpoint} kept throttling the pre-flight request for ${api} after ${exchange.attempts} attempts: ${said}; try again later or lower --rate`);
    case 'gateway':
      throw new TargetRefusedError(`${endpoint} does not serve ${api}: ${said}; is the profile's endpoint (and its path) right?`);
    case 'server':
      // A proxy's bad gateway, unavailable or gateway timeout: the API behind it did not answer. The API's own server errors go on to the cases.
      if (fromLayerInFront(answer)) throw new TargetRefusedError(`${endpoint} answered the pre-flight request for ${api} with ${said} and no error code, a proxy's: the API behind it is not answering; try again later`);
      return;
    default:
      return;
  }
}
