/** Checked cases per second through the whole pipeline, and the raw request rate autocannon reaches on the same server. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { ApiId } from '../src/contract/apis.ts';
import { loadProfile } from '../src/profile/load-profile.ts';
import { runApi } from '../src/runner/run-api.ts';
import { targetFor, type Target } from '../src/runner/target.ts';

/** A loopback server that answers every request at once with a fixed success body. */
export async function startNoopServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const body = JSON.stringify({ RequestId: 'C8B26B44-0189-443E-9816-D951F59623A9', JobId: 'j-noop', id: 'noop', name: 'noop', status: 'MIGRATING', instance_id: 'noop', task_id_list: ['noop'] });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The default profile's target of an API, pointed at `endpoint`. */
export function targetAt(api: ApiId, endpoint: string): Target {
  const target = targetFor(loadProfile(), api);
  return { ...target, config: { ...target.config, endpoint } } as Target;
}

/** Runs one API's default plan against a target and measures checked cases per second. */
export async function checkedCasesPerSecond(api: ApiId, target: Target, concurrency = 8): Promise<{ cases: number; perSecond: number }> {
  const started = performance.now();
  const output = await runApi({ api, target, seed: 1, concurrency, shrink: { cases: 0, requests: 0 } });
  return { cases: output.casesSent, perSecond: Math.round(output.casesSent / ((performance.now() - started) / 1000)) };
}

/** autocannon's request rate against a URL for `seconds`, with `connections` at once. */
export async function autocannonRate(url: string, seconds = 3, connections = 8): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, method: 'POST', body: 'Action=CreateReplicationJob', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return Math.round(result.requests.average);
}
