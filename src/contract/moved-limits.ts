import { applyJsonPatch, type JsonPatchOperation } from '../json/patch.ts';
import { valueAtPointer } from '../json/pointer.ts';
import { deriveContractRules, type Contract } from './load.ts';
import type { Rule, RuleKind } from './rule.ts';

/** The kinds of rule whose keyword states one number (minimum, maximum, minLength, maxLength, minItems, maxItems). */
const limitKinds: ReadonlySet<RuleKind> = new Set(['range', 'length', 'count']);

/** Whether a rule is one edge of a time window (`ScheduledStartTime.timeWindow.notAfter`): moved in whole seconds. */
export function isWindowEdge(rule: Rule): boolean {
  return rule.kind === 'timeWindow' && (rule.params['bound'] === 'after' || rule.params['bound'] === 'notAfter');
}

/** Where a moved rule's bound is written in the schema, the value it holds there now, and the value that moves it. */
function placeOf(rule: Rule, value: number): { readonly path: string; readonly now: unknown; readonly moved: unknown } {
  if (!isWindowEdge(rule)) return { path: `${rule.schemaPointer}/${rule.keyword}`, now: rule.params['limit'], moved: value };
  const edge = rule.params['bound'] as string;
  return { path: `${rule.schemaPointer}/timeWindow/${edge}`, now: rule.params[edge], moved: `PT${value}S` };
}

/** The other bound of a node's limit, to catch a lower bound moved past its upper one. */
const otherBound: Readonly<Record<string, string>> = { minimum: 'maximum', maximum: 'minimum', minLength: 'maxLength', maxLength: 'minLength', minItems: 'maxItems', maxItems: 'minItems' };

/** A contract's range, length and count rules: the ones whose bound `probe` searches as a number. */
export function limitRulesOf(contract: Contract): Rule[] {
  return contract.rules.filter((rule) => limitKinds.has(rule.kind) && typeof rule.params['limit'] === 'number');
}

/** The rules whose bound {@link moveLimits} can move: the limit rules, and the edges of time windows (by a duration in seconds). */
export function movableRulesOf(contract: Contract): Rule[] {
  return [...limitRulesOf(contract), ...contract.rules.filter(isWindowEdge)];
}

/** Moved contracts by original and moves: a moved contract keeps its identity, so whatever is cached by contract (compiled validators) is built once. */
const moved = new WeakMap<Contract, Map<string, Contract>>();

/** Why `value` cannot be the bound of `rule`, or undefined: lengths and counts are whole and not negative. */
function badBound(rule: Rule, value: number): string | undefined {
  if (isWindowEdge(rule)) return Number.isSafeInteger(value) && value >= 0 ? undefined : 'a whole number of seconds, not negative';
  if (rule.kind === 'range') return Number.isFinite(value) ? undefined : 'a finite number';
  return Number.isSafeInteger(value) && value >= 0 ? undefined : 'a non-negative integer';
}

/**
 * The contract with the bound of each named range, length or count rule moved to a new value, or a
 * time window's edge to a new duration in seconds (an endpoint whose limits are not the documents'):
 * the request schema patched at each rule's keyword,
 * its rules and readings derived again as loading derives them. Rule ids stay; `contract` is not
 * changed, and no moves give `contract` itself. Throws for a rule id that is not one of the
 * contract's limit rules, a bound the keyword cannot take, a lower bound moved past its upper one,
 * or a bound at which the rule no longer constrains anything (a minLength of 0).
 */
export function moveLimits(contract: Contract, moves: ReadonlyMap<string, number>): Contract {
  if (moves.size === 0) return contract;
  const key = [...moves].map(([id, value]) => `${id}=${value}`).sort().join('&');
  const known = moved.get(contract)?.get(key);
  if (known) return known;
  const limits = movableRulesOf(contract);
  const rules = [...moves].map(([id, value]) => {
    const rule = limits.find((r) => r.id === id);
    if (!rule) throw new Error(`${contract.id} has no range, length, count or time-window rule "${id}"; these can move: ${limits.map((r) => r.id).join(', ')}`);
    const problem = badBound(rule, value);
    if (problem) throw new Error(`${contract.id}: ${id} needs ${problem}, not ${value}`);
    return rule;
  });
  // `test` first: the keyword must still hold the documented bound where the rule says it is.
  const patch = rules.flatMap((rule): JsonPatchOperation[] => {
    const { path, now, moved: value } = placeOf(rule, moves.get(rule.id) as number);
    return [
      { op: 'test', path, value: now },
      { op: 'replace', path, value },
    ];
  });
  const requestSchema = applyJsonPatch(contract.requestSchema, patch);
  for (const rule of rules.filter((r) => !isWindowEdge(r))) {
    const node = valueAtPointer(requestSchema, rule.schemaPointer) as Readonly<Record<string, unknown>>;
    const [lower, upper] = rule.keyword.startsWith('min') ? [node[rule.keyword], node[otherBound[rule.keyword] as string]] : [node[otherBound[rule.keyword] as string], node[rule.keyword]];
    if (typeof lower === 'number' && typeof upper === 'number' && lower > upper) throw new Error(`${contract.id}: ${rule.id} moved to ${moves.get(rule.id)} leaves ${rule.path.join('.')} between ${lower} and ${upper}: no value fits`);
  }
  const derived = deriveContractRules(contract.id, contract.document, requestSchema);
  const lost = rules.filter((rule) => !derived.rules.some((r) => r.id === rule.id));
  if (lost.length > 0) throw new Error(`${contract.id}: ${lost.map((r) => `${r.id}=${moves.get(r.id)}`).join(', ')} would constrain nothing (no rule left)`);
  const result: Contract = { ...contract, requestSchema, ...derived };
  moved.set(contract, (moved.get(contract) ?? new Map<string, Contract>()).set(key, result));
  return result;
}
