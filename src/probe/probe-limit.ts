import fc from 'fast-check';
import { concrete } from '../../generators/pointer.ts';
import { drawCases, type CaseGenerators } from '../../generators/request-case.ts';
import type { Judgement } from '../contract/judge.ts';
import type { Contract } from '../contract/load.ts';
import { familySeed } from '../runner/plan.ts';
import { boundVerdict, sizeWords } from './bound-verdict.ts';
import { editionBounds, explains, readingBounds, type ProbedBound } from './bounds.ts';
import type { LimitBound, ProbeExchange } from './probe-result.ts';
import { searchBound, type SizeAnswer } from './search.ts';
import { askAbout, type ProbeSession, type RuleTally } from './session.ts';

/** What a limit's probe needs besides the session: the generators, the seed, the editions and their judges. */
export interface LimitProbeContext {
  readonly generators: CaseGenerators;
  readonly seed: number;
  /** Requests per size, each on another minimal request, while the answers say nothing about the rule. */
  readonly attempts: number;
  /** Top-level parameters every probe request carries (another edition requires them). */
  readonly include: readonly string[];
  readonly editions: readonly Contract[];
  /** The judges of the other editions: requests they would accept but for the probed value go first. */
  readonly otherJudges: readonly ((request: unknown) => Judgement)[];
}

/**
 * The minimal requests a bound is probed on, one per attempt: every size is set on the first, and on
 * the next while the answers say nothing about the rule. Requests every other edition could accept
 * but for the probed value come first, so that the probe tells editions apart; enough are drawn that
 * some fit even where an edition allows a quarter of the values (SystemDiskSize up to 500 of 2,048).
 */
function basesOf(context: LimitProbeContext, bound: ProbedBound): Record<string, unknown>[] {
  const { generators, otherJudges, attempts } = context;
  const drawn = fc.sample(generators.minimalFor(bound.rule, context.include), { seed: familySeed(context.seed, `${bound.rule.id}/base`), numRuns: otherJudges.length > 0 ? 32 : attempts });
  const probed = concrete(bound.rule.pointer);
  const fitsEveryEdition = (base: Record<string, unknown>) => otherJudges.every((judge) => judge(base).firm.every((v) => v.pointer === probed || v.pointer.startsWith(`${probed}/`)));
  return [...drawn.filter(fitsEveryEdition), ...drawn.filter((base) => !fitsEveryEdition(base))].slice(0, attempts);
}

/** Places one range, length or count bound: the search of {@link searchBound}, each size asked on the bound's minimal requests in turn. */
export async function probeLimit(session: ProbeSession, context: LimitProbeContext, bound: ProbedBound): Promise<LimitBound> {
  const exchanges = new Map<number, ProbeExchange>();
  const tally: RuleTally = { requests: 0, inconclusive: {} };
  const bases = basesOf(context, bound);
  let stoppedBecause = '';
  const { generators } = context;
  // A time window's value is built as it is sent: `now` moves during a probe.
  const caseAt = (size: number, base: Record<string, unknown>) =>
    bound.valueAt
      ? generators.withValue(bound.rule, bound.valueAt(size), base, sizeWords(size, bound.of))
      : drawCases(generators.atSize(bound.rule, size, base), familySeed(context.seed, `${bound.rule.id}/size ${size}`), 1, 4)[0];
  const ask = async (size: number): Promise<SizeAnswer | 'stop'> => {
    const cases = bases.map((base) => caseAt(size, base));
    const asked = await askAbout(session, bound.rule.id, cases, tally);
    if (asked.kind === 'answer') {
      exchanges.set(size, { size, ...asked.exchange });
      return asked.answer;
    }
    stoppedBecause = `the size ${size}: ${asked.why}`;
    return asked.kind === 'stop' ? 'stop' : 'inconclusive';
  };
  const outcome = await searchBound(bound.plan, ask);
  const documented = readingBounds(session.contract, bound.rule.id);
  const answered = outcome.steps.some((s) => s.answer !== 'inconclusive');
  return {
    rule: bound.rule.id,
    kind: bound.kind,
    side: bound.plan.side,
    documented: bound.plan.start,
    ...(documented.length > 1 ? { readings: documented } : {}),
    editions: editionBounds(context.editions, bound.rule.id),
    agreement: Object.fromEntries(context.editions.map((e) => [e.id, answered ? readingBounds(e, bound.rule.id).some((b) => explains(b, bound.plan.side, outcome.steps, bound.plan.tolerance)) : null])),
    ...boundVerdict(outcome, bound.plan, documented, bound.of, stoppedBecause),
    requests: tally.requests,
    lastAccepted: (outcome.lastAccepted !== undefined && exchanges.get(outcome.lastAccepted)) || null,
    firstRejected: (outcome.firstRefused !== undefined && exchanges.get(outcome.firstRefused)) || null,
    end: outcome.end,
    steps: outcome.steps,
    inconclusive: tally.inconclusive,
  };
}
