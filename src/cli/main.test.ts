import { Readable, Writable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import { main } from './main.ts';

/** Runs the CLI in-process with captured streams. */
async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: Readable.from([stdin]) });
  return { code, out, err };
}

const current = 'alibaba-smc/CreateReplicationJob@current';
const old = 'alibaba-smc/CreateReplicationJob@2019';

describe('validate', () => {
  it('accepts each seed example and exits 0; the 004 example, online_migration, is valid under the seed reading only', async () => {
    for (const id of [old, current, 'huawei-dcs/CreateOnlineMigrationTask'] as const) {
      const result = await cli(['validate', '--api', id, '-'], JSON.stringify(loadContract(id).examples.request));
      expect(result, id).toMatchObject({ code: 0, out: 'valid\n' });
    }
    const dcs = await cli(['validate', '--api', 'huawei-dcs/CreateMigrationTask', '-'], JSON.stringify(loadContract('huawei-dcs/CreateMigrationTask').examples.request));
    expect(dcs.code).toBe(0);
    expect(dcs.out).toMatch(/^ambiguous: /);
    expect(dcs.out).toContain('online-migration-via-create-migration-task: accepted by offered; refused by withdrawn');
  });

  it('says invalid for TargetType=Snapshot, Name=1abc and ImageName=1abc, and ambiguous for Name=a b and TargetType=image, naming the readings', async () => {
    const judged = async (request: Record<string, unknown>) => cli(['validate', '--api', current, '-'], JSON.stringify({ RegionId: 'cn-hangzhou', SourceId: 's-1', ...request }));
    for (const request of [{ TargetType: 'Snapshot' }, { Name: '1abc' }, { ImageName: '1abc' }]) {
      const result = await judged(request);
      expect(result.code, JSON.stringify(request)).toBe(1);
      expect(result.out, JSON.stringify(request)).toMatch(/^invalid under every reading: 1 rule broken/);
    }
    const space = await judged({ Name: 'a b' });
    expect(space).toMatchObject({ code: 0 });
    expect(space.out).toContain('name-allowed-characters: accepted by open; refused by closed');
    const lower = await judged({ TargetType: 'image', ImageName: 'img1', SystemDiskSize: 80, DataDisk: [{ Index: 1, Size: 100 }] });
    expect(lower.out).toContain('target-type-case: accepted by ignore-case; refused by exact');
  });

  it('rejects SystemDiskSize 2049 (current) and 501 (2019) naming the rule, with provenance, exit 1', async () => {
    const big = await cli(['validate', '--api', current, '-'], JSON.stringify({ ...loadContract(current).examples.request, SystemDiskSize: 2049 }));
    expect(big.code).toBe(1);
    expect(big.out).toContain('SystemDiskSize.maximum  /SystemDiskSize  SystemDiskSize must be at most 2048 (got 2049)');
    expect(big.out).toContain('seed 001: "The system disk size');
    const old501 = await cli(['validate', '--api', old, '-'], JSON.stringify({ ...loadContract(old).examples.request, SystemDiskSize: 501 }));
    expect(old501.code).toBe(1);
    expect(old501.out).toContain('SystemDiskSize.maximum');
  });

  it('reads a file, and JSON Lines with --jsonl', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-'));
    const file = path.join(dir, 'requests.jsonl');
    await writeFile(file, `${JSON.stringify({ RegionId: 'r', SourceId: 's' })}\n\n${JSON.stringify({ RegionId: 'r', SourceId: 's', Tag: [{ Key: '' }] })}\n`);
    const result = await cli(['validate', '--api', current, '--jsonl', file]);
    expect(result.code).toBe(1);
    const lines = result.out.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; valid: boolean; violations: { rule: string; pointer: string }[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ verdict: 'valid', valid: true, violations: [], readings: [] });
    expect(lines[1]?.verdict).toBe('invalid');
    expect(lines[1]?.valid).toBe(false);
    expect(lines[1]?.violations.map((v) => [v.rule, v.pointer])).toEqual([['Tag.Key.minLength', '/Tag/0/Key']]);
  });

  it('gives one clear message and exit 2 for usage mistakes', async () => {
    for (const argv of [['validate', '-'], ['validate', '--api', 'nope', '-'], ['validate', '--api', current], ['validate', '--bogus'], ['nope'], ['validate', '--api', current, '/no/such/file.json']]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(/^migration-conformance: /);
      expect(result.err, argv.join(' ')).not.toMatch(/\n\s+at /);
    }
    const notJson = await cli(['validate', '--api', current, '-'], '{oops');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('standard input is not JSON');
  });
});

describe('list', () => {
  it('shows every API with rule counts by kind and its contradictions', async () => {
    const result = await cli(['list', '--json']);
    expect(result.code).toBe(0);
    const apis = JSON.parse(result.out) as { id: string; rulesByKind: Record<string, number>; contradictions: { id: string }[] }[];
    expect(apis.map((a) => a.id)).toEqual([old, current, 'huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask']);
    expect(apis[1]?.rulesByKind).toMatchObject({ range: 12, timeWindow: 4, conditional: 9 });
    expect(apis[1]?.contradictions.map((c) => c.id)).toEqual(expect.arrayContaining(['image-target-required-params', 'valid-time-default', 'target-type-case', 'image-name-suffix', 'job-quota', 'waiting-state', 'replication-parameters-keys']));
    expect(apis[2]?.contradictions.map((c) => c.id)).toContain('backup-files-required');
  });
});

describe('generate', () => {
  it('prints the same bytes for the same seed and time', async () => {
    const argv = ['generate', '--api', current, '--valid', '5', '--violations', '--per-rule', '1', '--seed', '7', '--now', '2026-11-22T00:00:00Z'];
    const [a, b] = [await cli(argv), await cli(argv)];
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.err).toBe('seed 7\n');
    const lines = a.out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; rule: string | null });
    expect(lines.filter((l) => l.kind === 'valid')).toHaveLength(5);
    // Every rule gets cases past it: violations where every reading refuses them, probes where the readings disagree.
    const past = new Set(lines.filter((l) => l.kind === 'violation' || l.kind === 'probe').map((l) => l.rule));
    expect(past.size).toBe(loadContract(current).rules.length);
  });

  it('prints the same bytes for the same seed without --now', async () => {
    const argv = ['generate', '--api', current, '--valid', '3', '--seed', '11'];
    expect((await cli(argv)).out).toBe((await cli(argv)).out);
  });

  it('refuses an unknown rule', async () => {
    const result = await cli(['generate', '--api', current, '--violations', '--rule', 'Nope.maximum']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('has no rule Nope.maximum');
  });
});

describe('coverage', () => {
  it('covers every rule of an edition and exits 0', async () => {
    const result = await cli(['coverage', '--api', 'huawei-dcs/CreateOnlineMigrationTask', '--samples', '5', '--json']);
    expect(result.code).toBe(0);
    const [api] = JSON.parse(result.out) as { rules: number; covered: number }[];
    expect(api?.covered).toBe(api?.rules);
  });
});

describe('serve --drift', () => {
  it('refuses a malformed or impossible move with one clear message and exit 2, before listening', async () => {
    const cases: [string[], string][] = [
      [['--drift', 'oops'], '--drift takes <rule>=<n>, e.g. SystemDiskSize.maximum=4096; got "oops"'],
      [['--drift', 'SystemDiskSize.maximum=abc'], '--drift SystemDiskSize.maximum needs an integer, not "abc"'],
      [['--drift', 'SystemDiskSize.maximum=1.5'], 'needs an integer, not "1.5"'],
      [['--drift', 'SystemDiskSize.maximum='], 'needs an integer, not ""'],
      [['--drift', 'SystemDiskSize.maximum=4096', '--drift', 'SystemDiskSize.maximum=8192'], '--drift SystemDiskSize.maximum is given twice'],
      [['--drift', 'Nope.maximum=3'], 'no served operation has a range, length, count or time-window rule "Nope.maximum"; known: '],
      [['--drift', 'SourceId.required=1'], 'no served operation has a range, length, count or time-window rule "SourceId.required"'],
      [['--edition', '2019', '--drift', 'Tag.maxItems=25'], 'no served operation has a range, length, count or time-window rule "Tag.maxItems"'],
      [['--drift', 'Name.maxLength=-1'], 'Name.maxLength needs a non-negative integer, not -1'],
      [['--drift', 'SystemDiskSize.minimum=3000'], 'leaves SystemDiskSize between 3000 and 2048'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(['serve', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(/^migration-conformance: serve: /);
      expect(result.err, args.join(' ')).toContain(message);
      expect(result.out, args.join(' ')).toBe('');
    }
  });
});
