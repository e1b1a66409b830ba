import { found, type Check } from './check.ts';
import { fromLayerInFront } from './answer.ts';

const uuidLike = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * `request-id`: where the vendor documents a request id in every answer (its adapter says so: Alibaba
 * documents RequestId in success and error bodies), each answer carries one shaped like the examples'
 * UUIDs. Where none is documented (DCS), its absence is no finding.
 */
export const requestId: Check = {
  name: 'request-id',
  appliesTo: (context) => 'response' in context.exchange && !fromLayerInFront(context.answer),
  run: (context) => {
    const required = context.requestIdRequired;
    const id = context.body.requestId;
    if (!id) return required ? found('missing_request_id', 'violation', 'The answer has no request id.', { documented: 'RequestId' }) : [];
    if (required && !uuidLike.test(id)) return found('odd_request_id', 'info', `Request id "${id}" is not shaped like the documented example (a UUID).`, { received: id });
    return [];
  },
};
