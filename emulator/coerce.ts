import type { SchemaNode } from '../src/contract/schema-node.ts';

/**
 * Leaves out the top-level parameters that came empty and are not required: on the RPC wire an empty
 * value is how a client leaves a parameter unset (seed 001: "If you leave this parameter empty, the
 * migration task is not automatically started").
 */
export function withoutEmptyOptionals(params: Readonly<Record<string, unknown>>, schema: SchemaNode): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.entries(params).filter(([name, value]) => value !== '' || required.has(name)));
}

/**
 * Gives RPC wire strings the types the request schema declares: integers, numbers and booleans are
 * parsed only when the text is exactly one (so `SystemDiskSize=abc` stays a string and breaks the type
 * rule), lists and objects recurse. Anything else stays as received.
 */
export function coerceToSchema(value: unknown, schema: SchemaNode | undefined): unknown {
  if (schema === undefined) return value;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (typeof value === 'string') {
    if ((type === 'integer' || type === 'number') && /^-?(0|[1-9]\d*)$/.test(value)) return Number(value);
    if (type === 'number' && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)) return Number(value);
    if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => coerceToSchema(item, schema.items));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, coerceToSchema(item, schema.properties?.[key])]));
  }
  return value;
}
