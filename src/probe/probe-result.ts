import type { WireRequestRecord } from '../checks/finding.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';
import type { ApiId } from '../contract/apis.ts';
import type { SearchEnd, SearchStep } from './search.ts';

/** A bound as observed: `matches` the documents, `drift` from them, or `inconclusive` (the answers could not place it). */
export type BoundVerdict = 'matches' | 'drift' | 'inconclusive';

/** One request of a probe, kept for the report: the size it carried, what came back, and how to send it again. */
export interface ProbeExchange {
  readonly size: number;
  readonly status?: number;
  readonly code?: string;
  readonly request: WireRequestRecord;
  readonly curl: string;
}

/** What the probe of one range, length or count rule found. */
export interface BoundResult {
  readonly rule: string;
  readonly kind: 'range' | 'length' | 'count';
  /** The side the rule bounds: `upper` (maximum, maxLength, maxItems) or `lower`. */
  readonly side: 'upper' | 'lower';
  /** The bound as the probed contract states it. */
  readonly documented: number;
  /** Every bound the documents allow, where their readings state it otherwise (`null`: a reading without the rule). */
  readonly readings?: readonly (number | null)[];
  /** The bound as each edition of the operation states it (`null`: the edition has no such rule). */
  readonly editions: Readonly<Record<ApiId, number | null>>;
  /** The bound the endpoint enforces, when the search placed it exactly. */
  readonly observed: number | null;
  /** Where the search left it when it could not place it exactly: the farthest size accepted and the nearest refused. */
  readonly between?: { readonly accepted?: number; readonly refused?: number };
  /** Requests of the operation spent on this bound (cleanup calls not counted). */
  readonly requests: number;
  readonly lastAccepted: ProbeExchange | null;
  readonly firstRejected: ProbeExchange | null;
  readonly verdict: BoundVerdict;
  /** The verdict in words, for the reports. */
  readonly why: string;
  readonly end: SearchEnd;
  /** The sizes asked about, in order, with the answer each got. */
  readonly steps: readonly SearchStep[];
  /** Answers that said nothing about the rule, by reason (retried with another request each time). */
  readonly inconclusive: Readonly<Partial<Record<InconclusiveReason | 'unbuildable', number>>>;
}

/** How well one edition's documents explain the answers: bounds whose every answer it predicts, and bounds it does not. */
export interface EditionScore {
  readonly api: ApiId;
  readonly agree: number;
  readonly disagree: number;
}

/** A resource a probe created and could not delete. */
export interface ProbeLeftBehind {
  readonly rule: string;
  readonly id?: string;
  readonly why: string;
}

/** What `probe` found for one operation on one target. */
export interface ProbeResult {
  readonly api: ApiId;
  readonly target: string;
  readonly seed: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly bounds: readonly BoundResult[];
  readonly editions: readonly EditionScore[];
  /** The edition whose documents explain the most answers (ties broken by the fewest they contradict); null when none stands out. */
  readonly closest: ApiId | null;
  /** Requests of the operation sent, and cleanup calls. */
  readonly requests: number;
  readonly cleanupCalls: number;
  readonly leftBehind: readonly ProbeLeftBehind[];
  /** Why the probe stopped sending before every bound was placed (throttling, no answers, the budget, Ctrl-C). */
  readonly stopped?: string;
  /** The command that probes the same way again. */
  readonly rerun: string;
}
