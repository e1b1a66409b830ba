import { found, type Check } from './check.ts';

const uuidLike = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * `request-id`: every Alibaba answer carries a RequestId (documented in the success body, and in
 * every error body). Huawei documents none for DCS, so there its absence is only noted.
 */
export const requestId: Check = {
  name: 'request-id',
  appliesTo: (context) => 'response' in context.exchange,
  run: (context) => {
    const alibaba = context.contract.document.vendor === 'alibaba';
    const id = context.body.requestId;
    if (!id) return alibaba ? found('missing_request_id', 'violation', 'The answer has no RequestId.', { documented: 'RequestId' }) : [];
    if (alibaba && !uuidLike.test(id)) return found('odd_request_id', 'info', `RequestId "${id}" is not shaped like the documented example (a UUID).`, { received: id });
    return [];
  },
};
