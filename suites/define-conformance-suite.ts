import { beforeAll, describe, inject, it } from 'vitest';
import { familiesOf, runOperation } from '../src/conformance/run-operation.ts';
import { isFailing, type Finding } from '../src/checks/finding.ts';
import { failingTotal, type FindingCount } from '../src/checks/finding-log.ts';
import type { ApiId } from '../src/contract/apis.ts';
import type { ApiRunOutput } from '../src/runner/run-api.ts';
import type { RuleOutcome } from '../src/runner/run-result.ts';
import '../src/runner/run-options.ts';
import { progressLine } from './progress.ts';

/** What each test hands the reporter (vitest task meta). */
export interface ConformanceMeta {
  readonly api: ApiId;
  readonly rule: string;
  readonly outcome?: RuleOutcome;
  /** The family's findings kept whole (the first few of each kind). */
  readonly findings: readonly Finding[];
  /** The family's findings, every one counted by kind. */
  readonly findingCounts: readonly FindingCount[];
  readonly summary?: Pick<ApiRunOutput, 'casesSent' | 'interrupted' | 'stopped'>;
}

declare module 'vitest' {
  interface TaskMeta {
    conformance?: ConformanceMeta;
  }
}

function describeFinding(f: Finding): string {
  return `[${f.severity}] ${f.check}: ${f.message}\n    ${f.curl}`;
}

/**
 * Declares the conformance suite of one API: a `beforeAll` runs the operation's selected families (so
 * concurrency and rate limits span the whole API), and one test per family fails on its findings.
 */
export function defineConformanceSuite(api: ApiId): void {
  const options = inject('conformance');
  // Ctrl-C reaches the whole process group: stop starting cases, finish and clean up the ones in flight.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  const target = options.targets[api];
  describe.skipIf(target === undefined)(api, () => {
    let output: ApiRunOutput | undefined;
    // vitest wants the context destructured; the suite (second argument) tells which tests -t left selected.
    beforeAll(async ({}, suite) => {
      const selected = new Set(suite.tasks.filter((t) => t.mode === 'run').map((t) => t.name));
      if (!target || selected.size === 0) return;
      output = await runOperation(
        {
          api,
          target,
          families: selected,
          signal: interrupt.signal,
          // Progress travels as console output, which vitest forwards from the worker to the reporter as it happens.
          onCase: (done, total, findings) => {
            if (done === total || done % 20 === 0) console.info(progressLine({ api, done, total, findings }));
          },
        },
        options,
      );
    }, 30 * 60 * 1000);

    familiesOf(api).forEach((family, index) => {
      it(family, ({ task }) => {
        if (!output) return;
        const ofFamily = (f: { readonly rule?: string }) => (f.rule ?? '(valid)') === family;
        const findings = output.findings.filter(ofFamily);
        const findingCounts = output.findingCounts.filter(ofFamily);
        const outcome = output.outcomes.find((o) => o.rule === family);
        task.meta.conformance = {
          api,
          rule: family,
          findings,
          findingCounts,
          ...(outcome ? { outcome } : {}),
          ...(index === 0 ? { summary: { casesSent: output.casesSent, interrupted: output.interrupted, ...(output.stopped ? { stopped: output.stopped } : {}) } } : {}),
        };
        const failing = findings.filter((f) => isFailing(f, options.strict));
        if (failing.length > 0) throw new Error(`${failingTotal(findingCounts, options.strict)} finding(s) for ${family}:\n${failing.slice(0, 5).map(describeFinding).join('\n')}`);
      });
    });
  });
}
