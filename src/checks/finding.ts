import type { CaseKind } from '../../generators/request-case.ts';
import type { WireRequest, WireResponse } from '../protocols/wire-request.ts';

/** How much a finding weighs: `violation` fails the run, `drift` fails it only with --strict, `info` never does. */
export type Severity = 'violation' | 'drift' | 'info';

/** A request as it went on the wire, secrets already redacted. */
export type WireRequestRecord = WireRequest;

/** A response as it came back, secrets redacted, with how long it took. */
export interface WireResponseRecord extends WireResponse {
  readonly durationMs: number;
}

/**
 * One observation about one exchange, as data: which check saw it, about which rule, how much it
 * weighs, what the docs say and what came back, and how to reproduce it. Messages are formatted later.
 */
export interface Finding {
  /** The check that produced it, e.g. `violation-rejected`. */
  readonly check: string;
  /** A stable snake_case code for what was seen, e.g. `accepted_invalid_request`. */
  readonly code: string;
  readonly severity: Severity;
  /** The API id, e.g. `alibaba-smc/CreateReplicationJob@current`. */
  readonly api: string;
  /** The contract rule the case was about, when it was about one. */
  readonly rule?: string;
  /** Id of the case within the run, e.g. `alibaba-smc/CreateReplicationJob@current#17`. */
  readonly caseId: string;
  /** One sentence for people. */
  readonly message: string;
  /** What the documents say (a status, a code list, a schema excerpt). */
  readonly documented?: unknown;
  /** What the endpoint did. */
  readonly received?: unknown;
  readonly request: WireRequestRecord;
  readonly response?: WireResponseRecord;
  /** A curl command that sends the same request. */
  readonly curl: string;
  /** The run's seed: with it, `run --seed` or `replay` sends the same case again. */
  readonly seed: number;
  /** The case as generated and bound to the target (the request document before the wire), so `replay` can send it to any target. */
  readonly case?: {
    readonly kind: CaseKind;
    readonly label: string;
    readonly pointer?: string;
    readonly expected: unknown;
    readonly document: Readonly<Record<string, unknown>>;
  };
  /** The smallest request that still fails the same check the same way, when shrinking ran; `requests` it took to find it. */
  readonly shrunk?: { readonly request: WireRequestRecord; readonly curl: string; readonly requests: number };
  /** For a call sequence (stateful checks): every call up to the failing one, each with its reproduction. */
  readonly sequence?: readonly { readonly request: WireRequestRecord; readonly status?: number; readonly curl: string }[];
}

/** Whether a finding fails the run: a violation always, a drift with --strict. */
export function isFailing(finding: Pick<Finding, 'severity'>, strict: boolean): boolean {
  return finding.severity === 'violation' || (strict && finding.severity === 'drift');
}
