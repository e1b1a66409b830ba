import type { Contract } from '../contract/load.ts';
import type { Rule, RuleKind } from '../contract/rule.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import type { Source } from '../contract/source.ts';
import type { FirstCharacterClass } from '../keywords/firstCharacter.ts';
import type { RequiredWhen } from '../keywords/requiredWhen.ts';
import type { TimeWindow } from '../keywords/timeWindow.ts';
import { impacts, type Change, type ChangeKind, type Impact } from './change.ts';
import { parameterOf, sourceOf } from './parameters.ts';

/** One contract with its parameters by path. */
export interface Side {
  readonly contract: Contract;
  readonly parameters: ReadonlyMap<string, SchemaNode>;
}

/** A change before it is tied to its rule and quotes. */
interface Delta {
  readonly kind: ChangeKind;
  readonly from: unknown;
  readonly to: unknown;
  readonly impact: Impact;
}

/** The word of each rule kind in change kinds. A new rule kind fails to compile here until it has one. */
const kindWords: Record<Exclude<RuleKind, 'required'>, string> = {
  type: 'type',
  conditional: 'conditional',
  range: 'range',
  length: 'length',
  count: 'count',
  enum: 'enum',
  pattern: 'pattern',
  format: 'format',
  forbiddenPrefix: 'forbidden-prefixes',
  firstCharacter: 'first-character',
  timeWindow: 'time-window',
};

function changeKind(rule: Rule, what: 'added' | 'removed' | 'changed'): ChangeKind {
  if (rule.kind === 'required') return what === 'removed' ? 'required-to-optional' : 'optional-to-required';
  return `${kindWords[rule.kind]}-${what}` as ChangeKind;
}

/** JSON with sorted keys: two editions may write the same object in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// Reading the rules' params, as the keywords of src/keywords/ state them.

const lowerBounds = new Set(['minimum', 'minLength', 'minItems']);
const isLimit = (rule: Rule): boolean => rule.kind === 'range' || rule.kind === 'length' || rule.kind === 'count';
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringsOf = (value: unknown): string[] => listOf(value).filter((v): v is string => typeof v === 'string');

/** The documented condition of a `requiredWhen` rule, in words: `TargetType = "Image"`, `SizeBytes is given`. */
function conditionText(rule: Rule): string {
  const when = rule.params['when'] as RequiredWhen['when'];
  return when ? `${when.property} = ${JSON.stringify(when.equals)}` : `${String(rule.params['present'])} is given`;
}

function conditionProperty(rule: Rule): string {
  const when = rule.params['when'] as RequiredWhen['when'];
  return when?.property ?? String(rule.params['present']);
}

function windowOf(rule: Rule): TimeWindow & { readonly bound: 'after' | 'notAfter' } {
  return rule.params as unknown as TimeWindow & { readonly bound: 'after' | 'notAfter' };
}

/** A window bound in words: `later than now + PT0S`, `not later than creation + P90D`. */
function windowText(rule: Rule): string {
  const window = windowOf(rule);
  if (window.bound === 'notAfter') return `not later than ${window.anchor} + ${window.notAfter}`;
  return `${window.exclusiveAfter ? 'later than' : 'at or after'} ${window.anchor} + ${window.after}`;
}

/** What a rule states, as a short value for reports. */
export function statedValue(rule: Rule): unknown {
  switch (rule.kind) {
    case 'required':
      return 'required';
    case 'conditional':
      return `required when ${conditionText(rule)}`;
    case 'range':
    case 'length':
    case 'count':
      return rule.params['limit'];
    case 'enum':
      return rule.params['ignoreCase'] === true ? { values: listOf(rule.params['values']), ignoreCase: true } : listOf(rule.params['values']);
    case 'pattern':
      return rule.params['pattern'];
    case 'format':
      return rule.params['format'];
    case 'forbiddenPrefix':
      return stringsOf(rule.params['prefixes']);
    case 'firstCharacter':
      return rule.params['class'];
    case 'timeWindow':
      return windowText(rule);
    case 'type':
      return rule.params['type'];
  }
}

/** Seconds of an ISO 8601 duration of days, hours, minutes and seconds; undefined for any other shape. */
function durationSeconds(iso: unknown): number | undefined {
  const match = typeof iso === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso) : null;
  if (!match) return undefined;
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** The first-character classes each class admits (src/keywords/firstCharacter.ts): a new class fails to compile here until it is placed. */
const admits: Record<FirstCharacterClass, readonly FirstCharacterClass[]> = {
  letter: ['letter'],
  letterOrChinese: ['letter', 'letterOrChinese'],
};

/** JSON types a type admits: a number may be an integer. */
function typesAdmitted(type: unknown): Set<string> {
  const types = typeof type === 'string' ? [type] : stringsOf(type);
  return new Set(types.flatMap((t) => (t === 'number' ? ['number', 'integer'] : [t])));
}

/** Narrowed when `to` admits a subset of what `from` admits, widened for a superset, both otherwise. */
function bySets<T>(from: ReadonlySet<T>, to: ReadonlySet<T>): Impact {
  const lost = [...from].some((v) => !to.has(v));
  const gained = [...to].some((v) => !from.has(v));
  return lost && gained ? impacts.both : lost ? impacts.narrowed : gained ? impacts.widened : impacts.none;
}

/** An enum's changes: values added, removed, re-cased (`image` → `Image`), and case-blind matching turned on or off. */
function enumDeltas(a: Rule, b: Rule): Delta[] {
  const before = listOf(a.params['values']);
  const after = listOf(b.params['values']);
  const has = (list: unknown[], value: unknown) => list.some((v) => canonical(v) === canonical(value));
  const removed = before.filter((v) => !has(after, v));
  const added = after.filter((v) => !has(before, v));
  const recased: [string, string][] = [];
  for (const old of removed) {
    const partner = typeof old === 'string' ? added.find((v): v is string => typeof v === 'string' && v !== old && v.toLowerCase() === old.toLowerCase()) : undefined;
    if (partner !== undefined) recased.push([old as string, partner]);
  }
  const recasedFrom = new Set(recased.map(([old]) => old));
  const recasedTo = new Set(recased.map(([, now]) => now));
  const [caseBlindBefore, caseBlindAfter] = [a.params['ignoreCase'] === true, b.params['ignoreCase'] === true];
  const deltas: Delta[] = recased.map(([old, now]) => ({
    kind: 'enum-value-recased',
    from: old,
    to: now,
    // Exact matching refuses the old spelling and takes the new one; case-blind matching on both sides takes either.
    impact: caseBlindBefore && caseBlindAfter ? impacts.none : impacts.both,
  }));
  const stillAdded = added.filter((v) => !recasedTo.has(v as string));
  const stillRemoved = removed.filter((v) => !recasedFrom.has(v as string));
  if (stillAdded.length > 0) deltas.push({ kind: 'enum-values-added', from: null, to: stillAdded, impact: impacts.widened });
  if (stillRemoved.length > 0) deltas.push({ kind: 'enum-values-removed', from: stillRemoved, to: null, impact: impacts.narrowed });
  if (caseBlindBefore !== caseBlindAfter) {
    deltas.push({ kind: 'enum-changed', from: caseBlindBefore ? 'any case' : 'exact case', to: caseBlindAfter ? 'any case' : 'exact case', impact: caseBlindAfter ? impacts.widened : impacts.narrowed });
  }
  return deltas;
}

/** How a time-window bound moved: a later earliest time or an earlier latest one narrows. */
function windowImpact(a: Rule, b: Rule): Impact {
  const [before, after] = [windowOf(a), windowOf(b)];
  if (before.anchor !== after.anchor) return impacts.both;
  const key = before.bound === 'after' ? 'after' : 'notAfter';
  const [from, to] = [durationSeconds(before[key]), durationSeconds(after[key])];
  if (from === undefined || to === undefined) return impacts.both;
  if (before.bound === 'notAfter') return to > from ? impacts.widened : to < from ? impacts.narrowed : impacts.none;
  if (to !== from) return to > from ? impacts.narrowed : impacts.widened;
  return after.exclusiveAfter === before.exclusiveAfter ? impacts.none : after.exclusiveAfter ? impacts.narrowed : impacts.widened;
}

/** How a conditional requirement changed: a condition on presence (`SizeBytes is given`) holds more often than one on a value. */
function conditionImpact(a: Rule, b: Rule): Impact {
  if (conditionProperty(a) !== conditionProperty(b)) return impacts.both;
  const [onValueBefore, onValueAfter] = [a.params['when'] !== undefined, b.params['when'] !== undefined];
  if (onValueBefore && onValueAfter) return impacts.both; // another value: some requests gain the requirement, some lose it
  return onValueBefore ? impacts.narrowed : impacts.widened;
}

/** The differences between two rules of one constrained value (same id, or the same value and kind stated by a variant keyword). */
function ruleDeltas(a: Rule, b: Rule): Delta[] {
  const paramsOf = (rule: Rule): Record<string, unknown> => {
    // A window rule's params hold both bounds; each rule is about one.
    if (rule.kind !== 'timeWindow') return { keyword: rule.keyword, ...rule.params };
    const window = windowOf(rule);
    return window.bound === 'after' ? { anchor: window.anchor, after: window.after, exclusiveAfter: window.exclusiveAfter === true } : { anchor: window.anchor, notAfter: window.notAfter };
  };
  if (canonical(paramsOf(a)) === canonical(paramsOf(b))) return [];
  const delta = (impact: Impact): Delta[] => [{ kind: changeKind(b, 'changed'), from: statedValue(a), to: statedValue(b), impact }];
  switch (b.kind) {
    case 'range':
    case 'length':
    case 'count': {
      const [from, to] = [Number(a.params['limit']), Number(b.params['limit'])];
      const lower = lowerBounds.has(b.keyword);
      return delta(to === from ? impacts.none : (to > from) === lower ? impacts.narrowed : impacts.widened);
    }
    case 'enum':
      return enumDeltas(a, b);
    case 'forbiddenPrefix':
      // A prefix more is a value less: the sets of forbidden prefixes grade the other way round.
      return delta(bySets(new Set(stringsOf(b.params['prefixes'])), new Set(stringsOf(a.params['prefixes']))));
    case 'firstCharacter': {
      const [from, to] = [a.params['class'] as FirstCharacterClass, b.params['class'] as FirstCharacterClass];
      return delta(bySets(new Set(admits[from] ?? [from]), new Set(admits[to] ?? [to])));
    }
    case 'type':
      return delta(bySets(typesAdmitted(a.params['type']), typesAdmitted(b.params['type'])));
    case 'timeWindow':
      return delta(windowImpact(a, b));
    case 'conditional':
      return delta(conditionImpact(a, b));
    // A changed regular expression or format cannot be compared in general: both sides must look.
    case 'pattern':
    case 'format':
    case 'required':
      return delta(impacts.both);
  }
}

/** The key that pairs a rule with its counterpart stated by a variant keyword (`enum` / `enumIgnoringCase`). Limits pair by id only: their keyword is their bound. */
const variantKey = (rule: Rule): string | undefined => (isLimit(rule) ? undefined : `${rule.pointer}|${rule.kind}|${rule.discriminator}`);

/** Rules of both contracts in pairs: by id, then by variant key; TO's order, then the rules only FROM states. */
function pairRules(from: readonly Rule[], to: readonly Rule[]): [Rule | undefined, Rule | undefined][] {
  const byId = new Map(from.map((r) => [r.id, r]));
  const used = new Set<Rule>();
  const pairs: [Rule | undefined, Rule | undefined][] = to.map((b) => {
    const a = byId.get(b.id);
    if (a) used.add(a);
    return [a, b];
  });
  for (const pair of pairs) {
    if (pair[0] !== undefined) continue;
    const key = variantKey(pair[1] as Rule);
    const a = key === undefined ? undefined : from.find((r) => !used.has(r) && !to.some((t) => t.id === r.id) && variantKey(r) === key);
    if (a) {
      used.add(a);
      pair[0] = a;
    }
  }
  return [...pairs, ...from.filter((a) => !used.has(a)).map((a): [Rule, undefined] => [a, undefined])];
}

/**
 * The impact of a rule only one side states. A rule on a parameter only that side has comes with
 * the parameter (whose change carries the impact): none, unless it makes the new parameter
 * required where the other side's parameters can trigger it. A conditional requirement that the
 * other side states unconditionally (or whose condition is a parameter the other side lacks) changes
 * nothing on its own either. Otherwise a rule added narrows and a rule removed widens.
 */
function loneRuleImpact(rule: Rule, own: Side, other: Side, added: boolean): Impact {
  const parameter = parameterOf(rule);
  const parameterIsNew = parameter !== '' && !other.parameters.has(parameter);
  const direction = added ? impacts.narrowed : impacts.widened;
  if (rule.kind === 'required') return parameterIsNew && !added ? impacts.none : direction;
  if (rule.kind === 'conditional') {
    const condition = [...rule.path.slice(0, -1), conditionProperty(rule)].join('.');
    if (!other.parameters.has(condition)) return impacts.none;
    if (other.contract.rules.some((r) => r.kind === 'required' && r.pointer === rule.pointer)) return impacts.none;
    return parameterIsNew && !added ? impacts.none : direction;
  }
  return parameterIsNew ? impacts.none : direction;
}

/**
 * The rule-by-rule changes between two contracts. Each change carries the quotes of the rule on each
 * side; where one side states no such rule, the quotes of that side's documentation of the
 * parameter (which documents it without the rule), if it has the parameter.
 */
export function diffRules(from: Side, to: Side): Change[] {
  const quotes = (rule: Rule | undefined, side: Side, other: Rule): readonly Source[] => rule?.source ?? sourceOf(side.parameters.get(parameterOf(other)));
  return pairRules(from.contract.rules, to.contract.rules).flatMap(([a, b]): Change[] => {
    const rule = (b ?? a) as Rule;
    const source = { from: quotes(a, from, rule), to: quotes(b, to, rule) };
    if (a && b) return ruleDeltas(a, b).map((d) => ({ rule: b.id, ...d, source }));
    if (b) {
      const was = b.kind === 'required' && from.parameters.has(parameterOf(b)) ? 'optional' : null;
      return [{ rule: b.id, kind: changeKind(b, 'added'), from: was, to: statedValue(b), impact: loneRuleImpact(b, to, from, true), source }];
    }
    const now = rule.kind === 'required' && to.parameters.has(parameterOf(rule)) ? 'optional' : null;
    return [{ rule: rule.id, kind: changeKind(rule, 'removed'), from: statedValue(rule), to: now, impact: loneRuleImpact(rule, from, to, false), source }];
  });
}
