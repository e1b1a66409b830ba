import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import { ConformanceReporter } from './conformance-reporter.ts';
import type { Progress } from './progress.ts';
import type { ApiShare } from '../src/runner/assemble-result.ts';
import { caseRunnerNodeFlags } from '../src/runner/node-flags.ts';
import type { RunOptions } from '../src/runner/run-options.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** How vitest runs the suites. */
export interface SuiteRunOptions {
  /** Only tests (rules) whose full name matches, as vitest's -t. */
  readonly testNamePattern?: string;
  /** Prints a line (an API done, a suite's own output). */
  readonly log?: (line: string) => void;
  /** Receives progress as cases are sent. */
  readonly progress?: (progress: Progress) => void;
}

/** Runs the conformance suites as a vitest run in this process and returns each API's share of findings. */
export async function runSuites(options: RunOptions, suiteOptions: SuiteRunOptions = {}): Promise<{ shares: ApiShare[]; errors: string[] }> {
  const reporter = new ConformanceReporter(suiteOptions.log, suiteOptions.progress);
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const vitest = await createVitest(
    'test',
    {
      run: true,
      watch: false,
      config: false,
      root,
      reporters: [reporter],
      passWithNoTests: true,
      ...(suiteOptions.testNamePattern ? { testNamePattern: suiteOptions.testNamePattern } : {}),
    },
    { test: { include: ['suites/**/*.suite.ts'], provide: { conformance: options }, hookTimeout: 30 * 60 * 1000, testTimeout: 60_000, maxWorkers: 2, pool: 'forks', execArgv: [...caseRunnerNodeFlags] } },
  );
  // vitest exits the process on Ctrl-C; the run instead lets the suites finish their cases and clean up.
  for (const signal of signals) for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.off(signal, listener);
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  return { shares: reporter.shares, errors: reporter.errors };
}
