import { found, type Check } from './check.ts';

/**
 * `fixture-state`: a violation case or probe refused for the state of a fixture it did not change
 * (a source server, an instance) that the profile gives in the documented good state. The case's own
 * rule stays untested by this answer.
 */
export const fixtureState: Check = {
  name: 'fixture-state',
  appliesTo: (context) => !context.outcome.conclusive && context.outcome.reason === 'state',
  run: (context) =>
    found('refused_for_fixture_state', 'violation', `A case about ${context.case.rule ?? 'a valid request'} (${context.case.label}) was refused with ${context.answer.status ?? ''} ${context.answer.code ?? ''}, a stateful refusal, though its fixtures are in the documented good state by the profile (is the profile up to date?).`, {
      documented: 'a validation refusal for the case rule, or acceptance',
      received: { status: context.answer.status, code: context.answer.code },
    }),
};
