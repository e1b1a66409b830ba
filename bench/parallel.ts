/**
 * Whether a run gains from a second process: the same plan dealt to `count` shards run at once, each
 * in a process of its own, against one no-op server. Measured on this machine, not assumed.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ApiId } from '../src/contract/apis.ts';
import { caseRunnerNodeFlags } from '../src/runner/node-flags.ts';
import { largestApi } from './memory.ts';
import { startNoopServer } from './run.ts';

export interface ParallelBenchRow {
  readonly api: ApiId;
  readonly budget: number;
  /** Processes, each running one shard of the plan, all at once. */
  readonly processes: number;
  readonly cases: number;
  /** Checked cases per second of them all, from the first start to the last end (process start-up included). */
  readonly perSecond: number;
  /** CPU time per case of every process and the server together, in microseconds. */
  readonly cpuMicrosPerCase: number;
}

const child = fileURLToPath(new URL('./memory-run.ts', import.meta.url));

/** Runs the plan of `budget` as 1…n shards at once, for each process count given. */
export async function benchParallel(budget = 20_000, processCounts: readonly number[] = [1, 2], api: ApiId = largestApi()): Promise<ParallelBenchRow[]> {
  const rows: ParallelBenchRow[] = [];
  for (const processes of processCounts) {
    const noop = await startNoopServer();
    try {
      const serverBefore = await noop.usage();
      const started = performance.now();
      const outputs = await Promise.all(
        Array.from({ length: processes }, async (_, index) => {
          const { stdout } = await promisify(execFile)(process.execPath, [...caseRunnerNodeFlags, child, String(budget), api, `${index + 1}/${processes}`, noop.url], { maxBuffer: 1 << 20 });
          return JSON.parse(stdout.trim().split('\n').at(-1) as string) as { cases: number; clientCpuMicrosPerCase: number };
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const server = await noop.usage();
      const cases = outputs.reduce((sum, o) => sum + o.cases, 0);
      const cpu = outputs.reduce((sum, o) => sum + o.clientCpuMicrosPerCase * o.cases, 0) + server.cpuMicros - serverBefore.cpuMicros;
      rows.push({ api, budget, processes, cases, perSecond: Math.round(cases / seconds), cpuMicrosPerCase: Math.round(cpu / cases) });
    } finally {
      await noop.close();
    }
  }
  return rows;
}
