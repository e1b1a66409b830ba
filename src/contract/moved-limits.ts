import { applyJsonPatch, type JsonPatchOperation } from '../json/patch.ts';
import { valueAtPointer } from '../json/pointer.ts';
import { deriveContractRules, type Contract } from './load.ts';
import type { Rule, RuleKind } from './rule.ts';

/** The kinds of rule whose keyword states one number (minimum, maximum, minLength, maxLength, minItems, maxItems). */
const limitKinds: ReadonlySet<RuleKind> = new Set(['range', 'length', 'count']);

/** The other bound of a node's limit, to catch a lower bound moved past its upper one. */
const otherBound: Readonly<Record<string, string>> = { minimum: 'maximum', maximum: 'minimum', minLength: 'maxLength', maxLength: 'minLength', minItems: 'maxItems', maxItems: 'minItems' };

/** A contract's range, length and count rules: the ones whose bound {@link moveLimits} can move. */
export function limitRulesOf(contract: Contract): Rule[] {
  return contract.rules.filter((rule) => limitKinds.has(rule.kind) && typeof rule.params['limit'] === 'number');
}

/** Moved contracts by original and moves: a moved contract keeps its identity, so whatever is cached by contract (compiled validators) is built once. */
const moved = new WeakMap<Contract, Map<string, Contract>>();

/** Why `value` cannot be the bound of `rule`, or undefined: lengths and counts are whole and not negative. */
function badBound(rule: Rule, value: number): string | undefined {
  if (rule.kind === 'range') return Number.isFinite(value) ? undefined : 'a finite number';
  return Number.isSafeInteger(value) && value >= 0 ? undefined : 'a non-negative integer';
}

/**
 * The contract with the bound of each named range, length or count rule moved to a new value (an
 * endpoint whose limits are not the documents'): the request schema patched at each rule's keyword,
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
  const limits = limitRulesOf(contract);
  const rules = [...moves].map(([id, value]) => {
    const rule = limits.find((r) => r.id === id);
    if (!rule) throw new Error(`${contract.id} has no range, length or count rule "${id}"; its limit rules: ${limits.map((r) => r.id).join(', ')}`);
    const problem = badBound(rule, value);
    if (problem) throw new Error(`${contract.id}: ${id} needs ${problem}, not ${value}`);
    return rule;
  });
  // `test` first: the keyword must still hold the documented bound where the rule says it is.
  const patch = rules.flatMap((rule): JsonPatchOperation[] => {
    const path = `${rule.schemaPointer}/${rule.keyword}`;
    return [
      { op: 'test', path, value: rule.params['limit'] },
      { op: 'replace', path, value: moves.get(rule.id) },
    ];
  });
  const requestSchema = applyJsonPatch(contract.requestSchema, patch);
  for (const rule of rules) {
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
