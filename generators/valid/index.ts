import type fc from 'fast-check';
import type { SchemaNode } from '../../src/contract/schema-node.ts';
import { escapePointer } from '../../src/json/pointer.ts';
import type { GenerationContext } from '../../src/keywords/keyword.ts';
import { caseBlindProperties, conditionHolds, isPresent, type RequiredWhen } from '../../src/keywords/requiredWhen.ts';
import type { ArrayPlan, ValuePlan } from '../../src/keywords/value-plan.ts';
import { planFor } from '../plan.ts';
import { booleanSampler, numberSampler } from './number.ts';
import { arbitraryOf, drawSize, smallerSizes, type Pins, type Sampler } from './sampler.ts';
import { stringSampler } from './string.ts';

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
  /** Every property of an object is included (list entries: see {@link arraySampler}). */
  readonly complete?: boolean;
  readonly plan?: ValuePlan;
}

function touches(requirements: Requirements, pointer: string): boolean {
  const under = (p: string): boolean => p === pointer || p.startsWith(`${pointer}/`);
  return [...requirements.pins.keys()].some(under) || [...requirements.force].some(under);
}

/** What decides a sampler's structure: the pinned and forced pointers, not the pinned values (each draw brings its own). */
function shapeKey(requirements: Requirements, pointer: string, options: BuildOptions): string {
  return [pointer, [...requirements.pins.keys()].sort().join('|'), [...requirements.force].sort().join('|'), requirements.minimal === true, options.nonEmpty === true, options.complete === true].join('\u0000');
}

const compiled = new WeakMap<GenerationContext, WeakMap<SchemaNode, Map<string, Sampler<unknown>>>>();

/**
 * The compiled sampler of a node's valid values at `pointer`: every keyword's rule holds, conditional
 * requirements included, and the requirements' pinned and forced paths are honoured. Compiled once
 * per context, node and shape of requirements; a narrower `plan` is compiled for its one use.
 */
export function validSampler(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements = noRequirements, options: BuildOptions = {}): Sampler<unknown> {
  if (options.plan) return compileValue(node, pointer, context, requirements, options);
  let byNode = compiled.get(context);
  if (!byNode) compiled.set(context, (byNode = new WeakMap()));
  let byShape = byNode.get(node);
  if (!byShape) byNode.set(node, (byShape = new Map()));
  const key = shapeKey(requirements, pointer, options);
  let sampler = byShape.get(key);
  if (!sampler) byShape.set(key, (sampler = compileValue(node, pointer, context, requirements, options)));
  return sampler;
}

/** Valid values of a schema node at `pointer`, as an arbitrary holding the requirements' pins. */
export function validValue(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements = noRequirements, options: BuildOptions = {}): fc.Arbitrary<unknown> {
  return arbitraryOf(validSampler(node, pointer, context, requirements, options), requirements.pins);
}

function compileValue(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements, options: BuildOptions): Sampler<unknown> {
  if (requirements.pins.has(pointer)) return { draw: (_draws, pins) => pins.get(pointer), shrink: () => [] };
  const plan = options.plan ?? planFor(node, context);
  switch (plan.type) {
    case 'string':
      return stringSampler(plan);
    case 'integer':
    case 'number':
      return numberSampler(plan);
    case 'boolean':
      return booleanSampler(plan);
    case 'array':
      return arraySampler(node, plan, pointer, context, requirements, options) as Sampler<unknown>;
    case 'object':
      return objectSampler(node, pointer, context, requirements, options) as Sampler<unknown>;
  }
}

/**
 * Lists of valid entries. Entries are complete objects: a tag without its key or a partition without
 * its device is legal by the tables but no client sends one, and endpoints are entitled to refuse it.
 * The first entry holds the requirements on `pointer/0`.
 */
function arraySampler(node: SchemaNode, plan: ArrayPlan, pointer: string, context: GenerationContext, requirements: Requirements, options: BuildOptions): Sampler<readonly unknown[]> {
  const items = node.items ?? {};
  const firstRequired = touches(requirements, `${pointer}/0`);
  const min = Math.max(plan.minItems, firstRequired || options.nonEmpty ? 1 : 0);
  const max = requirements.minimal ? min : Math.max(plan.maxItems, min);
  const entry = validSampler(items, `${pointer}/*`, context, noRequirements, { complete: true });
  const first = validSampler(items, `${pointer}/0`, context, requirements, { complete: true });
  return {
    draw: (draws, pins) => {
      const length = drawSize(draws, min, max);
      const list = new Array<unknown>(length);
      for (let index = 0; index < length; index += 1) list[index] = (index === 0 ? first : entry).draw(draws, pins);
      return list;
    },
    *shrink(list) {
      for (const size of smallerSizes(min, list.length)) yield list.slice(0, size);
      for (const [index, value] of list.entries()) {
        for (const smaller of (index === 0 ? first : entry).shrink(value)) yield list.with(index, smaller);
      }
    },
  };
}

function requiredWhenOf(node: SchemaNode): RequiredWhen[] {
  return Array.isArray(node['requiredWhen']) ? (node['requiredWhen'] as RequiredWhen[]) : [];
}

/** How a property takes part in an object's draws: always, by a coin toss, or only when a condition requires it. */
type Presence = 'always' | 'optional' | 'whenRequired';

interface PropertySampler {
  readonly name: string;
  readonly sampler: Sampler<unknown>;
  readonly presence: Presence;
}

/** Coin tosses for optional properties per random draw: its 32 bits. */
const coinsPerDraw = 32;

/** Objects whose optional properties come and go, with every conditional requirement satisfied. */
function objectSampler(node: SchemaNode, pointer: string, context: GenerationContext, requirements: Requirements, options: BuildOptions): Sampler<Readonly<Record<string, unknown>>> {
  const conditional = requiredWhenOf(node);
  const targets = new Set(conditional.map((entry) => entry.property));
  const declared = node.properties ?? {};
  for (const target of targets) if (!(target in declared)) throw new Error(`valid object at ${pointer || '(root)'}: requiredWhen names ${target}, which has no schema`);
  const properties = Object.entries(declared).map(([name, child]): PropertySampler => {
    const at = `${pointer}/${escapePointer(name)}`;
    const always = options.complete === true || (node.required ?? []).includes(name) || touches(requirements, at);
    // A value naming a resource no fixture stands for names nothing when drawn at random: sent only where a condition requires it.
    const unbound = child['x-refers-to'] !== undefined;
    return { name, sampler: validSampler(child, at, context, requirements, { nonEmpty: targets.has(name) }), presence: always ? 'always' : requirements.minimal || unbound ? 'whenRequired' : 'optional' };
  });
  const byName = new Map(properties.map((p) => [p.name, p]));
  const caseBlind = caseBlindProperties(node);
  const conditionsMet = (object: Readonly<Record<string, unknown>>): boolean => conditional.every((entry) => !conditionHolds(entry, object, caseBlind) || isPresent(object[entry.property]));
  // Objects whose properties come and go are built as dictionaries: V8 would give each distinct set of
  // properties a hidden class of its own, at some 7 µs an object against 1 µs.
  const varies = conditional.length > 0 || properties.some((p) => p.presence !== 'always');
  return {
    draw: (draws, pins) => {
      const result: Record<string, unknown> = varies ? Object.create(null) : {};
      let coins = 0;
      let coinsLeft = 0;
      for (const { name, sampler, presence } of properties) {
        if (presence === 'optional') {
          if (coinsLeft === 0) {
            coins = draws.next();
            coinsLeft = coinsPerDraw;
          }
          const chosen = (coins & 1) === 1;
          coins >>>= 1;
          coinsLeft -= 1;
          if (!chosen) continue;
        } else if (presence === 'whenRequired') continue;
        result[name] = sampler.draw(draws, pins);
      }
      satisfyConditions(result, conditional, caseBlind, (name) => (byName.get(name) as PropertySampler).sampler.draw(draws, pins));
      return varies ? Object.setPrototypeOf(result, Object.prototype) : result;
    },
    // Fewer properties first, then smaller values; a candidate that leaves a condition unmet is skipped.
    *shrink(object) {
      for (const { name, presence } of properties) {
        if (presence === 'always' || !(name in object)) continue;
        const { [name]: _dropped, ...without } = object;
        if (conditionsMet(without)) yield without;
      }
      for (const { name, sampler } of properties) {
        if (!(name in object)) continue;
        for (const smaller of sampler.shrink(object[name])) {
          const candidate = { ...object, [name]: smaller };
          if (conditionsMet(candidate)) yield candidate;
        }
      }
    },
  };
}

/** Adds each conditional property whose condition holds; adding one can make another condition hold (a sibling becomes present), so until stable. */
function satisfyConditions(object: Record<string, unknown>, conditional: readonly RequiredWhen[], caseBlind: ReadonlySet<string>, drawProperty: (name: string) => unknown): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const entry of conditional) {
      if (!conditionHolds(entry, object, caseBlind) || isPresent(object[entry.property])) continue;
      object[entry.property] = drawProperty(entry.property);
      if (!isPresent(object[entry.property])) throw new Error(`valid object: the value drawn for ${entry.property} does not count as present`);
      changed = true;
    }
  }
}

export type { Pins, Sampler } from './sampler.ts';
