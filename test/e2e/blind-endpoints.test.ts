import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { cli } from '../helpers/cli.ts';

// Endpoints written from the seeds alone, by hands that never saw our emulator or schemas, each reading
// the documents its own way where they leave room (decision 006). A conforming endpoint must pass: every
// finding of severity violation here would be a false alarm. Each variant switches on behaviours the
// documents allow and our emulator does not show.

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill()));

/** Starts a blind endpoint in a process of its own with `env`; its port. */
async function startBlind(file: string, env: Readonly<Record<string, string>>): Promise<number> {
  const child = spawn(process.execPath, [path.join(root, 'test/helpers/blind', file), '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it listened`)));
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
}

/** Runs the suite against the endpoint on `port` with the default profile's fixtures; the report. */
async function runAgainst(vendor: 'alibaba-smc' | 'huawei-dcs', port: number, apis: readonly string[], seed: number): Promise<{ code: number; out: string; report: { verdict: string; findings: { severity: string; check: string; rule?: string; message: string }[] } }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-blind-'));
  const profile = path.join(dir, 'profile.json');
  await writeFile(profile, JSON.stringify({ targets: { [vendor]: { ...loadProfile().targets[vendor], endpoint: `http://127.0.0.1:${port}` } } }));
  const result = await cli(['run', '--profile', profile, ...apis.flatMap((api) => ['--api', api]), '--seed', String(seed), '--report-dir', dir]);
  return { ...result, report: JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) };
}

const violations = (report: Awaited<ReturnType<typeof runAgainst>>['report']) => report.findings.filter((f) => f.severity === 'violation').map((f) => `${f.rule ?? ''} ${f.check}: ${f.message}`);

describe('endpoints written from the documents alone pass', () => {
  it(
    'SMC: JSON-only ReplicationParameters, UUID JobIds, real instance types only, 405 for a method, InstanceId optional, ValidTime with milliseconds, IMAGE read as Image, a deleted job\'s names taken for good',
    { timeout: 180_000 },
    async () => {
      const port = await startBlind('smc-endpoint.ts', { BLIND_RP_JSON: '1', BLIND_JOBID_UUID: '1', BLIND_REFS: '1', BLIND_405: '1', BLIND_NAMES_KEPT: '1' });
      for (const seed of [1, 7]) {
        const { code, out, report } = await runAgainst('alibaba-smc', port, ['alibaba-smc/CreateReplicationJob@current'], seed);
        expect(violations(report), `seed ${seed}`).toEqual([]);
        expect(report.verdict, out).toBe('passed');
        expect(code).toBe(0);
      }
    },
  );

  it(
    'SMC behind a front end that compresses every answer, closes connections idle for 100 ms and is unavailable for a moment now and then',
    { timeout: 180_000 },
    async () => {
      const port = await startBlind('smc-endpoint.ts', { BLIND_GZIP: '1', BLIND_IDLE_MS: '100', BLIND_503_EVERY: '50' });
      const { code, out, report } = await runAgainst('alibaba-smc', port, ['alibaba-smc/CreateReplicationJob@current'], 7);
      expect(violations(report)).toEqual([]);
      expect(report.verdict, out).toBe('passed');
      expect(code).toBe(0);
    },
  );

  it.each([
    ['a message template left unfilled ("Invalid {0} parameter"), online migration withdrawn', 'literal,withdrawn'],
    ['parameters named in camelCase ("Invalid taskName parameter"), a deleted task\'s name taken for good', 'camel,namekept'],
  ])('DCS: %s, backup_files optional for an import', { timeout: 180_000 }, async (_what, variant) => {
    const port = await startBlind('dcs-endpoint.ts', { BLIND_VARIANT: variant });
    const { code, out, report } = await runAgainst('huawei-dcs', port, ['huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask'], 7);
    expect(violations(report)).toEqual([]);
    expect(report.verdict, out).toBe('passed');
    expect(code).toBe(0);
  });
});
