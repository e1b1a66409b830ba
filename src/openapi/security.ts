/**
 * How each wire style authenticates, as OpenAPI security schemes. OpenAPI has no scheme for a request
 * signature, so each is an `apiKey` naming where the signature travels, with the algorithm in words;
 * the names and algorithms come from the signing code of `src/protocols/`.
 *
 * @module
 */

import type { WireStyle } from '../keywords/keyword.ts';
import { ACS3_ALGORITHM, HUAWEI_ALGORITHM, RPC_V1_AUTH_PARAMS, RPC_V1_SIGNATURE_METHOD, RPC_V1_SIGNATURE_VERSION } from '../protocols/index.ts';
import type { SecuritySchemeObject } from './openapi-types.ts';

const signatureParameter = 'Signature' satisfies (typeof RPC_V1_AUTH_PARAMS)[number];

/** The security schemes of each wire style; a request must satisfy one of its style's schemes. */
export const securitySchemes: Readonly<Record<WireStyle, Readonly<Record<string, SecuritySchemeObject>>>> = {
  rpc: {
    signatureV1: {
      type: 'apiKey',
      in: 'query',
      name: signatureParameter,
      description: `Signature ${RPC_V1_SIGNATURE_VERSION}: Base64 ${RPC_V1_SIGNATURE_METHOD} over the sorted, percent-encoded parameters, sent with ${RPC_V1_AUTH_PARAMS.filter((p) => p !== signatureParameter).join(', ')} (query or form body).`,
    },
    acs3: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: `${ACS3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>, over the canonical request with x-acs-* headers; Action and Version then travel as the x-acs-action and x-acs-version headers.`,
    },
  },
  rest: {
    akSkSignature: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: `${HUAWEI_ALGORITHM} Access=<AK>, SignedHeaders=<names>, Signature=<hex>, over the canonical request, with the signing time in X-Sdk-Date.`,
    },
    iamToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token', description: 'An IAM token instead of a signature.' },
  },
};

/** The document's `security`: any one scheme of the style. */
export function securityOf(style: WireStyle): Readonly<Record<string, readonly string[]>>[] {
  return Object.keys(securitySchemes[style]).map((name) => ({ [name]: [] }));
}
