import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { findConfigFile, loadConfigFile } from './config-file.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh folder with these files in it. */
async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** The ConfigError message loading `file` gives. */
async function problemOf(file: string): Promise<string> {
  const error: unknown = await loadConfigFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

const settings = { profile: 'targets.json', run: { budget: 2000, strict: true, shard: '1/4', reading: ['name-allowed-characters=open'] }, probe: { 'per-bound': 12 } };

describe('a configuration file', () => {
  it('reads the same settings from its .json, .ts and .mts forms', async () => {
    const dir = await folderWith({
      'a.json': JSON.stringify(settings),
      // The export typed without importing the package at run time: the type import is erased.
      'b.ts': `import type { Config } from '${path.join(root, 'src/config/define-config.ts')}';\nexport default ${JSON.stringify(settings)} satisfies Config;\n`,
      'c.mts': `export default ${JSON.stringify(settings)};\n`,
    });
    for (const name of ['a.json', 'b.ts', 'c.mts']) {
      const loaded = await loadConfigFile(path.join(dir, name));
      expect(loaded, name).toEqual({ file: path.join(dir, name), config: settings });
    }
  });

  it("loads a .ts one that imports defineConfig from 'migration-conformance/config' where the package is installed", async () => {
    const dir = await folderWith({ 'migration-conformance.config.ts': `import { defineConfig } from 'migration-conformance/config';\nexport default defineConfig(${JSON.stringify(settings)});\n` });
    await mkdir(path.join(dir, 'node_modules'));
    await symlink(root, path.join(dir, 'node_modules', 'migration-conformance'), 'dir');
    expect((await loadConfigFile(path.join(dir, 'migration-conformance.config.ts'))).config).toEqual(settings);
  });

  it('names the file and every bad key: unknown keys, wrong types, negative counts', async () => {
    const dir = await folderWith({
      'unknown.json': JSON.stringify({ run: { budgt: 1 } }),
      'top.json': JSON.stringify({ runn: {} }),
      'types.json': JSON.stringify({ run: { budget: '2000', strict: 'yes', reading: 'a=b' }, seed: 1.5 }),
      'negative.json': JSON.stringify({ probe: { 'per-bound': -1 } }),
      'not-an-object.json': '[1]',
    });
    expect(await problemOf(path.join(dir, 'unknown.json'))).toMatch(new RegExp(`^config .*unknown\\.json: unknown key "run\\.budgt" \\(the keys of run are its flags' long names: profile, api, seed, budget, `));
    expect(await problemOf(path.join(dir, 'top.json'))).toMatch(/top\.json: unknown key "runn" \(the top takes a section per command and the shared options: .*\brun\b/);
    const types = await problemOf(path.join(dir, 'types.json'));
    expect(types.split('\n').slice(1).sort()).toEqual(['  run.budget must be an integer, not "2000"', '  run.reading must be an array, not "a=b"', '  run.strict must be a boolean, not "yes"', '  seed must be an integer, not 1.5']);
    expect(await problemOf(path.join(dir, 'negative.json'))).toMatch(/negative\.json: probe\.per-bound must be >= 0, not -1$/);
    expect(await problemOf(path.join(dir, 'not-an-object.json'))).toMatch(/not-an-object\.json: the configuration must be an object, not \[1\]$/);
  });

  it('says what is wrong with a file it cannot use: missing, not JSON, no default export, a failing import, another extension', async () => {
    const dir = await folderWith({
      'broken.json': '{ "run": ',
      'no-default.ts': 'export const config = {};\n',
      'throws.ts': "throw new Error('boom');\n",
      'config.yaml': 'run: {}\n',
    });
    expect(await problemOf(path.join(dir, 'missing.json'))).toBe(`cannot read config ${path.join(dir, 'missing.json')}: ENOENT`);
    expect(await problemOf(path.join(dir, 'missing.ts'))).toBe(`cannot read config ${path.join(dir, 'missing.ts')}: ENOENT`);
    expect(await problemOf(path.join(dir, 'broken.json'))).toMatch(/^config .*broken\.json is not JSON: /);
    expect(await problemOf(path.join(dir, 'no-default.ts'))).toMatch(/no-default\.ts has no default export; write `export default defineConfig\(\{ … \}\)`$/);
    expect(await problemOf(path.join(dir, 'throws.ts'))).toMatch(/^cannot load config .*throws\.ts: boom$/);
    expect(await problemOf(path.join(dir, 'config.yaml'))).toMatch(/config\.yaml: a configuration file is \.ts, \.mts or \.json$/);
  });

  it('is found in a folder under one of its names, and two of them are an error', async () => {
    expect(findConfigFile(await folderWith({ 'other.json': '{}' }))).toBeUndefined();
    const one = await folderWith({ 'migration-conformance.config.json': '{}' });
    expect(findConfigFile(one)).toBe(path.join(one, 'migration-conformance.config.json'));
    const two = await folderWith({ 'migration-conformance.config.json': '{}', 'migration-conformance.config.ts': 'export default {};\n' });
    expect(() => findConfigFile(two)).toThrow(/has 2 configuration files \(migration-conformance\.config\.ts, migration-conformance\.config\.json\); keep one/);
  });
});
