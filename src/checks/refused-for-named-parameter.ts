import { found, type Check } from './check.ts';

/**
 * `refused-for-named-parameter`: a case refused for a parameter other than the ones it changed. The
 * other parameters are valid under every reading, so the endpoint refused a valid value; the case's
 * own rule stays untested by this answer.
 */
export const refusedForNamedParameter: Check = {
  name: 'refused-for-named-parameter',
  appliesTo: (context) => !context.outcome.conclusive && context.outcome.reason === 'other-parameter',
  run: (context) =>
    found('refused_for_other_parameter', 'violation', `A case about ${context.case.rule ?? 'a valid request'} (${context.case.label}) was refused with ${context.answer.code ?? ''}, naming parameter "${context.answer.parameter ?? ''}", which the case did not change and which is valid under every reading.`, {
      documented: { parameter: context.case.pointer, pins: context.case.pins ?? [] },
      received: { code: context.answer.code, parameter: context.answer.parameter },
    }),
};
