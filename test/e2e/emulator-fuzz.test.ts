import fc from 'fast-check';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer(createEmulator());
});
afterAll(async () => server.close());

/** Sends raw bytes with node:http (fetch would refuse some of them) and returns the status, or the failure. */
function raw(path: string, method: string, headers: Record<string, string>, body: Uint8Array | string): Promise<number | string> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method, headers, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => (request.destroy(), resolve('timeout')));
    request.on('error', (error) => resolve(`error: ${error.message}`));
    request.end(body);
  });
}

const paths = fc.constantFrom('/', '/?Action=CreateReplicationJob&Version=2019-06-01', '/v2/0b2c3d4e5f60718293a4b5c6d7e8f901/migration-task', '/v2/0b2c3d4e5f60718293a4b5c6d7e8f901/migration/instance', '/v2/x/migration-tasks/delete');
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('Action=CreateReplicationJob&Version=2019-06-01&SourceId=%E4%ZZ&RegionId=%', 'Action=CreateReplicationJob&Action=CreateReplicationJob&Version=2019-06-01', 'Tag.999999999.Key=a&Tag.0.Key=b&DataDisk.01.Size=1&Disks=1&Disks.System.Size=2', '{"task_name":'),
);

describe('the emulator under hostile input', () => {
  it('never answers 5xx, hangs or crashes (bounded fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(paths, fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'), fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'application/json; charset=latin1'), bodies, async (path, method, type, body) => {
        const status = await raw(path, method, { 'content-type': type }, body);
        expect(typeof status === 'number' && status >= 200 && status < 500, `${method} ${path} → ${status}`).toBe(true);
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('answers a 10 MB body in the vendor envelope, and keeps serving', async () => {
    const big = `Action=CreateReplicationJob&Version=2019-06-01&Name=${'a'.repeat(10 * 1024 * 1024)}`;
    expect(await raw('/', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, big)).toSatisfy((s: unknown) => typeof s === 'number' ? s >= 400 && s < 500 : s === 'error: write EPIPE' || String(s).startsWith('error:'));
    expect(await raw('/v2/0b2c3d4e5f60718293a4b5c6d7e8f901/migration-task', 'POST', { 'content-type': 'application/json' }, JSON.stringify({ task_name: 'x'.repeat(10 * 1024 * 1024) }))).toSatisfy(
      (s: unknown) => s === 413 || String(s).startsWith('error:'),
    );
    expect(await raw('/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=cn-hangzhou&SourceId=s-bp1e2fsl57knvuug0001', 'GET', {}, '')).toBe(200);
  });

  it('refuses a parameter given twice or missing, in the vendor envelope', async () => {
    expect(await raw('/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=a&RegionId=b&SourceId=s-bp1e2fsl57knvuug0002', 'GET', {}, '')).toBe(400);
    expect(await raw('/?Version=2019-06-01', 'GET', {}, '')).toBe(400);
  });
});
