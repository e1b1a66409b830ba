import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.ts';

// The CLI as a CI job runs it: its own process (Node's type stripping loads the .ts configuration), in the folder of the configuration.
const root = fileURLToPath(new URL('../../', import.meta.url));
const profileName = 'migration-conformance.profile.json';
const configName = 'migration-conformance.config.ts';

async function spawned(args: readonly string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out, err };
}

/** A fresh folder where `migration-conformance` resolves, as `npm install --save-dev <checkout>` leaves it (a link). */
async function repositoryFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-init-'));
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(root, path.join(dir, 'node_modules', 'migration-conformance'), 'dir');
  return dir;
}

describe('init, then the configuration it wrote', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await repositoryFolder();
  });

  it('writes a profile that validates and a configuration importing defineConfig', async () => {
    const init = await spawned(['init', '--vendor', 'alibaba'], dir);
    expect(init, init.err).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain(`wrote ${path.join(dir, profileName)}\nwrote ${path.join(dir, configName)}\n`);
    const profile = loadProfile(path.join(dir, profileName));
    expect(Object.keys(profile.targets)).toEqual(['alibaba-smc']);
    expect(path.resolve(dir, profile.$schema ?? '')).toBe(path.join(root, 'schemas', 'profile.schema.json'));
    const config = await readFile(path.join(dir, configName), 'utf8');
    expect(config).toContain("import { defineConfig } from 'migration-conformance/config';");
    expect(config).toContain('//   fixtures.sources: ');
  }, 60_000);

  it('is what run --dry-run and generate read in that folder, under the flags', async () => {
    const written = await readFile(path.join(dir, configName), 'utf8');
    const edited = written.replace(`  profile: '${profileName}',`, `  profile: '${profileName}',\n  seed: 8,`).replace('    // seed: 1,', "    valid: 2,\n    'per-rule': 0,");
    expect(edited).toContain("'per-rule': 0");
    await writeFile(path.join(dir, configName), edited);

    const randomValid = (out: string) => out.trim().split('\n').map((line) => JSON.parse(line) as { api: string; kind: string; rule: string | null; document?: { SourceId?: string } }).filter((c) => c.kind === 'valid' && c.rule === null);
    const dryRun = await spawned(['run', '--dry-run'], dir);
    expect(dryRun.code, dryRun.err).toBe(0);
    const cases = randomValid(dryRun.out);
    // valid: 2 from run's section; the profile (a path relative to the configuration): its edition, its placeholder source in every case it could bind.
    expect(cases.map((c) => c.api)).toEqual(['alibaba-smc/CreateReplicationJob@current', 'alibaba-smc/CreateReplicationJob@current']);
    expect(new Set(cases.flatMap((c) => c.document?.SourceId ?? []))).toEqual(new Set(['s-REPLACE-WITH-A-SOURCE-SERVER-ID']));
    const overridden = await spawned(['run', '--dry-run', '--valid', '3'], dir);
    expect(randomValid(overridden.out)).toHaveLength(3);

    // seed: 8 at the top is every seed-taking command's.
    const generated = await spawned(['generate', '--api', 'alibaba-smc/CreateReplicationJob@current', '--valid', '1'], dir);
    expect(generated).toMatchObject({ code: 0, err: 'seed 8\n' });
    expect((await spawned(['generate', '--api', 'alibaba-smc/CreateReplicationJob@current', '--valid', '1', '--seed', '9'], dir)).err).toBe('seed 9\n');
  }, 120_000);

  it('refuses to write over the files without --force (exit 2, naming them), and overwrites with it', async () => {
    const again = await spawned(['init', '--vendor', 'alibaba'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`init: ${path.join(dir, profileName)} and ${path.join(dir, configName)} exist; --force overwrites`);
    const forced = await spawned(['init', '--vendor', 'alibaba', '--force'], dir);
    expect(forced.code, forced.err).toBe(0);
    expect(await readFile(path.join(dir, configName), 'utf8')).toContain('    // seed: 1,');
  }, 60_000);
});

describe('init for Huawei, elsewhere', () => {
  it('writes a DCS profile into --dir and a configuration whose probe names a DCS operation', async () => {
    const dir = path.join(await repositoryFolder(), 'ci');
    const init = await spawned(['init', '--vendor', 'huawei', '--dir', 'ci'], path.dirname(dir));
    expect(init, init.err).toMatchObject({ code: 0, err: '' });
    expect(Object.keys(loadProfile(path.join(dir, profileName)).targets)).toEqual(['huawei-dcs']);
    expect(await readFile(path.join(dir, configName), 'utf8')).toMatch(/ {4}api: 'huawei-dcs\/Create\w+',/);
  }, 60_000);

  it('says, where the package does not resolve, that the configuration needs it installed: a note from init, one line and exit 2 from a command', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-init-bare-'));
    const init = await spawned(['init', '--vendor', 'huawei'], dir);
    expect(init.code).toBe(0);
    expect(init.err).toBe(`note: migration-conformance does not resolve from ${dir}, and ${configName} imports defineConfig from it: install it there (npm install --save-dev <its checkout>)\n`);
    const list = await spawned(['list'], dir);
    expect(list.code).toBe(2);
    expect(list.err).toMatch(new RegExp(`^migration-conformance: cannot load config ${path.join(dir, configName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Cannot find package 'migration-conformance' .*; install migration-conformance in that folder .*\n$`));
  }, 60_000);
});
