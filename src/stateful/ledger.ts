import type { Finding, Severity } from '../checks/finding.ts';
import { inconclusiveReasons, type InconclusiveReason } from '../checks/outcome.ts';
import type { Contract } from '../contract/load.ts';
import type { RuleOutcome } from '../runner/run-result.ts';
import { describeReason } from '../runner/tally.ts';
import { smcModelRules } from './smc-model.ts';

/** The family of the random model-based call sequences (SMC). */
export const sequencesFamily = '(stateful) sequences';

/** The family id of a stateful rule (`job-quota` → `(stateful) job-quota`); `sequences` names the sequences' own family. */
export function familyOf(rule: string): string {
  return `(stateful) ${rule}`;
}

/** The stateful families of a contract: one per stateful rule, and the random sequences where a model of its state knows its rules (SMC jobs). */
export function statefulFamiliesOf(contract: Contract): string[] {
  return [...contract.document.stateful.map((s) => familyOf(s.id)), ...(contract.document.stateful.some((s) => smcModelRules.has(s.id)) ? [sequencesFamily] : [])];
}

/** What one call said about a family: something (conclusive), nothing and why, or nothing to count (a setup call that went as planned). */
export type CallVerdict = { readonly conclusive: true } | { readonly conclusive: false; readonly reason: InconclusiveReason } | { readonly setup: true };

interface Counts {
  cases: number;
  conclusive: number;
  readonly inconclusive: Partial<Record<InconclusiveReason, number>>;
  /** The checks that looked at the family's calls. */
  readonly checks: Set<string>;
  notTestable?: string;
  notCovered?: string;
}

/**
 * The tally of the stateful families: calls and what each said, findings by the family their rule
 * names, and why a family could not be tested. Only the families it was made with are counted; a
 * finding about another one is still kept.
 */
export class StatefulLedger {
  readonly #api: string;
  readonly #families = new Map<string, Counts>();
  readonly findings: Finding[] = [];

  /** The families this shard was dealt; the others it counts only for the calls its sequences made (see {@link outcomes}). */
  readonly #dealt: ReadonlySet<string> | undefined;

  constructor(api: string, families: readonly string[], dealt?: ReadonlySet<string>) {
    this.#api = api;
    this.#dealt = dealt;
    for (const family of families) this.#families.set(family, { cases: 0, conclusive: 0, inconclusive: {}, checks: new Set() });
  }

  /** Whether the family is one this run counts (was selected). */
  has(family: string): boolean {
    return this.#families.has(family);
  }

  get families(): string[] {
    return [...this.#families.keys()];
  }

  /** One call sent for the family, judged by `check`. */
  call(family: string, check: string, verdict: CallVerdict): void {
    const counts = this.#families.get(family);
    if (!counts) return;
    counts.cases += 1;
    counts.checks.add(check);
    counts.checks.add('no-server-error');
    if ('setup' in verdict) return;
    if (verdict.conclusive) counts.conclusive += 1;
    else counts.inconclusive[verdict.reason] = (counts.inconclusive[verdict.reason] ?? 0) + 1;
  }

  /** Calls meant for the family that were not sent, and why (interrupted, the target stopped answering). */
  skipped(family: string, reason: InconclusiveReason): void {
    const counts = this.#families.get(family);
    if (counts && counts.cases === 0) counts.inconclusive[reason] = (counts.inconclusive[reason] ?? 0) + 1;
  }

  /** The family cannot be tested in this run's mode or with its fixtures; `reason` says why, with the numbers. */
  notTestable(family: string, reason: string): void {
    const counts = this.#families.get(family);
    if (counts) counts.notTestable ??= reason;
  }

  /** No call could be made for the family (a state the fixtures cannot build). */
  notCovered(family: string, reason: string): void {
    const counts = this.#families.get(family);
    if (counts) counts.notCovered ??= reason;
  }

  finding(finding: Finding): void {
    this.findings.push(finding);
    if (finding.rule) this.#families.get(finding.rule)?.checks.add(finding.check);
  }

  /**
   * Every counted family's outcome with its coverage. A family dealt to another shard appears only if
   * this shard's call sequences touched it, its calls counted (they add up when shards merge) but its
   * coverage left to the shard that runs its scenario.
   */
  outcomes(): RuleOutcome[] {
    const elsewhere = (family: string) => this.#dealt !== undefined && !this.#dealt.has(family);
    const touched = (family: string, counts: Counts) => counts.cases > 0 || this.findings.some((f) => f.rule === family);
    return [...this.#families].filter(([family, counts]) => !elsewhere(family) || touched(family, counts)).map(([family, counts]) => {
      const mine = this.findings.filter((f) => f.rule === family);
      const findings: Record<Severity, number> = { violation: 0, drift: 0, info: 0 };
      for (const f of mine) findings[f.severity] += 1;
      const checks: Record<string, 'passed' | 'failed' | 'info'> = {};
      for (const check of counts.checks) {
        const of = mine.filter((f) => f.check === check);
        checks[check] = of.some((f) => f.severity !== 'info') ? 'failed' : of.length > 0 ? 'info' : 'passed';
      }
      const { coverage, coverageReason } = elsewhere(family) ? { coverage: 'not-testable' as const, coverageReason: 'decided in another shard' } : coverageOf(counts);
      return {
        api: this.#api,
        rule: family,
        kind: 'stateful' as const,
        ...(elsewhere(family) ? { countsOnly: true as const } : {}),
        cases: counts.cases,
        conclusive: counts.conclusive,
        inconclusive: counts.inconclusive,
        coverage,
        ...(coverageReason ? { coverageReason } : {}),
        findings,
        checks,
      };
    });
  }
}

function coverageOf(counts: Counts): Pick<RuleOutcome, 'coverage' | 'coverageReason'> {
  if (counts.conclusive > 0) return { coverage: 'covered' };
  if (counts.notTestable !== undefined && counts.cases === 0) return { coverage: 'not-testable', coverageReason: counts.notTestable };
  const main = inconclusiveReasons.reduce<InconclusiveReason | undefined>((best, r) => ((counts.inconclusive[r] ?? 0) > (best === undefined ? 0 : (counts.inconclusive[best] ?? 0)) ? r : best), undefined);
  if (main !== undefined) return { coverage: 'inconclusive', coverageReason: describeReason(main) };
  return { coverage: 'not-covered', coverageReason: counts.notCovered ?? (counts.cases === 0 ? 'no call was sent for it' : 'no call answered about it') };
}
