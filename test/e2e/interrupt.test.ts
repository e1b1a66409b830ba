import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const servers: EmulatorServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

it('leaves no created job behind when a run is interrupted with Ctrl-C', { timeout: 120_000 }, async () => {
  const emulator = createEmulator();
  const server = await startEmulatorServer(emulator);
  servers.push(server);
  const profile = loadProfile();
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-interrupt-'));
  const file = path.join(dir, 'profile.json');
  await writeFile(file, JSON.stringify({ targets: { 'alibaba-smc': { ...profile.targets['alibaba-smc'], endpoint: server.url } } }));
  let created = 0;
  const original = emulator.handle;
  // Count creates the emulator accepts, to know the run was mid-way when interrupted.
  Object.assign(emulator, {
    handle: async (request: Request) => {
      const response = await original(request);
      if (response.status === 200 && (await response.clone().text()).includes('JobId')) created += 1;
      return response;
    },
  });
  // A process group of its own, so that Ctrl-C (SIGINT to the group) reaches the CLI and vitest's workers, as in a terminal.
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'run', '--profile', file, '--rate', '40', '--concurrency', '2', '--report-dir', path.join(dir, 'reports')], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  while (created < 10) await new Promise((resolve) => setTimeout(resolve, 50));
  process.kill(-(child.pid as number), 'SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(stderr, stderr).toContain('interrupted: finishing the cases in flight');
  expect(code, stderr).not.toBe(130);
  expect(code).toBe(1);
  expect(emulator.resources('alibaba-smc/CreateReplicationJob@current').size, stderr).toBe(0);
});
