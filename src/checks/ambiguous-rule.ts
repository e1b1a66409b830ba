import { found, type Check } from './check.ts';

/** `ambiguous-rule`: a request the readings of the documents judge differently; the answer says which readings the endpoint follows. Never fails a run. */
export const ambiguousRule: Check = {
  name: 'ambiguous-rule',
  appliesTo: (context) => context.case.kind === 'probe' && context.outcome.conclusive,
  run: (context) => {
    const expected = context.case.expected;
    if (expected.outcome !== 'either' || !context.outcome.conclusive) return [];
    const accepted = context.outcome.accepted;
    const fits = expected.readings.map((r) => `${r.contradiction}: ${(accepted ? r.accepting : r.refusing).join(' or ')}`);
    return found(accepted ? 'ambiguous_reading_accepts' : 'ambiguous_reading_rejects', 'info', `${context.case.rule} (${context.case.label}): the endpoint ${accepted ? 'accepts' : 'refuses'} it, as the reading ${fits.join('; ')} says.`, {
      documented: expected.readings,
      received: accepted ? 'accepts' : 'refuses',
    });
  },
};
