import fc from 'fast-check';
import { defineRule, displayPath, setAt, type KeywordDefinition, type WireStyle } from './keyword.ts';

interface WrongValue {
  readonly label: string;
  readonly value: unknown;
}

/** Values of another type than `type`, as far as the wire can carry them. */
function wrongValues(type: string, style: WireStyle): WrongValue[] {
  const json = style === 'rest';
  switch (type) {
    case 'integer':
      return [{ label: 'a word', value: 'abc' }, { label: 'a fraction', value: 1.5 }, { label: 'a boolean', value: true }, ...(json ? [{ label: 'a numeric string', value: '20' }, { label: 'null', value: null }] : [])];
    case 'number':
      return [{ label: 'a word', value: 'abc' }, { label: 'a boolean', value: true }, ...(json ? [{ label: 'a numeric string', value: '20' }] : [])];
    case 'boolean':
      return [{ label: 'a word', value: 'maybe' }, { label: 'a number', value: 2 }, ...(json ? [{ label: 'the string "true"', value: 'true' }, { label: 'null', value: null }] : [])];
    case 'string':
      return json ? [{ label: 'a number', value: 123 }, { label: 'a boolean', value: true }, { label: 'null', value: null }, { label: 'an object', value: {} }] : [];
    case 'object':
      return json ? [{ label: 'a string', value: 'text' }, { label: 'a list', value: [] }, { label: 'a number', value: 1 }] : [];
    case 'array':
      return json ? [{ label: 'a string', value: 'text' }, { label: 'an object', value: {} }, { label: 'a number', value: 1 }] : [];
    default:
      return [];
  }
}

function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value === 'string' ? value : 'unknown';
}

/**
 * `type`: the JSON type of a value. On the RPC wire only integers, numbers and booleans can be
 * broken (the text must parse); there a string, object or list type states no rule.
 */
export const type: KeywordDefinition = {
  keyword: 'type',
  kind: 'type',
  rules: (node, site, { style }) =>
    node.type === undefined || site.role === 'root' || wrongValues(typeOf(node.type), style).length === 0
      ? []
      : [defineRule(type, node, site, { params: { type: node.type }, description: `${displayPath(site)} must be of type ${String(node.type)}` })],
  boundaries: (rule, node, tools) => tools.valid(node).map((value) => ({ ...setAt(rule, `any ${String(node.type)}`, value), anyValue: true })),
  violations: (rule, node, tools) => fc.constantFrom(...wrongValues(typeOf(node.type), tools.context.style)).map((w) => setAt(rule, w.label, w.value)),
};
