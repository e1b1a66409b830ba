/** What an endpoint's answer said about one size of a probed value. */
export type SizeAnswer = 'accepted' | 'refused' | 'inconclusive';

/** One size asked about, in order. */
export interface SearchStep {
  readonly size: number;
  readonly answer: SizeAnswer;
}

/** Where a search starts and which sizes it may ask about. */
export interface SearchPlan {
  /** The side of the allowed sizes the rule bounds: `upper` for a maximum, `lower` for a minimum. */
  readonly side: 'upper' | 'lower';
  /** The documented bound, where the search starts. */
  readonly start: number;
  /**
   * The sizes the search stays within: inward, the documented bound on the other side (below it
   * another rule would be broken); outward, the largest size worth sending.
   */
  readonly within: readonly [number, number];
  /** The outer end of `within` is the last size there is (a length of 0): accepted there, the bound is there. */
  readonly outerIsLast?: boolean;
  /** Sizes this close to a stated bound agree with it whichever the answer (a time window's edge, moved by clocks and latency). */
  readonly tolerance?: number;
  /** The first step away from the start (then doubling). @default 1 */
  readonly firstStep?: number;
}

/**
 * How a search ended: `found` (a last accepted size next to a first refused one, or the last size
 * there is accepted), `unbounded` (every
 * size up to the outer end of `within` accepted), `nothing-accepted` (every size down to the inner
 * end refused), `inconclusive` (a size got no usable answer), `stopped` (the asker said stop: its
 * request limit, the budget, an interruption).
 */
export type SearchEnd = 'found' | 'unbounded' | 'nothing-accepted' | 'inconclusive' | 'stopped';

/** What a search learned: every step, the outermost size accepted and the innermost refused. */
export interface SearchOutcome {
  readonly steps: readonly SearchStep[];
  readonly end: SearchEnd;
  /** The accepted size farthest out (the largest for an upper bound, the smallest for a lower one). */
  readonly lastAccepted?: number;
  /** The refused size nearest in. */
  readonly firstRefused?: number;
}

/** Asks the endpoint about one size; `stop` ends the search without an answer. */
export type AskSize = (size: number) => Promise<SizeAnswer | 'stop'>;

/**
 * Finds where an endpoint's bound really is, starting at the documented one: if the documented
 * bound is accepted, an exponential search outward (one past it, then steps doubling) until a size
 * is refused; if it is refused, the same inward until one is accepted; then a binary search between
 * the last accepted and the first refused size. Not limited to a window around the documented
 * bound: an endpoint that accepts 6,144 where the page says 2,048 is found in about 2·log2(4,096)
 * requests. Assumes the endpoint's sizes split in two (accepted up to a point, refused past it).
 * A lower bound is searched as an upper one on the mirrored sizes.
 */
export async function searchBound(plan: SearchPlan, ask: AskSize): Promise<SearchOutcome> {
  const mirror = plan.side === 'lower' ? -1 : 1;
  // `+ 0` turns the mirror image of 0 back into 0, not -0.
  const unmirror = (at: number): number => mirror * at + 0;
  // In the mirrored sizes every bound is an upper one: accepted below, refused above.
  const [inner, outer] = [mirror * plan.within[0], mirror * plan.within[1]].sort((a, b) => a - b) as [number, number];
  const steps: SearchStep[] = [];
  let accepted: number | undefined;
  let refused: number | undefined;
  const result = (end: SearchEnd): SearchOutcome => ({
    steps,
    end,
    ...(accepted !== undefined ? { lastAccepted: unmirror(accepted) } : {}),
    ...(refused !== undefined ? { firstRefused: unmirror(refused) } : {}),
  });
  /** Asks about a mirrored size and records the answer; the end of the search when there is no usable answer. */
  const probe = async (at: number): Promise<SearchEnd | undefined> => {
    const answer = await ask(unmirror(at));
    if (answer === 'stop') return 'stopped';
    steps.push({ size: unmirror(at), answer });
    if (answer === 'inconclusive') return 'inconclusive';
    if (answer === 'accepted') accepted = at;
    else refused = at;
    return undefined;
  };

  const start = Math.min(Math.max(mirror * plan.start, inner), outer);
  const first = await probe(start);
  if (first) return result(first);
  // Outward from an accepted start, or inward from a refused one, by steps of 1, 2, 4… (or the plan's first step, doubling).
  for (let step = plan.firstStep ?? 1; accepted === undefined || refused === undefined; step *= 2) {
    const next = accepted !== undefined ? Math.min(accepted + step, outer) : Math.max((refused as number) - step, inner);
    if (next === (accepted ?? refused)) return result(accepted === undefined ? 'nothing-accepted' : plan.outerIsLast ? 'found' : 'unbounded');
    const end = await probe(next);
    if (end) return result(end);
  }
  while ((refused as number) - (accepted as number) > 1) {
    const end = await probe((accepted as number) + Math.floor(((refused as number) - (accepted as number)) / 2));
    if (end) return result(end);
  }
  return result('found');
}
