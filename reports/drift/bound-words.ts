import type { BoundResult, BoundVerdict, Expected, LimitBound, ProbeExchange, ProbeResult, TriedValue, ValueOutcomes, ValueSetBound } from '../../src/probe/probe-result.ts';
import { sizeWords } from '../../src/probe/bound-verdict.ts';
import { inconclusiveCounts } from '../format-finding.ts';

/** The wording drift.md and drift.html share: one rule's documented and observed values (a bound's numbers, a value set's counts), its values, an exchange, the probe in one line. */

/** Verdicts in the order the reports count them. */
export const boundVerdicts: readonly BoundVerdict[] = ['matches', 'drift', 'inconclusive'];

/** An edition by what tells it apart within its operation (`@2019`); an API without editions by its id. */
export function editionName(api: string): string {
  const at = api.lastIndexOf('@');
  return at < 0 ? api : api.slice(at);
}

/** A size of a bound in words: the number, or a time window's edge as an offset from now (`now + 30 d`). */
function sizeOf(bound: LimitBound, size: number): string {
  return bound.kind === 'timeWindow' ? sizeWords(size, 'seconds') : String(size);
}

function stated(bound: LimitBound, size: number | null): string {
  return size === null ? 'none' : sizeOf(bound, size);
}

/** Whether a probe searched a number (a range, length or count, a time window's edge) rather than trying a set of values. */
export function isLimit(bound: BoundResult): bound is LimitBound {
  return bound.kind === 'range' || bound.kind === 'length' || bound.kind === 'count' || bound.kind === 'timeWindow';
}

/** `accepts 3, refuses 1, 3 by reading`: a value set's labels counted by outcome; the readings' and the unanswered ones only when there are any. */
function outcomeWords(outcomes: ValueOutcomes): string {
  const either = outcomes.either?.length ?? 0;
  const silent = outcomes.inconclusive?.length ?? 0;
  return `accepts ${outcomes.accepted.length}, refuses ${outcomes.refused.length}${either > 0 ? `, ${either} by reading` : ''}${silent > 0 ? `, ${silent} inconclusive` : ''}`;
}

/** What one edition's documents expect of the values a value-set probe tried. */
function expectedBy(bound: ValueSetBound, edition: string): ValueOutcomes {
  const labels = (expected: Expected) => bound.values.filter((v) => v.expected[edition] === expected).map((v) => v.label);
  return { accepted: labels('accept'), refused: labels('refuse'), either: labels('either') };
}

/** The other editions that expect something else of at least one value tried. */
function differingEditions(bound: ValueSetBound, api: string): string[] {
  return Object.keys(bound.agreement).filter((edition) => edition !== api && bound.values.some((v) => v.expected[edition] !== v.expected[api]));
}

/**
 * `2048 (@2019: 500)`: the probed contract's bound, then the other editions' and readings' where they
 * state another; for a value set, what the documents expect of the values tried, then the other
 * editions' expectations where they differ. `name` writes an edition's name (Markdown puts it in code,
 * so that `@2019` mentions nobody).
 */
export function documentedWords(bound: BoundResult, api: string, name: (edition: string) => string = editionName): string {
  if (!isLimit(bound)) {
    const others = differingEditions(bound, api).map((edition) => `${name(edition)}: ${outcomeWords(expectedBy(bound, edition))}`);
    return `${outcomeWords(bound.documented)}${others.length > 0 ? ` (${others.join('; ')})` : ''}`;
  }
  const others = Object.entries(bound.editions)
    .filter(([edition, value]) => edition !== api && value !== bound.documented)
    .map(([edition, value]) => `${name(edition)}: ${stated(bound, value)}`);
  const readings = bound.readings?.some((value) => value !== bound.documented) ? [`readings: ${bound.readings.map((value) => stated(bound, value)).join(' or ')}`] : [];
  const notes = [...others, ...readings];
  return notes.length > 0 ? `${sizeOf(bound, bound.documented)} (${notes.join('; ')})` : sizeOf(bound, bound.documented);
}

/** `target-type-case=exact`, or `a or b`: the readings of the documents that predict every answer of a value set; empty when none does. */
export function followedWords(bound: ValueSetBound): string {
  return bound.followed.join(' or ');
}

/**
 * What the endpoint enforces: a bound's number when placed exactly, else where the search left it
 * (`≥ 65536 (unbounded)` for an upper bound: at or past the last size accepted, below the first
 * refused); a value set's answers counted, and the readings that predict them.
 */
export function observedWords(bound: BoundResult): string {
  if (!isLimit(bound)) return `${outcomeWords(bound.observed)}${bound.followed.length > 0 ? `, following ${followedWords(bound)}` : ''}`;
  if (bound.observed !== null) return sizeOf(bound, bound.observed);
  const { accepted, refused } = bound.between ?? {};
  const [atLeast, below] = bound.side === 'upper' ? ['≥', '<'] : ['≤', '>'];
  const range =
    accepted !== undefined && refused !== undefined
      ? `${atLeast} ${sizeOf(bound, accepted)}, ${below} ${sizeOf(bound, refused)}`
      : accepted !== undefined
        ? `${atLeast} ${sizeOf(bound, accepted)}`
        : refused !== undefined
          ? `${below} ${sizeOf(bound, refused)}`
          : 'unknown';
  return `${range} (${bound.end})`;
}

/** One value of a value set as the reports tabulate it. */
export interface ValueRow {
  readonly label: string;
  /** What the probed contract's documents expect. */
  readonly expected: Expected | undefined;
  /** What each of the table's other editions expects, where it differs from the probed contract (else undefined). */
  readonly others: readonly (Expected | undefined)[];
  readonly answer: TriedValue['answer'];
  /** The answer is one the probed contract's documents rule out under every reading. */
  readonly unexpected: boolean;
}

/** The values a value set tried, with the other editions that expect something else of some of them (a column each). */
export function valueTable(bound: ValueSetBound, api: string): { readonly editions: readonly string[]; readonly rows: readonly ValueRow[] } {
  const editions = differingEditions(bound, api);
  const rows = bound.values.map((v): ValueRow => {
    const expected = v.expected[api];
    return {
      label: v.label,
      expected,
      others: editions.map((edition) => (v.expected[edition] === expected ? undefined : v.expected[edition])),
      answer: v.answer,
      unexpected: (v.answer === 'accepted' && expected === 'refuse') || (v.answer === 'refused' && expected === 'accept'),
    };
  });
  return { editions, rows };
}

/** `6145 → 400 InvalidParameter`, `starts with "aliyun" → 200`: the size or value sent, and the answer. */
export function exchangeWords(exchange: ProbeExchange): string {
  return `${exchange.size ?? exchange.value ?? ''} → ${exchange.status ?? 'no answer'}${exchange.code === undefined ? '' : ` ${exchange.code}`}`;
}

/** `state 3, unbuildable 1`: the answers that said nothing about the rule, by reason; empty when there were none. */
export function inconclusiveWords(bound: BoundResult): string {
  const { unbuildable, ...reasons } = bound.inconclusive;
  const counts = [...inconclusiveCounts(reasons), ...(unbuildable ? [['unbuildable', unbuildable] as const] : [])];
  return counts.map(([reason, n]) => `${reason} ${n}`).join(', ');
}

/** What the probe found as a whole: drift if any rule drifts, else inconclusive if any rule (or the probe) stopped short, else matches. */
export function probeVerdict(result: ProbeResult): BoundVerdict {
  if (result.bounds.some((b) => b.verdict === 'drift')) return 'drift';
  if (result.stopped !== undefined || result.bounds.length === 0 || result.bounds.some((b) => b.verdict === 'inconclusive')) return 'inconclusive';
  return 'matches';
}

/** `9 rules: 4 matches, 3 drift, 2 inconclusive · 75 requests, 34 cleanup calls · seed 42`. */
export function probeSummary(result: ProbeResult): string {
  const counts = boundVerdicts.map((verdict) => `${result.bounds.filter((b) => b.verdict === verdict).length} ${verdict}`);
  const rules = `${result.bounds.length} rule${result.bounds.length === 1 ? '' : 's'}`;
  return `${rules}: ${counts.join(', ')} · ${result.requests} requests, ${result.cleanupCalls} cleanup calls · seed ${result.seed}`;
}

/** `closest edition: @current`, or that none stands out. */
export function closestWords(result: ProbeResult): string {
  return result.closest === null ? 'no edition stands out' : `closest edition: ${result.closest}`;
}

/** The rules whose requests a reader needs to see again: the drifted and the inconclusive ones. */
export function boundsToReproduce(result: ProbeResult): BoundResult[] {
  return result.bounds.filter((b) => b.verdict !== 'matches');
}

/** A rule's two telling exchanges, named, the missing ones left out. */
export function telling(bound: BoundResult): { readonly label: string; readonly exchange: ProbeExchange }[] {
  return [
    ...(bound.lastAccepted ? [{ label: 'Last accepted', exchange: bound.lastAccepted }] : []),
    ...(bound.firstRejected ? [{ label: 'First rejected', exchange: bound.firstRejected }] : []),
  ];
}
