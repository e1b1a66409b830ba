import { sourceOf } from './fixtures.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** The one state a source server accepts a job in (seeds 000/001). */
export const availableState = 'Available';

/** `source-must-be-available`: the source server is Available; the message names its state and the one required. */
export const sourceMustBeAvailable: RulePlugin = {
  id: 'source-must-be-available',
  check: (call) => {
    const source = sourceOf(call);
    return source && source.state !== availableState ? refuse(call, { pointer: '/SourceId', args: [source.state, availableState] }) : undefined;
  },
};
