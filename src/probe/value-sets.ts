import { drawCases, type CaseGenerators, type CaseMode, type RequestCase } from '../../generators/request-case.ts';
import type { Judgement } from '../contract/judge.ts';
import type { Contract } from '../contract/load.ts';
import type { Rule, RuleKind } from '../contract/rule.ts';
import { familySeed } from '../runner/plan.ts';

/** The rule kinds whose probe is a set of values tried one by one: listed values and their neighbours, presence, characters, formats. */
export const valueSetKinds = ['enum', 'required', 'conditional', 'pattern', 'firstCharacter', 'forbiddenPrefix', 'format'] as const satisfies readonly RuleKind[];
export type ValueSetKind = (typeof valueSetKinds)[number];

/** Whether a rule is probed as a set of values. */
export function isValueSetRule(rule: Rule): rule is Rule & { kind: ValueSetKind } {
  return (valueSetKinds as readonly string[]).includes(rule.kind);
}

/** One value tried: its label (the keyword's words, with the value), and the cases that carry it (the first sent, the others while answers say nothing). */
export interface Candidate {
  readonly label: string;
  readonly cases: readonly RequestCase[];
}

/**
 * The values a rule's probe tries, from the rule's own keyword: its edge values (every listed value,
 * a value present, allowed characters), the values past it (unlisted values, a missing parameter,
 * refused characters and first characters, forbidden prefixes) and the values its readings judge
 * differently (another case, a Chinese first character). At most `limit` values, the edge ones first.
 */
export function candidatesOf(generators: CaseGenerators, rule: Rule, seed: number, limit = 12, alternates = 3): Candidate[] {
  const byLabel = new Map<string, RequestCase[]>();
  // Only a rule its readings state otherwise has values they judge differently. Labels repeat, so every
  // mode draws its whole allowance: a short list (four forbidden prefixes) is then tried whole.
  const modes: CaseMode[] = rule.ambiguous === undefined ? ['boundary', 'violation'] : ['boundary', 'probe', 'violation'];
  const draws = 36;
  for (const mode of modes) {
    for (const c of drawCases(generators.candidates(rule, mode), familySeed(seed, `${rule.id}/${mode}/values`), draws, draws)) {
      const same = byLabel.get(c.label) ?? [];
      if (same.length < alternates) byLabel.set(c.label, [...same, c]);
    }
  }
  return [...byLabel].slice(0, limit).map(([label, cases]) => ({ label, cases }));
}

/** What a contract's documents say of one candidate's value: accepted, refused, or either, by reading. */
export type Prediction =
  | { readonly says: 'accept' | 'refuse' }
  /** The readings disagree: accepted under the readings named, per contradiction. */
  | { readonly says: 'either'; readonly accepting: ReadonlyMap<string, readonly string[]> };

/**
 * What a judgement says about the value at `pointer` alone (other parameters are another edition's
 * business: a parameter it does not know, a bound it states otherwise).
 */
export function predictionAt(judged: Judgement, pointer: string): Prediction {
  if (!judged.violations.some((v) => v.pointer === pointer)) return { says: 'accept' };
  // Refused by every reading: a firm violation, or a contradiction none of whose readings accepts it (a reading may state the rule with another keyword).
  if (judged.firm.some((v) => v.pointer === pointer) || judged.readings.some((r) => r.accepting.length === 0)) return { says: 'refuse' };
  return { says: 'either', accepting: new Map(judged.readings.map((r) => [r.contradiction, r.accepting])) };
}

/** One choice of reading per contradiction: a way an endpoint may follow the documents. */
export type World = ReadonlyMap<string, string>;

/** Every combination of readings of the contradictions the predictions depend on; one empty world when none. */
export function worldsOf(contract: Contract, predictions: readonly Prediction[]): World[] {
  const involved = new Set(predictions.flatMap((p) => (p.says === 'either' ? [...p.accepting.keys()] : [])));
  return contract.readings
    .filter((c) => involved.has(c.id))
    .reduce<World[]>((worlds, c) => worlds.flatMap((world) => c.readings.map((r) => new Map([...world, [c.id, r.id]]))), [new Map()]);
}

/** Whether a world expects the value accepted. */
export function acceptsIn(prediction: Prediction, world: World): boolean {
  if (prediction.says !== 'either') return prediction.says === 'accept';
  return [...prediction.accepting].every(([contradiction, accepting]) => {
    const chosen = world.get(contradiction);
    return chosen === undefined || accepting.includes(chosen);
  });
}

/** The worlds of a contract that predict every conclusive answer (`undefined`: no answer). */
export function explainingWorlds(contract: Contract, answered: readonly { readonly prediction: Prediction; readonly accepted: boolean | undefined }[]): World[] {
  const conclusive = answered.filter((a): a is { prediction: Prediction; accepted: boolean } => a.accepted !== undefined);
  return worldsOf(
    contract,
    conclusive.map((a) => a.prediction),
  ).filter((world) => conclusive.every((a) => acceptsIn(a.prediction, world) === a.accepted));
}

/** A world in words: `target-type-case=ignore-case`; the documents as written when it chooses nothing. */
export function worldWords(world: World): string {
  return world.size === 0 ? 'the documents as written' : [...world].map(([c, r]) => `${c}=${r}`).join(', ');
}

/** The mode a case was drawn in, to relabel it. */
function modeOf(c: RequestCase): CaseMode {
  return c.kind === 'valid' ? 'boundary' : c.kind;
}

/**
 * The case on a minimal request: top-level parameters kept only when required (`required`, another
 * edition's included), or when the case's value or pins live under them; the case itself when the
 * smaller request would break anything else or be judged otherwise (a condition that needs a sibling).
 */
export function minimalCase(generators: CaseGenerators, c: RequestCase, required: ReadonlySet<string>): RequestCase {
  const topOf = (pointer: string) => pointer.split('/')[1] ?? '';
  const keep = new Set([...required, ...[c.pointer ?? '', ...(c.pins ?? [])].map(topOf)]);
  const smaller = Object.fromEntries(Object.entries(c.request).filter(([name]) => keep.has(name)));
  // Smaller only if it breaks exactly what the case breaks: a dropped sibling may be one a condition needs.
  const broken = (request: unknown) => [...new Set(generators.judge(request).violations.map((v) => v.pointer))].sort().join(' ');
  if (broken(smaller) !== broken(c.request)) return c;
  return generators.relabel(c, modeOf(c), smaller) ?? c;
}
