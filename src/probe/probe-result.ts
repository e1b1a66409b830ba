import type { WireRequestRecord } from '../checks/finding.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';
import type { ApiId } from '../contract/apis.ts';
import type { SearchEnd, SearchStep, SizeAnswer } from './search.ts';
import type { ValueSetKind } from './value-sets.ts';

/** A bound as observed: `matches` the documents, `drift` from them, or `inconclusive` (the answers could not place it). */
export type BoundVerdict = 'matches' | 'drift' | 'inconclusive';

/** One request of a probe, kept for the report: the size (limits) or value (value sets) it carried, what came back, and how to send it again. */
export interface ProbeExchange {
  readonly size?: number;
  /** The label of the value tried (value sets): `listed value in another case "image"`. */
  readonly value?: string;
  readonly status?: number;
  readonly code?: string;
  readonly request: WireRequestRecord;
  readonly curl: string;
}

/** What every probe of a rule reports. */
interface ProbeCommon {
  readonly rule: string;
  /** Requests of the operation spent on this rule (cleanup calls not counted). */
  readonly requests: number;
  readonly lastAccepted: ProbeExchange | null;
  readonly firstRejected: ProbeExchange | null;
  readonly verdict: BoundVerdict;
  /** The verdict in words, for the reports. */
  readonly why: string;
  /** Whether each edition of the operation predicts every conclusive answer (`null`: no conclusive answer). */
  readonly agreement: Readonly<Record<ApiId, boolean | null>>;
  /** Answers that said nothing about the rule, by reason (retried with another request each time). */
  readonly inconclusive: Readonly<Partial<Record<InconclusiveReason | 'unbuildable', number>>>;
}

/** What the probe of one range, length or count rule, or of a time window's edge, found. */
export interface LimitBound extends ProbeCommon {
  /** `timeWindow`: sizes are seconds from the moment each request was built (`documented`: 2592000 for "within 30 days"). */
  readonly kind: 'range' | 'length' | 'count' | 'timeWindow';
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
  readonly end: SearchEnd;
  /** The sizes asked about, in order, with the answer each got. */
  readonly steps: readonly SearchStep[];
}

/** What the documents say of one value: accepted, refused, or either (their readings disagree). */
export type Expected = 'accept' | 'refuse' | 'either';

/** One value a value-set probe tried, what each edition expects of it and what the endpoint answered. */
export interface TriedValue {
  readonly label: string;
  /** By edition: the probed contract's and every other edition's expectation. */
  readonly expected: Readonly<Record<ApiId, Expected>>;
  readonly answer: SizeAnswer;
}

/** The labels of tried values by what happened to them. */
export interface ValueOutcomes {
  readonly accepted: readonly string[];
  readonly refused: readonly string[];
  readonly either?: readonly string[];
  readonly inconclusive?: readonly string[];
}

/** What the probe of a listed-values, presence or character rule found: which of the values tried the endpoint accepts. */
export interface ValueSetBound extends ProbeCommon {
  readonly kind: ValueSetKind;
  /** The values the probed contract's documents accept, refuse, or leave to a reading. */
  readonly documented: ValueOutcomes;
  readonly observed: ValueOutcomes;
  /** The readings of the documents that predict every answer (words such as `target-type-case=ignore-case`), when some do. */
  readonly followed: readonly string[];
  readonly values: readonly TriedValue[];
}

/** What the probe of one rule found. */
export type BoundResult = LimitBound | ValueSetBound;

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
