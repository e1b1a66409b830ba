/**
 * A REST operation in OpenAPI, natively: the binding's method and path, its path parameters (a
 * `profile:` reference is a value the target profile supplies, said in the description), the request
 * schema as the JSON body.
 *
 * @module
 */

import type { RestBinding } from '../generated/contract-document.ts';
import type { OperationInput, OperationObject, ParameterObject } from './openapi-types.ts';

/** What the operation needs besides the document's: the binding, the name of the body's schema, the seed's example. */
export interface RestOperationInput extends OperationInput {
  readonly binding: RestBinding;
  readonly requestSchemaName: string;
  /** The seed's example request, when the document's schema accepts it. */
  readonly example?: unknown;
}

/** Where a path parameter's value comes from, in words: `profile:projectId` → the target profile's `projectId`. */
function origin(reference: string | undefined): string {
  const [source, field] = (reference ?? '').split(':');
  if (source === 'profile' && field) return `The target profile's \`${field}\` (binding: \`${reference}\`).`;
  return reference ? `Bound from \`${reference}\`.` : 'Not bound by the contract.';
}

/** The path parameters of the binding's path template, in their order there. */
function pathParameters(binding: RestBinding): ParameterObject[] {
  return [...binding.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name: name as string,
    in: 'path',
    required: true,
    description: origin(binding.pathParameters[name as string]),
    schema: { type: 'string', minLength: 1 },
  }));
}

/** The operation by lower-case method. */
export function restOperations(input: RestOperationInput): Record<string, OperationObject> {
  const operation: OperationObject = {
    operationId: input.operationId,
    summary: input.summary,
    description: (input.request['description'] as string | undefined) ?? input.summary,
    tags: [input.tag],
    parameters: pathParameters(input.binding),
    requestBody: {
      description: 'The request body.',
      required: true,
      content: { [input.binding.contentType]: { schema: { $ref: `#/components/schemas/${input.requestSchemaName}` }, ...(input.example === undefined ? {} : { example: input.example }) } },
    },
    responses: input.responses,
  };
  return { [input.binding.method.toLowerCase()]: operation };
}
