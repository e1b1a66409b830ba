import type { CaseKind, RequestCase } from '../../generators/request-case.ts';
import type { FindingDraft } from '../checks/check.ts';
import type { Severity } from '../checks/finding.ts';
import { inconclusiveReasons, type CaseOutcome, type InconclusiveReason } from '../checks/outcome.ts';
import type { PlannedFamily } from './plan.ts';
import type { CoverageState, FamilyKind, ReadingObservation, RuleOutcome } from './run-result.ts';

type CheckState = 'passed' | 'failed' | 'info';

interface Counts {
  readonly kind: FamilyKind;
  readonly deciding?: CaseKind;
  cases: number;
  conclusive: number;
  /** Conclusive answers to the cases that decide the family. */
  decided: number;
  readonly inconclusive: Partial<Record<InconclusiveReason, number>>;
  /** Inconclusive reasons of the deciding cases only. */
  readonly undecided: Partial<Record<InconclusiveReason, number>>;
  readonly findings: Record<Severity, number>;
  readonly checks: Record<string, CheckState>;
  readonly readings: Map<string, { consistent: Set<string>; probes: number }>;
}

/** Words for why a family got no conclusive answer. */
const reasonWords: Record<InconclusiveReason, string> = {
  authentication: 'answered with authentication errors',
  authorization: 'answered with authorization errors',
  throttling: 'answered with throttling errors',
  gateway: 'answered by the gateway (no such API, version or route)',
  server: 'answered with server errors',
  transport: 'no answer (timeouts, resets, garbage)',
  'undocumented-code': 'refused with undocumented codes that name none of its parameters',
  'no-code': 'refused without an error code',
  'other-parameter': 'refused for another parameter',
  state: 'refused for the state of a fixture',
  'unbound-reference': 'refused for a resource it refers to that the profile has no fixture for',
  'fixtures-exhausted': 'no fixture of the profile fits its cases (or they were used up)',
  'budget-spent': 'the request budget was spent before its cases',
  'creating-not-allowed': 'its cases may create resources: no-create mode (--allow-create to test it)',
  'throttled-stop': 'the run stopped sending after consecutive throttling',
  'unresponsive-stop': 'the run stopped sending after consecutive cases got no answer',
  interrupted: 'the run was interrupted before its cases',
};

/** The words for an inconclusive reason. */
export function describeReason(reason: InconclusiveReason): string {
  return reasonWords[reason];
}

function add(counts: Partial<Record<InconclusiveReason, number>>, reason: InconclusiveReason): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

/** The most frequent reason (ties by the reasons' listing order). */
function mainReason(counts: Partial<Record<InconclusiveReason, number>>): InconclusiveReason | undefined {
  return inconclusiveReasons.reduce<InconclusiveReason | undefined>((best, r) => ((counts[r] ?? 0) > (best === undefined ? 0 : (counts[best] ?? 0)) ? r : best), undefined);
}

/**
 * Counts per family of cases: sent, conclusive, inconclusive by reason, findings by severity, the
 * state of each check and the readings the probes' answers fit; and from them, the family's coverage.
 */
export class FamilyTally {
  readonly #api: string;
  readonly #families = new Map<string, Counts>();

  constructor(api: string, families: readonly PlannedFamily[]) {
    this.#api = api;
    for (const f of families) this.#entry(f.family, f.kind, f.deciding);
  }

  #entry(family: string, kind: FamilyKind = 'rule', deciding?: CaseKind): Counts {
    let counts = this.#families.get(family);
    if (!counts) {
      counts = { kind, ...(deciding ? { deciding } : {}), cases: 0, conclusive: 0, decided: 0, inconclusive: {}, undecided: {}, findings: { violation: 0, drift: 0, info: 0 }, checks: {}, readings: new Map() };
      this.#families.set(family, counts);
    }
    return counts;
  }

  /** A family this run holds cases of (a shard holds only some), with what decides it. */
  declare(family: PlannedFamily): void {
    this.#entry(family.family, family.kind, family.deciding);
  }

  /** A case that was not sent, and why. */
  skipped(family: string, c: Pick<RequestCase, 'kind'>, reason: InconclusiveReason): void {
    const counts = this.#entry(family);
    add(counts.inconclusive, reason);
    if (c.kind === counts.deciding) add(counts.undecided, reason);
  }

  /** A case that was sent: its outcome and each check's drafts. */
  sent(family: string, c: Pick<RequestCase, 'kind' | 'expected'>, outcome: CaseOutcome, results: readonly { readonly check: string; readonly drafts: readonly FindingDraft[] }[]): void {
    const counts = this.#entry(family);
    counts.cases += 1;
    if (outcome.conclusive) {
      counts.conclusive += 1;
      if (c.kind === counts.deciding) counts.decided += 1;
      if (c.kind === 'probe' && c.expected.outcome === 'either') this.#observe(counts, c.expected.readings, outcome.accepted);
    } else {
      add(counts.inconclusive, outcome.reason);
      if (c.kind === counts.deciding) add(counts.undecided, outcome.reason);
    }
    for (const { check, drafts } of results) {
      const state: CheckState = drafts.some((d) => d.severity !== 'info') ? 'failed' : drafts.length > 0 ? 'info' : 'passed';
      const before = counts.checks[check];
      counts.checks[check] = before === 'failed' || state === 'failed' ? 'failed' : before === 'info' || state === 'info' ? 'info' : 'passed';
      for (const draft of drafts) counts.findings[draft.severity] += 1;
    }
  }

  #observe(counts: Counts, readings: readonly { readonly contradiction: string; readonly accepting: readonly string[]; readonly refusing: readonly string[] }[], accepted: boolean): void {
    for (const r of readings) {
      const fits = new Set(accepted ? r.accepting : r.refusing);
      const seen = counts.readings.get(r.contradiction);
      if (!seen) counts.readings.set(r.contradiction, { consistent: fits, probes: 1 });
      else counts.readings.set(r.contradiction, { consistent: new Set([...seen.consistent].filter((x) => fits.has(x))), probes: seen.probes + 1 });
    }
  }

  /** Every family's outcome, with its coverage. */
  outcomes(): RuleOutcome[] {
    return [...this.#families].map(([rule, counts]) => {
      const { coverage, coverageReason } = coverageOf(counts);
      const readings: ReadingObservation[] = [...counts.readings].map(([contradiction, r]) => ({ contradiction, consistent: [...r.consistent], probes: r.probes }));
      return {
        api: this.#api,
        rule,
        kind: counts.kind,
        cases: counts.cases,
        conclusive: counts.conclusive,
        inconclusive: counts.inconclusive,
        coverage,
        ...(coverageReason ? { coverageReason } : {}),
        findings: counts.findings,
        checks: counts.checks,
        ...(readings.length > 0 ? { readings } : {}),
      };
    });
  }
}

function coverageOf(counts: Counts): { coverage: CoverageState; coverageReason?: string } {
  if (counts.deciding === undefined) return { coverage: 'not-covered', coverageReason: 'no case could be generated for it' };
  if (counts.decided > 0) return { coverage: 'covered' };
  const reason = mainReason(counts.undecided);
  const only = Object.keys(counts.undecided);
  if (reason === 'creating-not-allowed' && only.length === 1) return { coverage: 'not-testable', coverageReason: describeReason(reason) };
  if (reason === undefined) return { coverage: 'not-covered', coverageReason: 'none of its cases was sent' };
  return { coverage: 'inconclusive', coverageReason: describeReason(reason) };
}
