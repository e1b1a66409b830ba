import { heldRequests } from './fixtures.ts';
import { refuse, text, type RulePlugin } from './rule.ts';
import { availableState } from './source-must-be-available.ts';

/**
 * `one-incomplete-job-per-source`: no other held resource is on the same SourceId. Everything the
 * emulator holds stays in the first incomplete state the contract lists (Ready) until deleted, which
 * the message names.
 */
export const oneIncompleteJobPerSource: RulePlugin = {
  id: 'one-incomplete-job-per-source',
  check: (call) => {
    const source = text(call.request['SourceId']);
    if (source === undefined || !heldRequests(call).some((r) => r['SourceId'] === source)) return undefined;
    return refuse(call, { pointer: '/SourceId', args: [call.stated.incompleteStates?.[0] ?? 'Ready', availableState] });
  },
};
