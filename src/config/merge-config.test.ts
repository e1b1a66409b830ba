import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../test/helpers/cli.ts';
import { parseCommandLine } from '../cli/command-line.ts';
import { listCommand } from '../cli/commands/list.ts';
import { runCommand } from '../cli/commands/run.ts';
import { UsageError } from '../errors/index.ts';
import type { Config } from '../generated/config.ts';
import { mergeConfig, takeConfigFlag } from './merge-config.ts';

const loaded = (config: Config) => ({ file: '/repo/ci/migration-conformance.config.json', config });

describe('mergeConfig', () => {
  const config: Config = {
    profile: 'targets.json',
    budget: 5,
    strict: false,
    run: { budget: 2000, strict: true, shard: '1/4', reading: ['name-allowed-characters=open'], 'report-dir': 'out/reports' },
    probe: { budget: 1, 'per-bound': 9 },
  };

  it("gives a command its section over the shared options it has, typed as parseArgs types the flags, paths from the file's folder", () => {
    expect(mergeConfig(runCommand, {}, loaded(config))).toEqual({
      profile: '/repo/ci/targets.json',
      budget: '2000',
      strict: true,
      shard: '1/4',
      reading: ['name-allowed-characters=open'],
      'report-dir': '/repo/ci/out/reports',
    });
    // list has neither --profile nor --budget: the shared options are not its.
    expect(mergeConfig(listCommand, {}, loaded({ ...config, json: true }))).toEqual({ json: true });
  });

  it('lets the flags win: a value, a switch turned off, a repeatable list replaced', () => {
    const flags = { budget: '10', strict: false, reading: ['target-type-case=exact'], profile: 'here.json' };
    expect(mergeConfig(runCommand, flags, loaded(config))).toEqual({ ...flags, shard: '1/4', 'report-dir': '/repo/ci/out/reports' });
  });

  it('leaves the flags as they are without a configuration', () => {
    expect(mergeConfig(runCommand, { budget: '3' }, undefined)).toEqual({ budget: '3' });
  });
});

describe('takeConfigFlag', () => {
  it('takes --config FILE and --config=FILE out of the command line, and nothing after --', () => {
    expect(takeConfigFlag(['--budget', '3', '--config', 'ci.json', '--strict'])).toEqual({ configFile: 'ci.json', rest: ['--budget', '3', '--strict'] });
    expect(takeConfigFlag(['--config=ci.ts'])).toEqual({ configFile: 'ci.ts', rest: [] });
    expect(takeConfigFlag(['a', '--', '--config', 'b'])).toEqual({ rest: ['a', '--', '--config', 'b'] });
  });

  it('refuses --config without a file, or twice', () => {
    expect(() => takeConfigFlag(['--config'])).toThrow(new UsageError('--config needs a file: --config <file>'));
    expect(() => takeConfigFlag(['--config', '--strict'])).toThrow(UsageError);
    expect(() => takeConfigFlag(['--config', 'a.json', '--config=b.json'])).toThrow(new UsageError('--config is given 2 times; name one file'));
  });
});

describe('a command line with a configuration file', () => {
  it('reads the file of the folder, or the one --config names, under the flags', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-merge-'));
    await writeFile(path.join(dir, 'migration-conformance.config.json'), JSON.stringify({ run: { budget: 2000, strict: true, seed: 4 } }));
    await writeFile(path.join(dir, 'other.json'), JSON.stringify({ run: { budget: 1 } }));
    expect((await parseCommandLine(runCommand, [], dir)).values).toEqual({ budget: '2000', strict: true, seed: '4' });
    expect((await parseCommandLine(runCommand, ['--no-strict', '--budget', '7'], dir)).values).toEqual({ budget: '7', strict: false, seed: '4' });
    expect((await parseCommandLine(runCommand, ['--config', 'other.json'], dir)).values).toEqual({ budget: '1' });
  });

  it('is exit 2 with one line naming the file when --config names a file that is not there, with no stack', async () => {
    const missing = path.join(tmpdir(), 'mc-no-such-dir', 'migration-conformance.config.json');
    const result = await cli(['list', '--config', missing]);
    expect(result).toEqual({ code: 2, out: '', err: `migration-conformance: cannot read config ${missing}: ENOENT\n` });
  });

  it('is exit 2 naming the key and the file for a bad key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-merge-'));
    const file = path.join(dir, 'ci.json');
    await writeFile(file, JSON.stringify({ list: { jsn: true } }));
    const result = await cli(['list', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`migration-conformance: config ${file}: unknown key "list.jsn" (the keys of list are its flags' long names: json)\n`);
  });
});
