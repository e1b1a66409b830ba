/** Peak memory as the budget grows: each budget run in a fresh process, so one run's heap does not carry into the next. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiIds, type ApiId } from '../src/contract/apis.ts';
import { loadContract } from '../src/contract/load.ts';
import { caseRunnerNodeFlags } from '../src/runner/node-flags.ts';

export interface MemoryBenchRow {
  readonly api: ApiId;
  readonly budget: number;
  readonly cases: number;
  /** Requests the no-op server answered: every case's own and, for each accepted one, its cleanup call. */
  readonly requests: number;
  /** CPU time per case of the process that runs the cases (every thread: generating, binding, sending, checking), in microseconds. */
  readonly clientCpuMicrosPerCase: number;
  /** CPU time per case of the no-op server, in microseconds. */
  readonly serverCpuMicrosPerCase: number;
  readonly findings: number;
  /** Findings kept whole (the first few of each kind). */
  readonly kept: number;
  /** Checked cases per second over the whole run (planning, sending, checking, tallying). */
  readonly perSecond: number;
  readonly peakMiB: number;
}

const child = fileURLToPath(new URL('./memory-run.ts', import.meta.url));

/** The API with the most rules (the SMC current edition): the most kinds of finding, the largest requests. */
export function largestApi(): ApiId {
  return [...apiIds].sort((a, b) => loadContract(b).rules.length - loadContract(a).rules.length)[0] as ApiId;
}

/** Runs bench/memory-run.ts once per budget, one after the other, with the Node flags of the processes that send cases in `run`. */
export async function benchMemory(budgets: readonly number[] = [2000, 20_000, 40_000], api: ApiId = largestApi()): Promise<MemoryBenchRow[]> {
  const rows: MemoryBenchRow[] = [];
  for (const budget of budgets) {
    const { stdout } = await promisify(execFile)(process.execPath, [...caseRunnerNodeFlags, child, String(budget), api], { maxBuffer: 1 << 20 });
    rows.push({ api, ...(JSON.parse(stdout.trim().split('\n').at(-1) as string) as Omit<MemoryBenchRow, 'api'>) });
  }
  return rows;
}
