import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from './emulator.ts';
import { startEmulatorServer, type EmulatorServer } from './server.ts';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer({ edition: '2019', quota: 5 });
});
afterAll(async () => server.close());

/** One raw request with node:http (fetch refuses TRACE), resolved with the status or the failure. */
function raw(method: string, path: string): Promise<number | string> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const request = http.request({ host: url.hostname, port: url.port, method, path }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', (error) => resolve(`error: ${error.message}`));
    request.end();
  });
}

describe('startEmulatorServer', () => {
  it('listens on 127.0.0.1 only and builds the emulator from options', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.emulator.apis).toContain('alibaba-smc/CreateReplicationJob@2019');
    expect(server.emulator.apis).not.toContain('alibaba-smc/CreateReplicationJob@current');
    expect(server.emulator.statefulLimit('alibaba-smc/CreateReplicationJob@2019', 'job-quota')).toBe(5);
  });

  it('serves a given emulator on a given port', async () => {
    const emulator = createEmulator();
    const probe = await startEmulatorServer(emulator);
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const again = await startEmulatorServer(emulator, port);
    expect([again.url, again.emulator]).toEqual([`http://127.0.0.1:${port}`, emulator]);
    await again.close();
  });

  it('answers methods fetch cannot carry (TRACE) as "no such API", and keeps serving', async () => {
    expect(await raw('TRACE', '/v2/x/migration-task')).toBe(404);
    expect(await raw('TRACE', '/')).toBe(404);
    expect(await raw('GET', '/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=cn-hangzhou&SourceId=s-bp1e2fsl57knvuug0001&SystemDiskSize=80')).toBe(200);
  });
});
