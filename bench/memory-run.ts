/**
 * One measured run in a process of its own (spawned by bench/memory.ts and bench/parallel.ts): an API's
 * single cases at `--budget` against a no-op loopback server that accepts everything (so most cases are
 * findings). Arguments: budget, API, and optionally a shard `i/n` and the URL of a no-op server already
 * running (shared with the other shards; without it the run starts one of its own).
 * Prints as JSON on stdout: checked cases per second, the requests the server answered (each case's
 * own and its cleanup call), the CPU time per case of this process and of the server, and the peak
 * resident memory of this process.
 */
import { totalOf } from '../src/checks/finding-log.ts';
import type { ApiId } from '../src/contract/apis.ts';
import { checkedCasesPerSecond, startNoopServer, targetAt } from './run.ts';

const [budgetArgument, apiArgument, shardArgument, sharedUrl] = process.argv.slice(2);
const budget = Number(budgetArgument);
const api = apiArgument as ApiId;
const [index, count] = (shardArgument ?? '1/1').split('/').map(Number) as [number, number];
const noop = sharedUrl ? undefined : await startNoopServer();
try {
  const serverBefore = await noop?.usage();
  const clientBefore = process.cpuUsage();
  const { cases, perSecond, output } = await checkedCasesPerSecond(api, targetAt(api, sharedUrl ?? (noop?.url as string)), { budget, shard: { index, count } });
  const client = process.cpuUsage(clientBefore);
  const server = await noop?.usage();
  const requests = server && serverBefore ? server.requests - serverBefore.requests : 0;
  const cpu = { clientCpuMicrosPerCase: Math.round((client.user + client.system) / cases), serverCpuMicrosPerCase: server && serverBefore ? Math.round((server.cpuMicros - serverBefore.cpuMicros) / cases) : 0 };
  process.stdout.write(`${JSON.stringify({ budget, cases, requests, ...cpu, findings: totalOf(output.findingCounts), kept: output.findings.length, perSecond, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} finally {
  await noop?.close();
}
