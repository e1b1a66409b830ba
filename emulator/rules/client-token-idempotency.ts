import { text, type RulePlugin } from './rule.ts';

/** What a ClientToken first created: the id and the request, so that a repeat is answered the same way. */
interface FirstUse {
  readonly id: string;
  readonly request: Readonly<Record<string, unknown>>;
}

/**
 * `client-token-idempotency`: a request with a ClientToken seen before is answered with what the first
 * one created (the same id, a new request id), whatever the rest of the request, also after that
 * resource was deleted. Only a created resource claims its token: a refused request does not.
 */
export const clientTokenIdempotency: RulePlugin = {
  id: 'client-token-idempotency',
  check: (call) => {
    const token = text(call.request['ClientToken']);
    const first = token === undefined ? undefined : (call.memory.get(token) as FirstUse | undefined);
    return first ? { replay: first } : undefined;
  },
  created: (call, resource) => {
    const token = text(call.request['ClientToken']);
    if (token !== undefined && !call.memory.has(token)) call.memory.set(token, { id: resource.id, request: resource.request } satisfies FirstUse);
  },
};
