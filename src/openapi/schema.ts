/**
 * A contract schema in standard JSON Schema (2020-12, the dialect of OpenAPI 3.1): each keyword of our
 * own vocabulary becomes the nearest standard keywords, and stays beside them as `x-<keyword>` with its
 * exact value, so a tool that knows only the standard judges values as our validator does (except a
 * time window, which moves with the clock and is stated in words) and a reader still sees the rule as
 * the contract states it. `x-source` stays on every node.
 *
 * @module
 */

import type { Rule } from '../contract/rule.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import { firstCharacterClasses, type FirstCharacterClass } from '../keywords/firstCharacter.ts';
import { formats } from '../keywords/formats/index.ts';
import { keywords } from '../keywords/index.ts';
import { conditionProperty, type RequiredWhen } from '../keywords/requiredWhen.ts';
import { escapePointer } from '../json/pointer.ts';

/** A JSON Schema node as this module writes it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** The standard keywords that state a keyword's rule, given its value and the node that holds it. */
type Translation = (value: unknown, node: SchemaNode) => JsonSchema;

/** Escapes a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each letter as a class of both its cases: JSON Schema patterns have no case-insensitive flag. */
function caseBlind(text: string): string {
  return [...text].map((c) => (c.toLowerCase() === c.toUpperCase() ? escapeRegExp(c) : `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('');
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Whether a property's schema is a list: a list counts as given only with an entry (an empty one flattens to nothing on the RPC wire). */
function isList(node: SchemaNode | undefined): boolean {
  return node?.type === 'array';
}

/** `name` is required (and, for linters that look for it in the same schema, declared, with `constraint`). */
export function requiring(name: string, constraint: JsonSchema = {}): JsonSchema {
  return { required: [name], properties: { [name]: constraint } };
}

/** The standard form of "`name` is given" in an object of `object`'s schema, as `isPresent` of `requiredWhen` reads it. */
function given(name: string, object: SchemaNode): JsonSchema {
  return requiring(name, isList(object.properties?.[name]) ? { type: 'array', minItems: 1 } : {});
}

/** One conditional requirement as `if`/`then`, with `given` saying what "a property is given" is in the instance at hand. */
export function conditionalRequirement(entry: RequiredWhen, isGiven: (name: string) => JsonSchema): JsonSchema {
  const condition = entry.when ? { properties: { [entry.when.property]: { const: entry.when.equals } }, required: [entry.when.property] } : isGiven(conditionProperty(entry));
  return { if: condition, then: isGiven(entry.property), ...(entry['x-source'] ? { 'x-source': entry['x-source'] } : {}) };
}

/**
 * Our keywords and formats, each with its standard form. `firstCharacter` allows the empty string (an
 * empty value is the length rules' business), so its pattern does too unless a minimum length excludes it.
 */
const translations: Readonly<Record<string, Translation>> = {
  firstCharacter: (value, node) => {
    const start = firstCharacterClasses[value as FirstCharacterClass].pattern.source.replace(/^\^/, '');
    return { pattern: (node.minLength ?? 0) >= 1 ? `^${start}` : `^(?:${start}|$)` };
  },
  forbiddenPrefixes: (value) => ({ not: { pattern: `^(?:${strings(value).map(escapeRegExp).join('|')})` } }),
  enumIgnoringCase: (value) => ({ type: 'string', pattern: `^(?:${strings(value).map(caseBlind).join('|')})$` }),
  requiredWhen: (value, node) => ({ allOf: (value as RequiredWhen[]).map((entry) => conditionalRequirement(entry, (name) => given(name, node))) }),
  // The window is relative to the time of the request: only its description can say it.
  timeWindow: () => ({}),
  // JSON text: the standard says so as an annotation; the keys stay in x-jsonObject.
  jsonObject: () => ({ contentMediaType: 'application/json' }),
  // Our formats only (a standard one stays as it is): the standard format they narrow, if any, and their shape.
  format: (value) => {
    const ours = formats.get(String(value));
    return { ...(ours?.narrows ? { format: ours.narrows } : {}), ...(ours ? { pattern: ours.pattern } : {}) };
  },
};

/** The keywords this module translates (a test checks that every keyword of ours is among them). */
export const translatedKeywords: readonly string[] = Object.keys(translations);

/** The keywords of our vocabulary: those ajv needs our implementation for. */
export const ownKeywords: readonly string[] = keywords.filter((k) => k.ajv !== undefined).map((k) => k.keyword);

/** Whether `keyword` with `value` is ours, so it is translated and kept as `x-<keyword>`. */
function isOurs(keyword: string, value: unknown): boolean {
  return keyword === 'format' ? formats.has(String(value)) : ownKeywords.includes(keyword);
}

/** Adds `fragment` to `target`: descriptions are joined, `allOf` lists concatenated, any other clash goes into `allOf`. */
function merge(target: Record<string, unknown>, fragment: JsonSchema): void {
  for (const [keyword, value] of Object.entries(fragment)) {
    if (target[keyword] === undefined) target[keyword] = value;
    else if (keyword === 'description') target[keyword] = `${String(target[keyword])}\n\n${String(value)}`;
    else if (keyword === 'allOf') target[keyword] = [...(target[keyword] as unknown[]), ...(value as unknown[])];
    else if (JSON.stringify(target[keyword]) !== JSON.stringify(value)) merge(target, { allOf: [{ [keyword]: value }] });
  }
}

/** The rules of our keywords on each schema node, by the node's schema pointer. */
function rulesByNode(rules: readonly Rule[]): Map<string, Rule[]> {
  const byNode = new Map<string, Rule[]>();
  for (const rule of rules.filter((r) => isOurs(r.keyword, r.params['format']))) {
    byNode.set(rule.schemaPointer, [...(byNode.get(rule.schemaPointer) ?? []), rule]);
  }
  return byNode;
}

function translateNode(node: SchemaNode, pointer: string, rules: ReadonlyMap<string, Rule[]>): JsonSchema {
  const standard: Record<string, unknown> = {};
  const ours: [string, unknown][] = [];
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === '$schema' || keyword === '$id') continue;
    if (isOurs(keyword, value)) ours.push([keyword, value]);
    else if (keyword === 'properties') standard[keyword] = Object.fromEntries(Object.entries(value as Record<string, SchemaNode>).map(([name, child]) => [name, translateNode(child, `${pointer}/properties/${escapePointer(name)}`, rules)]));
    else if (keyword === 'items') standard[keyword] = translateNode(value as SchemaNode, `${pointer}/items`, rules);
    else standard[keyword] = value;
  }
  for (const [keyword, value] of ours) {
    merge(standard, (translations[keyword] as Translation)(value, node));
    standard[`x-${keyword}`] = value;
  }
  const stated = rules.get(pointer) ?? [];
  if (stated.length > 0) merge(standard, { description: stated.map((rule) => `- ${rule.description}.`).join('\n') });
  return standard;
}

/**
 * A contract schema (request, response or error envelope) in standard JSON Schema. `rules` are the
 * schema's rules: those of our keywords add their words to the description of the node that states them.
 */
export function toStandardSchema(schema: SchemaNode, rules: readonly Rule[] = []): JsonSchema {
  return translateNode(schema, '', rulesByNode(rules));
}
