import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';
import { readProgress, type Progress } from './progress.ts';
import { addFindingCounts, totalOf } from '../src/checks/finding-log.ts';
import type { ApiShare } from '../src/runner/assemble-result.ts';
import type { ConformanceMeta } from './define-conformance-suite.ts';

/** Collects what the suites' tests carry in their meta, per API; prints one line per API as it finishes. */
export class ConformanceReporter implements Reporter {
  readonly shares: ApiShare[] = [];
  readonly errors: string[] = [];
  readonly #log: (line: string) => void;
  readonly #progress: ((progress: Progress) => void) | undefined;

  constructor(log: (line: string) => void = () => undefined, progress?: (progress: Progress) => void) {
    this.#log = log;
    this.#progress = progress;
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const progress = readProgress(log.content);
    if (progress) this.#progress?.(progress);
    else this.#log(log.content.trimEnd());
  }

  onTestModuleEnd(module: TestModule): void {
    const metas: ConformanceMeta[] = [];
    for (const test of module.children.allTests()) {
      const meta = test.meta().conformance;
      if (meta) metas.push(meta);
    }
    for (const error of module.errors()) this.errors.push(`${module.moduleId}: ${error.message}`);
    for (const suite of module.children.allSuites()) for (const error of suite.errors()) this.errors.push(`${suite.fullName}: ${error.message}`);
    for (const api of new Set(metas.map((m) => m.api))) {
      const mine = metas.filter((m) => m.api === api);
      const summary = mine.find((m) => m.summary)?.summary;
      const share: ApiShare = { api, findings: mine.flatMap((m) => m.findings), findingCounts: addFindingCounts(...mine.map((m) => m.findingCounts)), outcomes: mine.flatMap((m) => (m.outcome ? [m.outcome] : [])), ...(summary ? { summary } : {}) };
      this.shares.push(share);
      const failed = mine.filter((m) => m.findings.some((f) => f.severity === 'violation')).length;
      this.#log(`${api}: ${summary?.casesSent ?? 0} cases, ${totalOf(share.findingCounts)} findings, ${failed} of ${mine.length} rules failing`);
    }
  }
}
