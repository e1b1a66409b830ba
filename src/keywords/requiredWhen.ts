import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import type { Rule } from '../contract/rule.ts';
import type { Source } from '../contract/source.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import { escapePointer } from '../json/pointer.ts';
import { defineRule, displayPath, type CaseTools, type KeywordDefinition } from './keyword.ts';

/** One conditional requirement: `property` is required when a sibling equals a value, or when a sibling is present. */
export interface RequiredWhen {
  readonly property: string;
  readonly when?: { readonly property: string; readonly equals: unknown };
  readonly present?: string;
  readonly 'x-source'?: readonly Source[];
}

/** The sibling whose value or presence triggers the requirement. */
export function conditionProperty(entry: RequiredWhen): string {
  const property = entry.when?.property ?? entry.present;
  if (property === undefined) throw new Error(`requiredWhen: the entry for "${entry.property}" needs "when" or "present"`);
  return property;
}

/** Whether a value counts as given. An empty list flattens to nothing on the RPC wire, so it counts as absent. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/**
 * The properties of an object schema whose values are listed without regard to case (`enumIgnoringCase`,
 * a reading's): a service that reads `IMAGE` as `Image` reads it so in the conditions on it too.
 */
export function caseBlindProperties(node: Readonly<SchemaNode>): ReadonlySet<string> {
  return new Set(Object.entries(node.properties ?? {}).flatMap(([name, child]) => (Array.isArray(child['enumIgnoringCase']) ? [name] : [])));
}

/** Whether `entry`'s condition holds on `object`; the sibling's value compared without regard to case when it is one of `caseBlind`. */
export function conditionHolds(entry: RequiredWhen, object: Readonly<Record<string, unknown>>, caseBlind: ReadonlySet<string> = new Set()): boolean {
  if (!entry.when) return isPresent(object[conditionProperty(entry)]);
  const { property, equals } = entry.when;
  const value = object[property];
  if (caseBlind.has(property) && typeof value === 'string' && typeof equals === 'string') return value.toLowerCase() === equals.toLowerCase();
  return value === equals;
}

function entriesOf(value: unknown): RequiredWhen[] {
  return Array.isArray(value) ? (value as RequiredWhen[]) : [];
}

function describeCondition(entry: RequiredWhen): string {
  return entry.when ? `${entry.when.property} is ${JSON.stringify(entry.when.equals)}` : `${conditionProperty(entry)} is given`;
}

/** The pointer template of the sibling a rule's condition reads. */
function conditionPointer(rule: Rule): string {
  const parent = rule.pointer.slice(0, rule.pointer.lastIndexOf('/'));
  const when = rule.params['when'] as RequiredWhen['when'];
  return `${parent}/${escapePointer(when ? when.property : String(rule.params['present']))}`;
}

/** Pins that make the rule's condition hold: the documented value, or any valid value of the sibling. */
function conditionPins(rule: Rule, node: SchemaNode, tools: CaseTools): fc.Arbitrary<Record<string, unknown>> {
  const when = rule.params['when'] as RequiredWhen['when'];
  if (when) return fc.constant({ [conditionPointer(rule)]: when.equals });
  return tools.valid(node.properties?.[String(rule.params['present'])] ?? {}).map((value) => ({ [conditionPointer(rule)]: value }));
}

/** `requiredWhen` (on an object): cross-field requirements such as "NetMode=2 needs VSwitchId". */
export const requiredWhen: KeywordDefinition = {
  keyword: 'requiredWhen',
  kind: 'conditional',
  ajv: () => ({
    keyword: 'requiredWhen',
    type: 'object',
    schemaType: 'array',
    errors: true,
    compile: (schema: unknown, parentSchema: unknown) => {
      const entries = entriesOf(schema);
      const caseBlind = caseBlindProperties(parentSchema as SchemaNode);
      const validate: DataValidateFunction = (data: unknown) => {
        if (typeof data !== 'object' || data === null || Array.isArray(data)) return true;
        const object = data as Record<string, unknown>;
        const broken = entries.filter((entry) => conditionHolds(entry, object, caseBlind) && !isPresent(object[entry.property]));
        if (broken.length === 0) return true;
        validate.errors = broken.map((entry) => ({
          keyword: 'requiredWhen',
          message: `must have property ${entry.property} when ${describeCondition(entry)}`,
          params: { property: entry.property, condition: conditionProperty(entry) },
        }));
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) =>
    entriesOf(node['requiredWhen']).map((entry) => {
      const target = {
        schemaPointer: `${site.schemaPointer}/properties/${escapePointer(entry.property)}`,
        path: [...site.path, entry.property],
        pointer: `${site.pointer}/${escapePointer(entry.property)}`,
        role: 'property' as const,
      };
      const condition = conditionProperty(entry);
      return defineRule(requiredWhen, node, site, {
        idSuffix: condition,
        discriminator: entry.property,
        target,
        params: { property: entry.property, ...(entry.when ? { when: entry.when } : { present: condition }) },
        description: `${displayPath(target)} is required when ${describeCondition(entry)}`,
        source: entry['x-source'] ?? [],
      });
    }),
  reads: (rule) => [conditionPointer(rule)],
  boundaries: (rule, node, tools) =>
    fc
      .tuple(conditionPins(rule, node, tools), tools.valid(tools.nodeAt(rule.pointer)))
      .map(([pins, value]) => ({ label: 'condition holds, property given', at: rule.pointer, action: { set: value }, pins, anyValue: true })),
  violations: (rule, node, tools) =>
    conditionPins(rule, node, tools).map((pins) => ({ label: 'condition holds, property missing', at: rule.pointer, action: { remove: true } as const, pins })),
};
