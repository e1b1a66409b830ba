import { knownCodes } from './catalogue.ts';
import { found, statusIn, type Check } from './check.ts';
import { fromLayerInFront } from './answer.ts';

/** `error-envelope`: an error body is JSON in the vendor's error shape (Code/Message/RequestId, or error_code ≤ 9 characters/error_msg). */
export const errorEnvelope: Check = {
  name: 'error-envelope',
  appliesTo: (context) => statusIn(context, 400, 600) && !fromLayerInFront(context.answer),
  run: (context) => {
    if (context.body.json === undefined) return found('error_body_not_json', 'violation', 'The error body is not JSON.', { received: 'response' in context.exchange ? context.exchange.response.body.slice(0, 200) : '' });
    const validate = context.validators.errorEnvelope;
    if (validate(context.body.json)) return [];
    // The API gateway's codes (APIGW.0301…) are one character longer than the DCS limit: reported, not failed (contradiction error-code-length).
    const errors = validate.errors ?? [];
    const gateway = context.body.errorCode !== undefined && knownCodes(context.contract).get(context.body.errorCode)?.gateway === true;
    if (gateway && errors.every((e) => e.instancePath === '/error_code' && e.keyword === 'maxLength'))
      return found('gateway_code_length', 'info', `Gateway code ${context.body.errorCode} is longer than the documented 9 characters.`, { received: context.body.errorCode });
    return found('bad_error_envelope', 'violation', `The error body does not match the documented envelope: ${errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}.`, {
      documented: context.contract.errorEnvelopeSchema.required,
      received: context.body.json,
    });
  },
};
