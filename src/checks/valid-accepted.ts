import { found, statusIn, type Check } from './check.ts';

/** `valid-accepted`: a valid request gets the documented success status. */
export const validAccepted: Check = {
  name: 'valid-accepted',
  appliesTo: (context) => context.case.expected.outcome === 'accept' && 'response' in context.exchange,
  run: (context) => {
    if (statusIn(context, 200, 300) || statusIn(context, 500, 600)) return [];
    const status = 'response' in context.exchange ? context.exchange.response.status : 0;
    return found('rejected_valid_request', 'violation', `A valid request was rejected with ${status}${context.body.errorCode ? ` ${context.body.errorCode}` : ''}.`, {
      documented: context.contract.document.binding.successStatus,
      received: { status, code: context.body.errorCode },
    });
  },
};
