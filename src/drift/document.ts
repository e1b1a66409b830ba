import type { Contract } from '../contract/load.ts';
import type { Source } from '../contract/source.ts';
import type { Contradiction, DocumentedError, StatefulRule } from '../generated/contract-document.ts';
import { combine, impacts, type Change, type Impact } from './change.ts';

/** Entries of two lists matched by key: TO's order, then the ones only FROM has. */
function match<T>(from: readonly T[], to: readonly T[], key: (entry: T) => string): [T | undefined, T | undefined][] {
  const before = new Map(from.map((e) => [key(e), e]));
  const after = new Set(to.map(key));
  return [...to.map((b): [T | undefined, T] => [before.get(key(b)), b]), ...from.filter((a) => !after.has(key(a))).map((a): [T, undefined] => [a, undefined])];
}

const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Stateful rules (contract.json `stateful`) by id. A rule added is a new way for a request to be
 * refused (or treated otherwise): narrowed; one removed widens. A `limit` raised (the job quota)
 * widens; `incompleteStates` that gain a state (Waiting) narrow, since more jobs then block a second
 * one. A documented code for a refusal that had another or none is an answer clients must handle
 * and the implementation must give: breaking for both; a code dropped is compatible for both.
 */
export function diffStateful(from: Contract, to: Contract): Change[] {
  return match(from.document.stateful, to.document.stateful, (s) => s.id).flatMap(([a, b]): Change[] => {
    const rule = `(stateful) ${(b ?? a)?.id}`;
    const source = { from: (a?.source ?? []) as readonly Source[], to: (b?.source ?? []) as readonly Source[] };
    if (!a || !b) {
      const only = (a ?? b) as StatefulRule;
      return [{ rule, kind: b ? 'stateful-added' : 'stateful-removed', from: a ? only.says : null, to: b ? only.says : null, impact: b ? impacts.narrowed : impacts.widened, source }];
    }
    const changes: Change[] = [];
    if (a.limit !== b.limit) {
      const impact = a.limit === undefined ? impacts.narrowed : b.limit === undefined ? impacts.widened : b.limit > a.limit ? impacts.widened : impacts.narrowed;
      changes.push({ rule, kind: 'stateful-limit-changed', from: a.limit ?? null, to: b.limit ?? null, impact, source });
    }
    if (!sameList(a.incompleteStates, b.incompleteStates)) {
      const [before, after] = [new Set(a.incompleteStates ?? []), new Set(b.incompleteStates ?? [])];
      const blocking = [...after].some((s) => !before.has(s)) ? impacts.narrowed : impacts.none;
      const freeing = [...before].some((s) => !after.has(s)) ? impacts.widened : impacts.none;
      changes.push({ rule, kind: 'stateful-states-changed', from: a.incompleteStates ?? null, to: b.incompleteStates ?? null, impact: combine(blocking, freeing), source });
    }
    if (a.code !== b.code) {
      const impact: Impact = b.code === null ? { client: 'compatible', implementation: 'compatible' } : impacts.both;
      changes.push({ rule, kind: 'stateful-code-changed', from: a.code, to: b.code, impact, source });
    }
    return changes;
  });
}

/** An error's quote: its message, as the edition's error table gives it. */
const errorSource = (error: DocumentedError | undefined): readonly Source[] => (error ? [{ seed: error.seed, quote: error.message }] : []);
const errorText = (error: DocumentedError): string => `${error.status} ${error.class}`;

/**
 * Documented error codes (contract.json `errors`) by code. A code added is an answer clients must
 * now handle (breaking for them) and one the implementation may now give (compatible); a code
 * removed is the other way round: the implementation must stop giving it. A code whose status or
 * class changed breaks both; a message that changed only changes words (none).
 */
export function diffErrors(from: Contract, to: Contract): Change[] {
  return match(from.document.errors, to.document.errors, (e) => e.code).flatMap(([a, b]): Change[] => {
    const rule = `(error) ${(b ?? a)?.code}`;
    const source = { from: errorSource(a), to: errorSource(b) };
    if (!a) return [{ rule, kind: 'error-added', from: null, to: errorText(b as DocumentedError), impact: impacts.answerAdded, source }];
    if (!b) return [{ rule, kind: 'error-removed', from: errorText(a), to: null, impact: impacts.answerRemoved, source }];
    const changes: Change[] = [];
    if (errorText(a) !== errorText(b)) changes.push({ rule, kind: 'error-changed', from: errorText(a), to: errorText(b), impact: impacts.both, source });
    if (a.message !== b.message) changes.push({ rule, kind: 'error-message-changed', from: a.message, to: b.message, impact: impacts.none, source });
    return changes;
  });
}

/** What a contradiction amounts to in one contract: its reading ids and the rules its readings state otherwise. */
function contradictionState(contract: Contract, contradiction: Contradiction): { readings: string[]; rules: string[] } {
  const touched = contract.readings.find((c) => c.id === contradiction.id)?.touchedRules ?? new Set<string>();
  return { readings: contradiction.readings.map((r) => r.id), rules: [...touched].sort() };
}

type ContradictionState = ReturnType<typeof contradictionState>;

/** The reading ids and touched rules `after` has and `before` lacks (only the non-empty lists); null when none. */
function differences(before: ContradictionState, after: ContradictionState): Partial<ContradictionState> | null {
  const readings = after.readings.filter((r) => !before.readings.includes(r));
  const rules = after.rules.filter((r) => !before.rules.includes(r));
  if (readings.length === 0 && rules.length === 0) return null;
  return { ...(readings.length > 0 ? { readings } : {}), ...(rules.length > 0 ? { rules } : {}) };
}

/** Whether some reading of the contradiction changes what a request must satisfy (a patch or a transform). */
const changesRules = (contract: Contract, contradiction: Contradiction | undefined): boolean => contradiction !== undefined && contract.readings.some((c) => c.id === contradiction.id);

const readingSources = (contradiction: Contradiction | undefined): readonly Source[] => (contradiction?.readings ?? []).flatMap((r) => r.source as readonly Source[]);

/**
 * Contradictions (contract.json `contradictions`) by id, with their readings. One whose readings
 * state rules otherwise makes requests valid or not depending on the reading: added, clients must
 * cope with either reading (breaking) while the implementation may follow any (compatible); removed,
 * the other way round. One whose readings change no rule only documents a disagreement (none).
 * Changed (FROM: the readings and rules only FROM has, TO: those only TO has): readings added or
 * rules newly read two ways grade as added, readings or rules dropped as removed (none while no
 * reading on either side changes a rule). The summary's and readings' words, and the patches'
 * wording (their array indexes differ between editions), are not compared: the rules the readings
 * state otherwise are.
 */
export function diffContradictions(from: Contract, to: Contract): Change[] {
  return match(from.document.contradictions, to.document.contradictions, (c) => c.id).flatMap(([a, b]): Change[] => {
    const rule = `(contradiction) ${(b ?? a)?.id}`;
    const source = { from: readingSources(a), to: readingSources(b) };
    const before = a && contradictionState(from, a);
    const after = b && contradictionState(to, b);
    const [mattered, matters] = [changesRules(from, a), changesRules(to, b)];
    if (!before && after) return [{ rule, kind: 'contradiction-added', from: null, to: after, impact: matters ? impacts.narrowed : impacts.none, source }];
    if (before && !after) return [{ rule, kind: 'contradiction-removed', from: before, to: null, impact: mattered ? impacts.widened : impacts.none, source }];
    if (!before || !after) return [];
    const gained = differences(before, after);
    const lost = differences(after, before);
    if (!gained && !lost && mattered === matters) return [];
    // Readings that change no rule on either side only document a disagreement.
    const more = gained !== null || (matters && !mattered);
    const fewer = lost !== null || (mattered && !matters);
    const impact = !mattered && !matters ? impacts.none : combine(more ? impacts.narrowed : impacts.none, fewer ? impacts.widened : impacts.none);
    return [{ rule, kind: 'contradiction-changed', from: lost, to: gained, impact, source }];
  });
}
