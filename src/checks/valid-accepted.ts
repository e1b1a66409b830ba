import { found, type Check } from './check.ts';

/**
 * `valid-accepted`: a request valid under every reading gets the documented success status. A
 * refusal for validation or for state counts against it: the binder put the case on fixtures the
 * profile gives in the documented good state.
 */
export const validAccepted: Check = {
  name: 'valid-accepted',
  appliesTo: (context) => context.case.kind === 'valid' && context.outcome.conclusive,
  run: (context) => {
    if (!context.outcome.conclusive || context.outcome.accepted) return [];
    const { status, code } = context.answer;
    const why = context.answer.class === 'state' ? ' for the state of its fixtures, which the profile gives as the documented good state (is the profile up to date?)' : '';
    return found('rejected_valid_request', 'violation', `A valid request was refused with ${status ?? ''}${code ? ` ${code}` : ''}${why}.`, {
      documented: context.contract.document.binding.successStatus,
      received: { status, code, class: context.answer.class, ...(context.answer.parameter ? { parameter: context.answer.parameter } : {}) },
    });
  },
};
