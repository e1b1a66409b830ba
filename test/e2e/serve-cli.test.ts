import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load.ts';
import { send, smc } from '../helpers/emulator-cases.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `serve` with `args`; resolves with the address it prints, and the child. */
async function serve(args: string[]) {
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    void exited.then((code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, child, exited };
}

/** A port that was free a moment ago, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

it('serve listens on 127.0.0.1, prints the address, answers the seed example and stops on SIGTERM', { timeout: 60_000 }, async () => {
  const { url, child, exited } = await serve(['--edition', '2019']);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const answer = await send(smc(url, loadContract('alibaba-smc/CreateReplicationJob@2019').examples.request));
  expect(answer).toMatchObject({ status: 200, body: { JobId: expect.stringMatching(/^j-/) } });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('serve takes --port, --quota and --fault, and stops on SIGINT', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const { url, child, exited } = await serve(['--port', String(port), '--quota', '1', '--fault', 'missing-request-id']);
  expect(url).toBe(`http://127.0.0.1:${port}`);
  const first = await send(smc(url, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001' }));
  expect(first.status).toBe(200);
  expect(first.body).not.toHaveProperty('RequestId');
  expect((await send(smc(url, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0002' }))).body['Code']).toBe('QuotaExceeded.ReplicationJob');
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

it('serve follows the readings it is given with --reading', { timeout: 60_000 }, async () => {
  const request = { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001', Name: 'a b' };
  const strict = await serve([]);
  expect((await send(smc(strict.url, request))).body['Code']).toBe('InvalidParameter');
  strict.child.kill('SIGTERM');
  await strict.exited;
  const open = await serve(['--reading', 'name-allowed-characters=open', '--reading', 'target-type-case=ignore-case']);
  expect(await send(smc(open.url, request))).toMatchObject({ status: 200 });
  expect(await send(smc(open.url, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0002', TargetType: 'image', ImageName: 'img1', SystemDiskSize: 80, DataDisk: [{ Index: 1, Size: 100 }] }))).toMatchObject({ status: 200 });
  open.child.kill('SIGTERM');
  expect(await open.exited).toBe(0);
});

it('serve moves the bounds it is given with --drift, and says so when it starts', { timeout: 60_000 }, async () => {
  const { url, child, exited } = await serve(['--drift', 'SystemDiskSize.maximum=4096', '--drift', 'Tag.maxItems=25']);
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const create = (params: Record<string, unknown>) => send(smc(url, { RegionId: 'cn-hangzhou', ...params }));
  expect(await create({ SourceId: 's-bp1e2fsl57knvuug0001', SystemDiskSize: 4096, Tag: Array.from({ length: 25 }, (_, i) => ({ Key: `k${i}` })) })).toMatchObject({ status: 200 });
  expect(await create({ SourceId: 's-bp1e2fsl57knvuug0002', SystemDiskSize: 4097 })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(err).toContain('; bounds moved from the documents: SystemDiskSize.maximum=4096, Tag.maxItems=25; Ctrl-C stops it');
});

it('serve refuses an unknown edition, fault or reading with the usage exit code', { timeout: 60_000 }, async () => {
  for (const args of [['--edition', '2020'], ['--fault', 'no-such-fault'], ['--reading', 'no-such=x'], ['--reading', 'name-allowed-characters=nope'], ['--reading', 'oops']]) {
    const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'serve', ...args], { cwd: root, stdio: 'ignore' });
    expect(await new Promise((resolve) => child.on('exit', resolve)), args.join(' ')).toBe(2);
  }
});
