import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load.ts';
import { smc } from '../helpers/emulator-cases.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

it('serve listens on 127.0.0.1, prints the address, answers the seed example and stops on SIGTERM', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'serve', '--edition', '2019'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const request = smc(url, loadContract('alibaba-smc/CreateReplicationJob@2019').examples.request);
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ JobId: expect.stringMatching(/^j-/) });
  child.kill('SIGTERM');
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
});
