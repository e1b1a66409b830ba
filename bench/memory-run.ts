/**
 * One measured run in a process of its own (spawned by bench/memory.ts): an API's single cases at
 * `--budget` against a no-op loopback server that accepts everything (so most cases are findings).
 * Prints as JSON on stdout: checked cases per second, the requests the server answered (each case's
 * own and its cleanup call), the CPU time per case of this process and of the server, and the peak
 * resident memory of this process.
 */
import { totalOf } from '../src/checks/finding-log.ts';
import type { ApiId } from '../src/contract/apis.ts';
import { checkedCasesPerSecond, startNoopServer, targetAt } from './run.ts';

const budget = Number(process.argv[2]);
const api = process.argv[3] as ApiId;
const noop = await startNoopServer();
try {
  const serverBefore = await noop.usage();
  const clientBefore = process.cpuUsage();
  const { cases, perSecond, output } = await checkedCasesPerSecond(api, targetAt(api, noop.url), { budget });
  const client = process.cpuUsage(clientBefore);
  const server = await noop.usage();
  const requests = server.requests - serverBefore.requests;
  const cpu = { clientCpuMicrosPerCase: Math.round((client.user + client.system) / cases), serverCpuMicrosPerCase: Math.round((server.cpuMicros - serverBefore.cpuMicros) / cases) };
  process.stdout.write(`${JSON.stringify({ budget, cases, requests, ...cpu, findings: totalOf(output.findingCounts), kept: output.findings.length, perSecond, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} finally {
  await noop.close();
}
