import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import type { Source } from '../contract/source.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType } from './value-plan.ts';

/**
 * The value of `jsonObject`: the documented keys, and a documented example object of them (what valid
 * requests send, some of its entries). Other keys are not refused: "the keys are fixed" may mean that
 * the driver reads no others, and valid requests send none.
 */
export interface JsonObjectSpec {
  readonly keys: readonly string[];
  readonly example: Readonly<Record<string, unknown>>;
  readonly 'x-source'?: readonly Source[];
}

function specOf(value: unknown): JsonObjectSpec {
  const spec = value as Partial<JsonObjectSpec> | undefined;
  if (!Array.isArray(spec?.keys) || typeof spec.example !== 'object' || spec.example === null) throw new Error('jsonObject: needs "keys" (the documented ones) and "example" (an object of them)');
  const stray = Object.keys(spec.example).find((key) => !spec.keys?.includes(key));
  if (stray !== undefined) throw new Error(`jsonObject: the example's key "${stray}" is not among the documented keys`);
  return { keys: spec.keys, example: spec.example, ...(spec['x-source'] ? { 'x-source': spec['x-source'] } : {}) };
}

/** The object a text holds, or undefined when it is no JSON object. */
function parsedObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `jsonObject` (on a string): the text of a JSON object ("a JSON key-value pair; the keys are fixed"),
 * as SMC ReplicationParameters. Valid values are some entries of the documented example, padded with
 * JSON whitespace to the lengths the length rules ask for.
 */
export const jsonObject: KeywordDefinition = {
  keyword: 'jsonObject',
  kind: 'format',
  ajv: () => ({
    keyword: 'jsonObject',
    type: 'string',
    schemaType: 'object',
    errors: true,
    compile: (schema: unknown) => {
      // A contract mistake fails when the schema is compiled, not when a value is checked.
      specOf(schema);
      const validate: DataValidateFunction = (data: unknown) => {
        if (parsedObject(String(data))) return true;
        validate.errors = [{ keyword: 'jsonObject', message: 'must be the text of a JSON object', params: {} }];
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) => {
    if (node['jsonObject'] === undefined) return [];
    const spec = specOf(node['jsonObject']);
    return [defineRule(jsonObject, node, site, { params: { format: 'json-object', keys: spec.keys }, description: `${displayPath(site)} must be the text of a JSON object (documented keys: ${spec.keys.join(', ')})`, ...(spec['x-source'] ? { source: spec['x-source'] } : {}) })];
  },
  narrow: (plan, node) => (node['jsonObject'] === undefined ? plan : { ...planOfType(plan, ['string'], 'jsonObject'), jsonObject: specOf(node['jsonObject']).example }),
  boundaries: (rule, node, tools) => tools.valid(node).map((value) => setAt(rule, 'a JSON object of documented keys', value)),
  violations: (rule, node, tools) => {
    const spec = specOf(node['jsonObject']);
    const plan = planOfType(tools.plan(node), ['string'], 'jsonObject');
    const [key, example] = Object.entries(spec.example)[0] ?? [spec.keys[0] ?? 'key', 0];
    const candidates = [
      { label: 'key:value text, no JSON', value: `${key}:${String(example)}` },
      { label: 'a JSON array', value: '[]' },
      { label: 'unclosed JSON object', value: '{' },
    ].filter((c) => [...c.value].length >= plan.minLength && [...c.value].length <= plan.maxLength);
    return fc.constantFrom(...candidates).map((c) => setAt(rule, c.label, c.value));
  },
};
