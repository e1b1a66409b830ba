import { found, type Check } from './check.ts';

function jobIdOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['JobId'] : undefined;
}

/** The stateful rule by which a contract documents that a repeated ClientToken returns the first result: without it, nothing is probed. */
export const idempotencyRule = 'client-token-idempotency';

/** `idempotency`: the same request sent again with the same ClientToken returns the same JobId and creates nothing new. */
export const idempotency: Check = {
  name: 'idempotency',
  appliesTo: (context) => context.repeat !== undefined && 'response' in context.exchange && context.exchange.response.status === 200,
  run: (context) => {
    const repeat = context.repeat;
    if (!repeat) return [];
    const first = jobIdOf(context.body.json);
    if (!('response' in repeat.exchange) || repeat.exchange.response.status !== 200)
      return found('idempotent_retry_rejected', 'violation', 'Retrying an accepted request with the same ClientToken was not answered 200.', {
        documented: { status: 200, JobId: first },
        received: 'response' in repeat.exchange ? { status: repeat.exchange.response.status, code: repeat.body.errorCode } : repeat.exchange.failure,
      });
    const second = jobIdOf(repeat.body.json);
    return second === first ? [] : found('idempotency_broken', 'violation', `The same ClientToken gave JobId ${String(second)} after ${String(first)}.`, { documented: first, received: second });
  },
};
