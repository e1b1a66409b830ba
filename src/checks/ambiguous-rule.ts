import { found, statusIn, type Check } from './check.ts';

/** `ambiguous-rule`: where the docs contradict themselves, says which reading the endpoint follows; never passes or fails a run. */
export const ambiguousRule: Check = {
  name: 'ambiguous-rule',
  appliesTo: (context) => context.case.expected.outcome === 'either' && 'response' in context.exchange,
  run: (context) => {
    const expected = context.case.expected;
    if (expected.outcome !== 'either') return [];
    const accepted = statusIn(context, 200, 300);
    const contradiction = context.contract.document.contradictions.find((c) => c.id === expected.contradiction);
    const reading = contradiction?.readings.find((r) => r.endpoint === (accepted ? 'accepts' : 'rejects'));
    return found(accepted ? 'ambiguous_reading_accepts' : 'ambiguous_reading_rejects', 'info', `${context.case.rule} (${context.case.label}): the endpoint ${accepted ? 'accepts' : 'rejects'} it${reading ? `, following "${reading.says}"` : ''}.`, {
      documented: contradiction?.summary,
      received: accepted ? 'accepts' : 'rejects',
    });
  },
};
