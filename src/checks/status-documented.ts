import { documentedStatuses, knownCodes } from './catalogue.ts';
import { found, type Check } from './check.ts';
import { fromLayerInFront } from './answer.ts';

/**
 * `status-documented`: the status is one the documents name, and the one they give the returned code.
 * A request that breaks the protocol itself (a wire-level case) is outside what the documents describe:
 * any 4xx refusal of it is HTTP's own answer (405 for a method, 415 for a media type), not drift.
 */
export const statusDocumented: Check = {
  name: 'status-documented',
  appliesTo: (context) => 'response' in context.exchange && !fromLayerInFront(context.answer),
  run: (context) => {
    if (!('response' in context.exchange)) return [];
    const { status } = context.exchange.response;
    const statuses = documentedStatuses(context.contract);
    if (!statuses.has(status) && !(context.breaksProtocol === true && status >= 400 && status < 500)) return found('undocumented_status', 'violation', `Status ${status} is not documented for ${context.contract.id}.`, { documented: [...statuses].sort(), received: status });
    const known = context.body.errorCode === undefined ? undefined : knownCodes(context.contract).get(context.body.errorCode);
    if (known && !known.statuses.includes(status))
      return found('status_code_mismatch', 'violation', `${known.code} came with status ${status}; the documents give it ${known.statuses.join(' or ')}.`, { documented: known.statuses, received: status });
    return [];
  },
};
