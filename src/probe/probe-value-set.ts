import type { CaseGenerators, RequestCase } from '../../generators/request-case.ts';
import type { ApiId } from '../contract/apis.ts';
import type { Judgement } from '../contract/judge.ts';
import type { Contract } from '../contract/load.ts';
import type { Rule } from '../contract/rule.ts';
import type { Expected, ProbeExchange, TriedValue, ValueSetBound } from './probe-result.ts';
import type { SizeAnswer } from './search.ts';
import { askAbout, type ProbeSession, type RuleTally } from './session.ts';
import { candidatesOf, explainingWorlds, minimalCase, predictionAt, worldWords, type Prediction, type ValueSetKind } from './value-sets.ts';

/** What a value-set probe needs besides the session: the generators, the seed, and every edition with its judge. */
export interface ValueSetProbeContext {
  readonly generators: CaseGenerators;
  readonly seed: number;
  /** Requests per value, each on another request, while the answers say nothing about the rule. */
  readonly attempts: number;
  /** Top-level parameters a minimal request keeps: the probed contract's required ones and another edition's. */
  readonly required: ReadonlySet<string>;
  readonly editions: readonly Contract[];
  readonly judges: ReadonlyMap<ApiId, (request: unknown) => Judgement>;
}

/** One value tried, with every edition's prediction and the endpoint's answer. */
interface Tried {
  readonly label: string;
  readonly predictions: ReadonlyMap<ApiId, Prediction>;
  readonly answer: SizeAnswer;
  readonly exchange?: Omit<ProbeExchange, 'size'>;
}

function expectedOf(prediction: Prediction): Expected {
  return prediction.says;
}

/** The cases of one value on minimal requests, those every other edition could accept but for the value first. */
function orderedCases(context: ValueSetProbeContext, probed: ApiId, cases: readonly RequestCase[]): RequestCase[] {
  const minimal = cases.map((c) => minimalCase(context.generators, c, context.required));
  const fits = (c: RequestCase) => [...context.judges].every(([api, judge]) => api === probed || judge(c.request).firm.every((v) => v.pointer === c.pointer || (c.pins ?? []).includes(v.pointer)));
  return [...minimal.filter(fits), ...minimal.filter((c) => !fits(c))];
}

/** Whether an answer is conclusive, as the world checks take it. */
function acceptedOf(tried: Tried): boolean | undefined {
  return tried.answer === 'inconclusive' ? undefined : tried.answer === 'accepted';
}

/** The values whose answer every reading of the documents contradicts, in words. */
function contradicted(tried: readonly Tried[], probed: ApiId): string[] {
  return tried.flatMap((t) => {
    const says = t.predictions.get(probed)?.says;
    if (t.answer === 'accepted' && says === 'refuse') return [`accepts ${t.label}`];
    if (t.answer === 'refused' && says === 'accept') return [`refuses ${t.label}`];
    return [];
  });
}

/**
 * Probes a listed-values, presence or character rule: each value its keyword knows at the edge, past it
 * and where the readings disagree is sent on a minimal request, and the answers are held against every
 * reading of the documents (and every edition's). `matches` when every value got an answer and some
 * reading predicts them all (the result names it); `drift` when no reading does.
 */
export async function probeValueSet(session: ProbeSession, context: ValueSetProbeContext, rule: Rule & { kind: ValueSetKind }): Promise<ValueSetBound> {
  const probed = session.contract.id;
  const tally: RuleTally = { requests: 0, inconclusive: {} };
  const tried: Tried[] = [];
  let stopped: string | undefined;
  for (const candidate of candidatesOf(context.generators, rule, context.seed, 12, context.attempts)) {
    const cases = orderedCases(context, probed, candidate.cases);
    const first = cases[0] as RequestCase;
    const predictions = new Map([...context.judges].map(([api, judge]) => [api, predictionAt(judge(first.request), first.pointer ?? '')] as const));
    if (stopped) {
      tried.push({ label: candidate.label, predictions, answer: 'inconclusive' });
      continue;
    }
    const asked = await askAbout(session, rule.id, cases, tally);
    if (asked.kind === 'stop') stopped = asked.why;
    tried.push({ label: candidate.label, predictions, answer: asked.kind === 'answer' ? asked.answer : 'inconclusive', ...(asked.kind === 'answer' ? { exchange: asked.exchange } : {}) });
  }
  const answers = (api: ApiId) => tried.map((t) => ({ prediction: t.predictions.get(api) as Prediction, accepted: acceptedOf(t) }));
  const anyConclusive = tried.some((t) => t.answer !== 'inconclusive');
  const followed = anyConclusive ? explainingWorlds(session.contract, answers(probed)) : [];
  const labels = (keep: (t: Tried) => boolean) => tried.filter(keep).map((t) => t.label);
  const silent = labels((t) => t.answer === 'inconclusive');
  const verdict = !anyConclusive ? 'inconclusive' : followed.length === 0 ? 'drift' : silent.length > 0 ? 'inconclusive' : 'matches';
  const against = contradicted(tried, probed);
  const why =
    verdict === 'matches'
      ? `every value answered as ${followed.map(worldWords).join(' or ')} say${followed.length === 1 && followed[0]?.size === 0 ? '' : 's'}`
      : verdict === 'drift'
        ? against.length > 0
          ? `${against.join('; ')}: no reading of the documents does`
          : 'no single reading of the documents explains every answer together'
        : `${silent.length} of ${tried.length} values got no answer about the rule${stopped ? ` (${stopped})` : ''}`;
  const exchangeOf = (t: Tried | undefined): ProbeExchange | null => (t?.exchange ? { value: t.label, ...t.exchange } : null);
  const values: TriedValue[] = tried.map((t) => ({ label: t.label, expected: Object.fromEntries([...t.predictions].map(([api, p]) => [api, expectedOf(p)])), answer: t.answer }));
  const expectedHere = (says: Expected) => labels((t) => t.predictions.get(probed)?.says === says);
  return {
    rule: rule.id,
    kind: rule.kind,
    documented: { accepted: expectedHere('accept'), refused: expectedHere('refuse'), either: expectedHere('either') },
    observed: { accepted: labels((t) => t.answer === 'accepted'), refused: labels((t) => t.answer === 'refused'), inconclusive: silent },
    followed: followed.map(worldWords),
    values,
    agreement: Object.fromEntries(context.editions.map((e) => [e.id, anyConclusive ? explainingWorlds(e, answers(e.id)).length > 0 : null])),
    verdict,
    why,
    requests: tally.requests,
    lastAccepted: exchangeOf(tried.findLast((t) => t.answer === 'accepted')),
    firstRejected: exchangeOf(tried.find((t) => t.answer === 'refused')),
    inconclusive: tally.inconclusive,
  };
}
