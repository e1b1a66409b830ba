import { found, type Check } from './check.ts';

/** `violation-rejected`: a request that every reading of the documents refuses is refused (a 4xx about its rule). */
export const violationRejected: Check = {
  name: 'violation-rejected',
  appliesTo: (context) => context.case.kind === 'violation' && context.outcome.conclusive,
  run: (context) => {
    if (!context.outcome.conclusive || !context.outcome.accepted) return [];
    return found('accepted_invalid_request', 'violation', `A request that breaks ${context.case.rule} (${context.case.label}) was answered ${context.answer.status ?? ''} instead of a 4xx.`, {
      documented: { status: '4xx', codes: context.case.expected.outcome === 'reject' ? context.case.expected.codes : [] },
      received: { status: context.answer.status, code: context.body.errorCode },
    });
  },
};
