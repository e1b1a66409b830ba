import { knownCodes } from './catalogue.ts';
import { found, statusIn, type Check } from './check.ts';

/**
 * `error-code-documented`: an error's code is in the edition's or the vendor's global catalogue
 * (else drift between docs and service). A documented code other than the ones this kind of fault
 * presumably gets is only noted: the docs never say which code a validation error gets.
 */
export const errorCodeDocumented: Check = {
  name: 'error-code-documented',
  appliesTo: (context) => statusIn(context, 400, 600) && context.body.errorCode !== undefined,
  run: (context) => {
    const code = context.body.errorCode as string;
    const known = knownCodes(context.contract).get(code);
    if (!known) return found('undocumented_error_code', 'drift', `Error code ${code} is in neither the ${context.contract.id} error table nor the vendor's global catalogue.`, { received: code });
    const expected = context.case.expected;
    // Other classes (authentication, throttling…) make the case inconclusive; only refusals for the rule are compared.
    if (expected.outcome === 'reject' && !expected.codes.includes(code) && (known.class === 'validation' || known.class === 'state'))
      return found('unexpected_error_code', 'info', `${context.case.rule} was rejected with ${code}; this kind of fault presumably gets ${expected.codes.join(' or ')}.`, { documented: expected.codes, received: code });
    return [];
  },
};
