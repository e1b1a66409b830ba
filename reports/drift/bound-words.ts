import type { BoundResult, BoundVerdict, ProbeExchange, ProbeResult } from '../../src/probe/probe-result.ts';
import { inconclusiveCounts } from '../format-finding.ts';

/** The wording drift.md and drift.html share: one bound's documented and observed values, an exchange, the probe in one line. */

/** Bound verdicts in the order the reports count them. */
export const boundVerdicts: readonly BoundVerdict[] = ['matches', 'drift', 'inconclusive'];

/** An edition by what tells it apart within its operation (`@2019`); an API without editions by its id. */
export function editionName(api: string): string {
  const at = api.lastIndexOf('@');
  return at < 0 ? api : api.slice(at);
}

function stated(bound: number | null): string {
  return bound === null ? 'none' : String(bound);
}

/** `2048 (@2019: 500)`: the probed contract's bound, then the other editions' and readings' where they state another. */
export function documentedWords(bound: BoundResult, api: string): string {
  const others = Object.entries(bound.editions)
    .filter(([edition, value]) => edition !== api && value !== bound.documented)
    .map(([edition, value]) => `${editionName(edition)}: ${stated(value)}`);
  const readings = bound.readings?.some((value) => value !== bound.documented) ? [`readings: ${bound.readings.map(stated).join(' or ')}`] : [];
  const notes = [...others, ...readings];
  return notes.length > 0 ? `${bound.documented} (${notes.join('; ')})` : String(bound.documented);
}

/**
 * The bound the endpoint enforces: the number when placed exactly; else where the search left it
 * (`≥ 65536 (unbounded)` for an upper bound: it lies at or past the last size accepted, below the first refused).
 */
export function observedWords(bound: BoundResult): string {
  if (bound.observed !== null) return String(bound.observed);
  const { accepted, refused } = bound.between ?? {};
  const [atLeast, below] = bound.side === 'upper' ? ['≥', '<'] : ['≤', '>'];
  const range =
    accepted !== undefined && refused !== undefined
      ? `${atLeast} ${accepted}, ${below} ${refused}`
      : accepted !== undefined
        ? `${atLeast} ${accepted}`
        : refused !== undefined
          ? `${below} ${refused}`
          : 'unknown';
  return `${range} (${bound.end})`;
}

/** `6145 → 400 InvalidParameter`. */
export function exchangeWords(exchange: ProbeExchange): string {
  return `${exchange.size} → ${exchange.status ?? 'no answer'}${exchange.code === undefined ? '' : ` ${exchange.code}`}`;
}

/** `state 3, unbuildable 1`: the answers that said nothing about the rule, by reason; empty when there were none. */
export function inconclusiveWords(bound: BoundResult): string {
  const { unbuildable, ...reasons } = bound.inconclusive;
  const counts = [...inconclusiveCounts(reasons), ...(unbuildable ? [['unbuildable', unbuildable] as const] : [])];
  return counts.map(([reason, n]) => `${reason} ${n}`).join(', ');
}

/** What the probe found as a whole: drift if any bound drifts, else inconclusive if any bound (or the probe) stopped short, else matches. */
export function probeVerdict(result: ProbeResult): BoundVerdict {
  if (result.bounds.some((b) => b.verdict === 'drift')) return 'drift';
  if (result.stopped !== undefined || result.bounds.length === 0 || result.bounds.some((b) => b.verdict === 'inconclusive')) return 'inconclusive';
  return 'matches';
}

/** `5 bounds: 2 matches, 2 drift, 1 inconclusive · 51 requests, 34 cleanup calls · seed 42`. */
export function probeSummary(result: ProbeResult): string {
  const counts = boundVerdicts.map((verdict) => `${result.bounds.filter((b) => b.verdict === verdict).length} ${verdict}`);
  const bounds = `${result.bounds.length} bound${result.bounds.length === 1 ? '' : 's'}`;
  return `${bounds}: ${counts.join(', ')} · ${result.requests} requests, ${result.cleanupCalls} cleanup calls · seed ${result.seed}`;
}

/** `closest edition: @current`, or that none stands out. */
export function closestWords(result: ProbeResult): string {
  return result.closest === null ? 'no edition stands out' : `closest edition: ${result.closest}`;
}

/** The bounds whose requests a reader needs to see again: the drifted and the inconclusive ones. */
export function boundsToReproduce(result: ProbeResult): BoundResult[] {
  return result.bounds.filter((b) => b.verdict !== 'matches');
}

/** A bound's two telling exchanges, named, the missing ones left out. */
export function telling(bound: BoundResult): { readonly label: string; readonly exchange: ProbeExchange }[] {
  return [
    ...(bound.lastAccepted ? [{ label: 'Last accepted', exchange: bound.lastAccepted }] : []),
    ...(bound.firstRejected ? [{ label: 'First rejected', exchange: bound.firstRejected }] : []),
  ];
}
