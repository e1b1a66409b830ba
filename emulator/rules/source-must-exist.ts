import { sourceOf } from './fixtures.ts';
import { refuse, text, type RulePlugin } from './rule.ts';

/** `source-must-exist`: SourceId names one of the target's source servers (no code is documented: the invalid-parameter one). */
export const sourceMustExist: RulePlugin = {
  id: 'source-must-exist',
  check: (call) => (text(call.request['SourceId']) !== undefined && !sourceOf(call) ? refuse(call, { pointer: '/SourceId', detail: 'No source server has this id.' }) : undefined),
};
