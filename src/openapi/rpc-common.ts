/**
 * The protocol parameters every RPC request carries besides the operation's own: `Action` and
 * `Version` (constants of the binding), `Format`, and those of signature 1.0 (`Signature` itself is the
 * `signatureV1` security scheme). Their names and fixed values come from `src/protocols/`; the words
 * from the protocol reference (A.1).
 *
 * @module
 */

import type { RpcBinding } from '../generated/contract-document.ts';
import { utcDateTimeSeconds } from '../keywords/formats/utc-date-time-seconds.ts';
import { RPC_V1_SIGNATURE_METHOD, RPC_V1_SIGNATURE_VERSION, type RPC_V1_AUTH_PARAMS } from '../protocols/index.ts';
import { toStandardSchema, type JsonSchema } from './schema.ts';

/** A protocol parameter: its schema, what it is, and whether every request needs it. */
export interface ProtocolParameter {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly description: string;
  readonly required: boolean;
}

type SignatureParameter = Exclude<(typeof RPC_V1_AUTH_PARAMS)[number], 'Signature'>;

/** Signature 1.0's parameters: every name the signer owns has an entry (the type checks it). */
const signatureParameters: Readonly<Record<SignatureParameter, Omit<ProtocolParameter, 'name' | 'required'>>> = {
  AccessKeyId: { schema: { type: 'string', minLength: 1 }, description: 'Signature 1.0: the AccessKey id.' },
  SignatureMethod: { schema: { type: 'string', const: RPC_V1_SIGNATURE_METHOD }, description: 'Signature 1.0: the signing algorithm.' },
  SignatureVersion: { schema: { type: 'string', const: RPC_V1_SIGNATURE_VERSION }, description: 'Signature 1.0: the version of the signature scheme.' },
  SignatureNonce: { schema: { type: 'string', minLength: 1 }, description: 'Signature 1.0: a value unique to the request, against replays.' },
  Timestamp: { schema: toStandardSchema({ type: 'string', format: utcDateTimeSeconds.name }), description: `Signature 1.0: the signing time, ${utcDateTimeSeconds.description}.` },
  SecurityToken: { schema: { type: 'string', minLength: 1 }, description: 'Signature 1.0: the STS token, with temporary credentials only.' },
};

/** The protocol parameters of an RPC binding, in the order SDKs send them. */
export function protocolParameters(binding: RpcBinding): ProtocolParameter[] {
  return [
    { name: 'Action', schema: { type: 'string', const: binding.action }, description: 'The operation.', required: true },
    { name: 'Version', schema: { type: 'string', const: binding.version }, description: 'The API version.', required: true },
    {
      name: 'Format',
      schema: { type: 'string', enum: ['JSON', 'json', 'XML', 'xml'] },
      description: 'The format of the answer; the documents say XML by default. The responses here are those of JSON.',
      required: false,
    },
    ...Object.entries(signatureParameters).map(([name, parameter]) => ({ name, ...parameter, required: false })),
  ];
}
