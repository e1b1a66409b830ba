import fc from 'fast-check';
import type { SchemaNode } from '../../src/contract/schema-node.ts';
import { escapePointer } from '../../src/json/pointer.ts';
import type { GenerationContext } from '../../src/keywords/keyword.ts';
import { conditionHolds, isPresent, type RequiredWhen } from '../../src/keywords/requiredWhen.ts';
import type { ValuePlan } from '../../src/keywords/value-plan.ts';
import { planFor } from '../plan.ts';
import { lengthOf, validString } from './string.ts';
import { validBoolean, validNumber } from './number.ts';

/** Values a generated request must hold (pins) or paths that must exist (force), by concrete pointer. */
export interface Requirements {
  readonly pins: ReadonlyMap<string, unknown>;
  readonly force: ReadonlySet<string>;
  /** Only what is required, pinned or forced, and lists as short as allowed: a probe's request, where a refusal can only come from the value probed. */
  readonly minimal?: boolean;
}

/** No requirement at all. */
export const noRequirements: Requirements = { pins: new Map(), force: new Set() };

interface BuildOptions {
  /** A list that must have entries (it is a conditional requirement's target). */
  readonly nonEmpty?: boolean;
  /** Every property of an object is included (list entries: see {@link validArray}). */
  readonly complete?: boolean;
  readonly plan?: ValuePlan;
}

function touches(requirements: Requirements, pointer: string): boolean {
  const under = (p: string): boolean => p === pointer || p.startsWith(`${pointer}/`);
  return [...requirements.pins.keys()].some(under) || [...requirements.force].some(under);
}

/**
 * Valid values of a schema node at `pointer`: every keyword's rule holds, conditional requirements
 * included, and the requirements' pins and forced paths are honoured.
 */
export function validValue(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements = noRequirements, options: BuildOptions = {}): fc.Arbitrary<unknown> {
  if (requirements.pins.has(pointer)) return fc.constant(requirements.pins.get(pointer));
  const plan = options.plan ?? planFor(node, context);
  switch (plan.type) {
    case 'string':
      return validString(plan);
    case 'integer':
    case 'number':
      return validNumber(plan);
    case 'boolean':
      return validBoolean(plan);
    case 'array':
      return validArray(node, plan, pointer, context, requirements, options);
    case 'object':
      return validObject(node, pointer, context, requirements, options);
  }
}

/**
 * Lists of valid entries. Entries are complete objects: a tag without its key or a partition without
 * its device is legal by the tables but no client sends one, and endpoints are entitled to refuse it.
 */
function validArray(node: SchemaNode, plan: Extract<ValuePlan, { type: 'array' }>, pointer: string, context: GenerationContext, requirements: Requirements, options: BuildOptions): fc.Arbitrary<unknown> {
  const items = node.items ?? {};
  const firstRequired = touches(requirements, `${pointer}/0`);
  const min = Math.max(plan.minItems, firstRequired || options.nonEmpty ? 1 : 0);
  const max = requirements.minimal ? min : Math.max(plan.maxItems, min);
  const entry = validValue(items, `${pointer}/*`, context, noRequirements, { complete: true });
  const first = validValue(items, `${pointer}/0`, context, requirements, { complete: true });
  return lengthOf(min, max).chain((length) =>
    length === 0 ? fc.constant<unknown[]>([]) : fc.tuple(first, fc.array(entry, { minLength: length - 1, maxLength: length - 1 })).map(([head, rest]) => [head, ...rest]),
  );
}

function requiredWhenOf(node: SchemaNode): RequiredWhen[] {
  return Array.isArray(node['requiredWhen']) ? (node['requiredWhen'] as RequiredWhen[]) : [];
}

/** Objects whose optional properties come and go, with every conditional requirement satisfied. */
function validObject(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements, options: BuildOptions): fc.Arbitrary<unknown> {
  const properties = Object.entries(node.properties ?? {});
  const conditional = requiredWhenOf(node);
  const targets = new Set(conditional.map((entry) => entry.property));
  const always = (name: string): boolean =>
    options.complete === true || (node.required ?? []).includes(name) || touches(requirements, `${pointer}/${escapePointer(name)}`);
  const values = fc.record(
    Object.fromEntries(properties.map(([name, child]) => [name, validValue(child, `${pointer}/${escapePointer(name)}`, context, requirements, { nonEmpty: targets.has(name) })])),
  );
  const optional = requirements.minimal ? [] : properties.map(([name]) => name).filter((name) => !always(name));
  const mask = fc.record(Object.fromEntries(optional.map((name) => [name, fc.boolean()])));
  return fc.tuple(values, mask).map(([all, chosen]) => {
    const result: Record<string, unknown> = {};
    for (const [name] of properties) if (always(name) || (chosen as Record<string, boolean>)[name]) result[name] = (all as Record<string, unknown>)[name];
    // Adding one conditional property can make another condition hold (a sibling becomes present): repeat until stable.
    for (let changed = true; changed; ) {
      changed = false;
      for (const entry of conditional) {
        if (conditionHolds(entry, result) && !isPresent(result[entry.property])) {
          result[entry.property] = (all as Record<string, unknown>)[entry.property];
          changed = true;
        }
      }
    }
    return result;
  });
}
