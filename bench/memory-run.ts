/**
 * One measured run in a process of its own (spawned by bench/memory.ts): an API's single cases at
 * `--budget` against a no-op loopback server that accepts everything (so most cases
 * are findings), then checked cases per second and the peak resident memory of the process, as JSON on stdout.
 */
import type { ApiId } from '../src/contract/apis.ts';
import { runApi } from '../src/runner/run-api.ts';
import { startNoopServer, targetAt } from './run.ts';

const budget = Number(process.argv[2]);
const api = process.argv[3] as ApiId;
const noop = await startNoopServer();
try {
  const started = performance.now();
  const output = await runApi({ api, target: targetAt(api, noop.url), seed: 1, concurrency: 8, budget, shrink: { cases: 0, requests: 0 } });
  const perSecond = Math.round(output.casesSent / ((performance.now() - started) / 1000));
  const findings = output.findingCounts.reduce((sum, c) => sum + c.count, 0);
  process.stdout.write(`${JSON.stringify({ budget, cases: output.casesSent, findings, kept: output.findings.length, perSecond, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} finally {
  await noop.close();
}
