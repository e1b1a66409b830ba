import { found, statusIn, type Check } from './check.ts';

/** `violation-rejected`: a request that breaks an unambiguous rule gets a 4xx (a 5xx is no-server-error's finding). */
export const violationRejected: Check = {
  name: 'violation-rejected',
  appliesTo: (context) => context.case.expected.outcome === 'reject' && 'response' in context.exchange,
  run: (context) => {
    if (statusIn(context, 400, 600)) return [];
    const status = 'response' in context.exchange ? context.exchange.response.status : 0;
    return found('accepted_invalid_request', 'violation', `A request that breaks ${context.case.rule} (${context.case.label}) was answered ${status} instead of a 4xx.`, {
      documented: { status: '4xx', codes: context.case.expected.outcome === 'reject' ? context.case.expected.codes : [] },
      received: { status, code: context.body.errorCode },
    });
  },
};
