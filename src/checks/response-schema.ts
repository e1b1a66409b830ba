import { found, statusIn, type Check } from './check.ts';

/** `response-schema`: a success body matches the documented response schema (fields, types, enums). */
export const responseSchema: Check = {
  name: 'response-schema',
  appliesTo: (context) => statusIn(context, 200, 300),
  run: (context) => {
    const status = 'response' in context.exchange ? context.exchange.response.status : 0;
    const validate = context.validators.success.get(status);
    if (!validate) return [];
    if (validate(context.body.json)) return [];
    return found('schema_mismatch', 'violation', `The ${status} body does not match the documented response: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}.`, {
      received: context.body.json ?? ('response' in context.exchange ? context.exchange.response.body.slice(0, 200) : ''),
    });
  },
};
