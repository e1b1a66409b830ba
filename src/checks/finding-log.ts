import { isFailing, type Finding, type Severity } from './finding.ts';

/** What makes findings the same kind: the API, the family (rule), the check, the code and the severity. */
export interface FindingKind {
  readonly api: string;
  readonly rule?: string;
  readonly check: string;
  readonly code: string;
  readonly severity: Severity;
}

/** How many findings of one kind a run made (its report keeps only the first few of them whole). */
export interface FindingCount extends FindingKind {
  readonly count: number;
}

/**
 * Findings kept whole per kind by default. The same failure on another random request adds nothing a
 * reader can act on, and a deep run against an endpoint that checks nothing makes tens of thousands;
 * the first ones (the one shrunk to a minimal reproduction among them) are kept, every one counted.
 */
export const defaultKeptPerKind = 10;

function keyOf(kind: FindingKind): string {
  return `${kind.api}\u0000${kind.rule ?? ''}\u0000${kind.check}\u0000${kind.code}\u0000${kind.severity}`;
}

function kindOf(kind: FindingKind): FindingKind {
  return { api: kind.api, ...(kind.rule !== undefined ? { rule: kind.rule } : {}), check: kind.check, code: kind.code, severity: kind.severity };
}

/** Counts by kind, summed over several lists (shards, the single and the stateful checks), in first-seen order. */
export function addFindingCounts(...lists: readonly (readonly FindingCount[])[]): FindingCount[] {
  const sums = new Map<string, FindingCount>();
  for (const count of lists.flat()) {
    const key = keyOf(count);
    const known = sums.get(key);
    sums.set(key, { ...kindOf(count), count: (known?.count ?? 0) + count.count });
  }
  return [...sums.values()];
}

/** The counts of a list of findings, by kind. */
export function countFindings(findings: readonly FindingKind[]): FindingCount[] {
  return addFindingCounts(findings.map((f) => ({ ...kindOf(f), count: 1 })));
}

/** Findings counted, of every kind or of those `which` picks. */
export function totalOf(counts: readonly FindingCount[], which: (kind: FindingKind) => boolean = () => true): number {
  return counts.reduce((sum, c) => sum + (which(c) ? c.count : 0), 0);
}

/** Findings counted that fail the run. */
export function failingTotal(counts: readonly FindingCount[], strict: boolean): number {
  return totalOf(counts, (kind) => isFailing(kind, strict));
}

/** A resource left on the target: every reader must see each one. */
function leftBehind(finding: Finding): boolean {
  return finding.code === 'cleanup_failed';
}

/** The first `perKind` findings of each kind, in their order, and every resource left behind. */
export function keptPerKind(findings: readonly Finding[], perKind: number): Finding[] {
  const log = new FindingLog(perKind);
  for (const finding of findings) {
    if (leftBehind(finding)) log.keep(finding);
    else log.record(finding, () => finding);
  }
  return log.kept;
}

/**
 * A run's findings as they come: every one counted by kind, the first `perKind` of each kind kept
 * whole; the others are not even built. Memory stays flat however many cases a run sends.
 */
export class FindingLog {
  readonly kept: Finding[] = [];
  readonly #counts = new Map<string, { kind: FindingKind; count: number }>();
  readonly #perKind: number;

  constructor(perKind = defaultKeptPerKind) {
    this.#perKind = perKind;
  }

  /** Counts a finding of `kind`; builds and keeps it when fewer than `perKind` of its kind are kept. */
  record(kind: FindingKind, build: () => Finding): void {
    if (this.#count(kind) <= this.#perKind) this.kept.push(build());
  }

  /** Counts and keeps a finding whatever its kind's count: one every reader must see (a resource left on the target). */
  keep(finding: Finding): void {
    this.#count(finding);
    this.kept.push(finding);
  }

  /** Counts one more finding of `kind`; how many of it there are now. */
  #count(kind: FindingKind): number {
    const key = keyOf(kind);
    const known = this.#counts.get(key) ?? { kind: kindOf(kind), count: 0 };
    known.count += 1;
    this.#counts.set(key, known);
    return known.count;
  }

  /** How many findings were made, kept or not. */
  get total(): number {
    let total = 0;
    for (const { count } of this.#counts.values()) total += count;
    return total;
  }

  counts(): FindingCount[] {
    return [...this.#counts.values()].map(({ kind, count }) => ({ ...kind, count }));
  }
}

/** `18 findings`, or `13531 findings (1260 kept whole: the first 10 of each kind)` when some were only counted. */
export function findingsWords(run: { readonly findings: readonly unknown[]; readonly findingCounts: readonly FindingCount[]; readonly keptPerKind: number }): string {
  const total = totalOf(run.findingCounts);
  const words = `${total} finding${total === 1 ? '' : 's'}`;
  return total > run.findings.length ? `${words} (${run.findings.length} kept whole: the first ${run.keptPerKind} of each kind)` : words;
}
