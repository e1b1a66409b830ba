/**
 * An RPC operation in OpenAPI: `GET /` and `POST /`, every parameter in the query (POST: in the query
 * or an `application/x-www-form-urlencoded` body), the protocol's own parameters beside the operation's.
 *
 * The wire flattens lists and objects into names such as `DataDisk.1.Size` and `Disks.System.Size`
 * (1-based positions, no leading zeros). OpenAPI names parameters literally and its styles cannot spell
 * that numbering (`deepObject` writes `DataDisk[0][Size]`), so:
 * - a scalar parameter is a query parameter of its own name;
 * - a list or object parameter is ONE query parameter of its name, `style: form, explode: true`, whose
 *   schema is an object keyed by wire names: fixed names as `properties`, numbered ones as
 *   `patternProperties` (`^DataDisk\.(?:[1-9]|1[0-6])\.Size$`: `maxItems` becomes the range of
 *   positions), nothing else. An exploded form object serializes as its own `key=value` pairs, so a
 *   conforming client sends exactly the wire names, and a validator reads them back with standard
 *   JSON Schema. Rules between entries of a list (a requirement inside a partition) have no flat form:
 *   the parameter keeps its structured schema as `x-structured-schema`.
 * - the form body is one object schema of the same wire names, where conditional requirements between
 *   top-level parameters are `if`/`then` again ("a list is given" = some name in its namespace).
 *
 * @module
 */

import type { Rule } from '../contract/rule.ts';
import type { RpcBinding } from '../generated/contract-document.ts';
import type { RequiredWhen } from '../keywords/requiredWhen.ts';
import type { OperationInput, OperationObject, ParameterObject } from './openapi-types.ts';
import { protocolParameters } from './rpc-common.ts';
import { conditionalRequirement, escapeRegExp, requiring, type JsonSchema } from './schema.ts';

/** One segment of a wire name: a property name, or a list position. */
type Segment = { readonly name: string } | { readonly maxItems: number | undefined };

/** A scalar value on the wire: the segments of its name, its schema, whether it is required once its top-level parameter is given. */
interface WireLeaf {
  readonly segments: readonly Segment[];
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** List positions 1 to `max` as a pattern (any position past 99 or without a maximum). */
export function positionPattern(max: number | undefined): string {
  if (max === undefined || max > 99) return '[1-9][0-9]*';
  if (max < 10) return max === 1 ? '1' : `[1-${max}]`;
  const tens = Math.floor(max / 10);
  const units = max % 10;
  const below = tens === 1 ? [] : [tens === 2 ? '1[0-9]' : `[1-${tens - 1}][0-9]`];
  return ['[1-9]', ...below, units === 0 ? `${tens}0` : `${tens}[0-${units}]`].join('|');
}

function leavesOf(schema: JsonSchema, segments: readonly Segment[], required: boolean): WireLeaf[] {
  const items = schema['items'] as JsonSchema | undefined;
  if (schema['type'] === 'array' && items) return leavesOf(items, [...segments, { maxItems: schema['maxItems'] as number | undefined }], false);
  const properties = schema['properties'] as Readonly<Record<string, JsonSchema>> | undefined;
  if (schema['type'] === 'object' && properties) {
    const requiredNames = (schema['required'] as readonly string[] | undefined) ?? [];
    return Object.entries(properties).flatMap(([name, child]) => leavesOf(child, [...segments, { name }], required && requiredNames.includes(name)));
  }
  return [{ segments, schema, required }];
}

const isPosition = (segment: Segment): boolean => !('name' in segment);

/** `DataDisk.N.Size`: the name as the documents write it. */
function wireName(leaf: WireLeaf): string {
  return leaf.segments.map((s) => ('name' in s ? s.name : 'N')).join('.');
}

function wirePattern(leaf: WireLeaf): string {
  return `^${leaf.segments.map((s) => ('name' in s ? escapeRegExp(s.name) : `(?:${positionPattern(s.maxItems)})`)).join('\\.')}$`;
}

/** The wire names of `leaves` as an object schema's properties, pattern properties and required names. */
function wireObject(leaves: readonly WireLeaf[]): { properties: Record<string, JsonSchema>; patternProperties: Record<string, JsonSchema>; required: string[] } {
  const fixed = leaves.filter((leaf) => !leaf.segments.some(isPosition));
  const numbered = leaves.filter((leaf) => leaf.segments.some(isPosition));
  return {
    properties: Object.fromEntries(fixed.map((leaf) => [wireName(leaf), leaf.schema])),
    patternProperties: Object.fromEntries(numbered.map((leaf) => [wirePattern(leaf), leaf.schema])),
    required: fixed.filter((leaf) => leaf.required).map(wireName),
  };
}

/** A schema's description, or else its first quote: every parameter says what it is. */
function describe(schema: JsonSchema, name: string): string {
  const quote = (schema['x-source'] as readonly { quote: string }[] | undefined)?.[0]?.quote;
  return (schema['description'] as string | undefined) ?? quote ?? name;
}

/** The query parameter of one top-level parameter of the operation. */
function queryParameter(name: string, schema: JsonSchema, required: boolean): ParameterObject {
  const leaves = leavesOf(schema, [{ name }], true);
  const [only] = leaves;
  if (leaves.length === 1 && only?.segments.length === 1) return { name, in: 'query', required, description: describe(schema, name), schema };
  const { properties, patternProperties, required: requiredNames } = wireObject(leaves);
  const names = leaves.map((leaf) => `\`${wireName(leaf)}\``).join(', ');
  return {
    name,
    in: 'query',
    required,
    style: 'form',
    explode: true,
    description: `${describe(schema, name)}\n\nOn the wire (N a position from 1): ${names}.`,
    schema: {
      type: 'object',
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(Object.keys(patternProperties).length > 0 ? { patternProperties } : {}),
      ...(requiredNames.length > 0 ? { required: requiredNames } : {}),
      additionalProperties: false,
      'x-structured-schema': schema,
    },
  };
}

/** Whether a top-level parameter is given in a flat form: its name, or any name in its namespace. */
function givenInForm(properties: Readonly<Record<string, JsonSchema>>): (name: string) => JsonSchema {
  return (name) => {
    const type = properties[name]?.['type'];
    return type === 'array' || type === 'object' ? { not: { propertyNames: { not: { pattern: `^${escapeRegExp(name)}\\.` } } } } : requiring(name);
  };
}

/** What the operations need besides the document's: the binding, the request's rules, the name of the form body's schema. */
export interface RpcOperationInput extends OperationInput {
  readonly binding: RpcBinding;
  readonly rules: readonly Rule[];
  readonly formSchemaName: string;
}

/** The operation's query parameters (each required as documented, or none when they may come in a body instead). */
function parametersOf(input: RpcOperationInput, requiredAsDocumented: boolean): ParameterObject[] {
  const properties = (input.request['properties'] as Readonly<Record<string, JsonSchema>> | undefined) ?? {};
  const required = (input.request['required'] as readonly string[] | undefined) ?? [];
  return [
    ...protocolParameters(input.binding).map((p): ParameterObject => ({ name: p.name, in: 'query', required: requiredAsDocumented && p.required, description: p.description, schema: p.schema })),
    ...Object.entries(properties).map(([name, schema]) => queryParameter(name, schema, requiredAsDocumented && required.includes(name))),
  ];
}

/**
 * The form body's schema: protocol and operation parameters by wire name, the top-level conditional
 * requirements as `if`/`then`. The protocol parameters are not required in it: a POST may carry them in
 * the query, and an ACS3 request sends `Action` and `Version` as the x-acs-action and x-acs-version
 * headers (the `acs3` security scheme), its body the operation's parameters only.
 */
export function formSchema(input: RpcOperationInput): JsonSchema {
  const properties = (input.request['properties'] as Readonly<Record<string, JsonSchema>> | undefined) ?? {};
  const required = (input.request['required'] as readonly string[] | undefined) ?? [];
  const leaves = Object.entries(properties).flatMap(([name, schema]) => leavesOf(schema, [{ name }], required.includes(name)));
  const wire = wireObject(leaves);
  const protocol = protocolParameters(input.binding);
  const conditions = (input.request['x-requiredWhen'] as readonly RequiredWhen[] | undefined) ?? [];
  return {
    type: 'object',
    description: `${input.summary}: every parameter by its wire name.`,
    properties: { ...Object.fromEntries(protocol.map((p) => [p.name, { ...p.schema, description: p.description }])), ...wire.properties },
    patternProperties: wire.patternProperties,
    required: wire.required,
    ...(conditions.length > 0 ? { allOf: conditions.map((entry) => conditionalRequirement(entry, givenInForm(properties))), 'x-requiredWhen': conditions } : {}),
  };
}

/** The words of the operation: the request's description and the rules no single query parameter can state. */
function descriptionOf(input: RpcOperationInput): string {
  const conditional = input.rules.filter((rule) => rule.kind === 'conditional').map((rule) => `- ${rule.description}.`);
  const base = (input.request['description'] as string | undefined) ?? input.summary;
  return conditional.length === 0 ? base : `${base}\n\nRequirements between parameters:\n\n${conditional.join('\n')}`;
}

/** `GET /` and `POST /` of an RPC binding, by lower-case method. */
export function rpcOperations(input: RpcOperationInput): Record<string, OperationObject> {
  const common = {
    summary: input.summary,
    description: descriptionOf(input),
    tags: [input.tag],
    responses: input.responses,
    ...(input.request['x-requiredWhen'] ? { 'x-requiredWhen': input.request['x-requiredWhen'] } : {}),
  };
  const byMethod: Record<string, OperationObject> = {
    get: { operationId: `${input.operationId}ViaGet`, ...common, parameters: parametersOf(input, true) },
    post: {
      operationId: input.operationId,
      ...common,
      parameters: parametersOf(input, false),
      requestBody: {
        description: 'The parameters as a form body instead of the query (each in one place only).',
        required: false,
        content: { 'application/x-www-form-urlencoded': { schema: { $ref: `#/components/schemas/${input.formSchemaName}` } } },
      },
    },
  };
  return Object.fromEntries(input.binding.methods.map((method) => [method.toLowerCase(), byMethod[method.toLowerCase()] as OperationObject]));
}
