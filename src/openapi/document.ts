/**
 * One operation's OpenAPI 3.1 document, from its contract alone: the route of its binding (RPC or
 * REST), the request in standard JSON Schema (our keywords translated, kept as `x-<keyword>`), the
 * documented responses and error codes, the security of its wire style, and at the operation the
 * contract's contradictions (`x-readings`, with the readings the schemas follow) and stateful rules.
 *
 * A document holds ONE operation and edition. OpenAPI keys operations by path and method, and every
 * RPC action, of any edition, is `GET /` and `POST /`: two of them in one document would need the
 * action in the path (`/?Action=…`, no path at all to client generators, mock servers and linters).
 * So `export openapi --all` writes one document per operation and edition, in a folder per product:
 * every document stands alone and every tool reads it as it is.
 *
 * @module
 */

import type { ApiId } from '../contract/apis.ts';
import { compileRequestValidator } from '../contract/validator.ts';
import type { Contract } from '../contract/load.ts';
import type { ReadingWorld } from '../contract/readings.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import type { OpenApiDocument, OperationObject, Responses } from './openapi-types.ts';
import { exportedReadings } from './readings.ts';
import { responsesOf } from './responses.ts';
import { restOperations } from './rest.ts';
import { formSchema, rpcOperations } from './rpc.ts';
import { toStandardSchema, type JsonSchema } from './schema.ts';
import { securityOf, securitySchemes } from './security.ts';

/** What to export besides the contract. */
export interface OpenApiOptions {
  /** The reading to follow per contradiction (`contradiction → reading`); the others as written. @default none */
  readonly readings?: ReadonlyMap<string, string>;
}

/** The words of the document: where it comes from and what its schemas follow. */
function describeDocument(contract: Contract, chosen: ReadonlyMap<string, string>): string {
  const { seed } = contract.document;
  const readings =
    chosen.size === 0
      ? 'The schemas are the documents as written: the strictest reading, so a request they accept is valid under every reading.'
      : `The schemas follow the readings ${[...chosen].map(([id, reading]) => `${id}=${reading}`).join(', ')}; the other contradictions as written.`;
  return [
    `The contract \`${contract.id}\` (seed ${seed.id}, ${seed.file}) as OpenAPI 3.1, written by \`migration-conformance export openapi\`.`,
    'Rules of our own vocabulary are stated in their nearest standard JSON Schema form and exactly as `x-<keyword>`; `x-source` quotes the documents.',
    `Where the documents contradict themselves, \`x-readings\` of the operation lists the readings. ${readings}`,
  ].join('\n\n');
}

function serversOf(contract: Contract): OpenApiDocument['servers'] {
  const { binding } = contract.document;
  if (binding.style === 'rpc') return [{ url: `https://${binding.host}`, description: 'The endpoint the documents name.' }];
  return [{ url: 'https://{endpoint}', description: "The target's endpoint: the documents name none.", variables: { endpoint: { default: 'endpoint', description: "The endpoint host (a target profile's `endpoint`)." } } }];
}

/** The operations of the binding's route by lower-case method, and the schema of their request (the JSON body, or the form). */
function routeOf(contract: Contract, world: ReadingWorld, responses: Responses, requestName: string): { operations: Record<string, OperationObject>; requestSchema: JsonSchema } {
  const { document } = contract;
  const common = { operationId: document.operation, summary: document.title, tag: document.product, request: toStandardSchema(world.schema, world.rules), responses };
  if (document.binding.style === 'rpc') {
    const input = { ...common, binding: document.binding, rules: world.rules, formSchemaName: requestName };
    return { operations: rpcOperations(input), requestSchema: formSchema(input) };
  }
  const example = contract.examples.request;
  const fits = compileRequestValidator(world)(example).valid;
  return { operations: restOperations({ ...common, binding: document.binding, requestSchemaName: requestName, ...(fits ? { example } : {}) }), requestSchema: common.request };
}

/** The OpenAPI 3.1 document of one contract. Fails with a usage error on a reading the contract does not have. */
export function openApiDocument(contract: Contract, options: OpenApiOptions = {}): OpenApiDocument {
  const { document } = contract;
  const { binding, operation } = document;
  const readings = options.readings ?? new Map<string, string>();
  const { world, contradictions } = exportedReadings(contract, readings);
  const success = new Map([...contract.responseSchemas.keys()].map((status) => [status, contract.responseSchemas.size === 1 ? `${operation}Response` : `${operation}Response${status}`]));
  const requestName = binding.style === 'rpc' ? `${operation}Form` : `${operation}Request`;
  const route = routeOf(contract, world, responsesOf(contract, { success, errorEnvelope: 'ErrorEnvelope' }), requestName);
  const operations = Object.fromEntries(Object.entries(route.operations).map(([method, o]) => [method, { ...o, 'x-readings': contradictions, 'x-stateful': document.stateful }]));
  return {
    openapi: '3.1.0',
    info: { title: document.title, version: binding.style === 'rpc' ? binding.version : document.edition, description: describeDocument(contract, readings) },
    servers: serversOf(contract),
    security: securityOf(binding.style),
    tags: [{ name: document.product, description: `The ${document.product} operations of the contracts.` }],
    paths: { [binding.path]: operations },
    components: {
      schemas: {
        [requestName]: route.requestSchema,
        ...Object.fromEntries([...success].map(([status, name]) => [name, toStandardSchema(contract.responseSchemas.get(status) as SchemaNode)])),
        ErrorEnvelope: toStandardSchema(contract.errorEnvelopeSchema),
      },
      securitySchemes: securitySchemes[binding.style],
    },
    'x-api-id': contract.id,
    'x-edition': document.edition,
    'x-seed': document.seed,
  };
}

/** Where `export openapi --all` writes an operation's document, relative to its folder: `<product>/<Operation>[@edition].openapi.json`. */
export function documentFile(id: ApiId): string {
  return `${id}.openapi.json`;
}
