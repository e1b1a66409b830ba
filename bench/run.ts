/** Checked cases per second through the whole pipeline, and the raw request rate autocannon reaches on the same server. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ApiId } from '../src/contract/apis.ts';
import { loadProfile } from '../src/profile/load-profile.ts';
import { runApi, type ApiRunOutput } from '../src/runner/run-api.ts';
import type { Shard } from '../src/runner/shard.ts';
import { targetFor, type Target } from '../src/runner/target.ts';

/** What the no-op server has done so far: requests answered, CPU time used (microseconds, user and system). */
export interface NoopUsage {
  readonly requests: number;
  readonly cpuMicros: number;
}

/** The no-op server of bench/noop-server.ts, started in a process of its own; `usage` asks what it has done, `close` ends it. */
export async function startNoopServer(): Promise<{ url: string; usage: () => Promise<NoopUsage>; close: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./noop-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the no-op server exited (${code}) before it listened`)));
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    usage: () =>
      new Promise((resolve) => {
        child.once('message', (usage) => resolve(usage as NoopUsage));
        child.send('usage');
      }),
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** The default profile's target of an API, pointed at `endpoint`. */
export function targetAt(api: ApiId, endpoint: string): Target {
  const target = targetFor(loadProfile(), api);
  return { ...target, config: { ...target.config, endpoint } } as Target;
}

/** Runs one API's plan (the default, or grown or trimmed to `budget`) against a target and measures checked cases per second. */
export async function checkedCasesPerSecond(api: ApiId, target: Target, options: { readonly concurrency?: number; readonly budget?: number; readonly shard?: Shard } = {}): Promise<{ cases: number; perSecond: number; output: ApiRunOutput }> {
  const started = performance.now();
  const output = await runApi({ api, target, seed: 1, concurrency: options.concurrency ?? 8, ...(options.budget !== undefined ? { budget: options.budget } : {}), ...(options.shard ? { shard: options.shard } : {}), shrink: { cases: 0, requests: 0 } });
  return { cases: output.casesSent, perSecond: Math.round(output.casesSent / ((performance.now() - started) / 1000)), output };
}

/** autocannon's request rate against a URL for `seconds`, with `connections` at once. */
export async function autocannonRate(url: string, seconds = 3, connections = 8): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, method: 'POST', body: 'Action=CreateReplicationJob', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return Math.round(result.requests.average);
}

/**
 * The floor of any Node client: node:http with keep-alive and nothing else (no generation, signing or
 * checks), `requests` POSTs over `connections` connections against a URL, each answer read whole and parsed.
 * Its rate and CPU per request bound what a checked case, which costs one request or two, can reach.
 */
export async function bareClientRate(url: string, requests = 40_000, connections = 8): Promise<{ perSecond: number; cpuMicrosPerRequest: number }> {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const body = 'Action=CreateReplicationJob';
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request({ host: hostname, port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as void));
      });
      request.on('error', reject);
      request.end(body);
    });
  let sent = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (; sent < requests; sent += 1) await post();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return { perSecond: Math.round(requests / seconds), cpuMicrosPerRequest: Math.round((cpu.user + cpu.system) / requests) };
}
