import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';
import type { RunResult } from '../../src/runner/run-result.ts';

// A target that accepts everything: every violation case must be caught.
let server: http.Server;
let dir = '';
let profileFile = '';
const secret = 'S3cr3tAccessKeySecretValue';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'C8B26B44-0189-443E-9816-D951F59623A9', JobId: `j-${Math.random().toString(36).slice(2)}`, id: 'x', name: 'x', status: 'MIGRATING', instance_id: 'x', task_id_list: ['x'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), 'mc-run-'));
  const profile = loadProfile();
  profileFile = path.join(dir, 'profile.json');
  await writeFile(
    profileFile,
    JSON.stringify({
      targets: {
        'alibaba-smc': { ...profile.targets['alibaba-smc'], endpoint, credentials: { accessKeyId: 'AKID', accessKeySecret: secret } },
        'huawei-dcs': { ...profile.targets['huawei-dcs'], endpoint, credentials: { ak: 'AK', sk: secret } },
      },
    }),
  );
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('run against a profile', () => {
  it('exits 1 against an endpoint that accepts everything, writes all four reports, and leaks no secret', async () => {
    const reportDir = path.join(dir, 'reports');
    const result = await cli(['run', '--profile', profileFile, '--seed', '5', '--valid', '3', '--per-rule', '1', '--report-dir', reportDir]);
    expect(result.code, result.err).toBe(1);
    expect(result.out).toMatch(/^FAILED: \d+ findings of severity violation/);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as { findings: { check: string; rule?: string }[]; seed: number; verdict: string };
    expect(report.seed).toBe(5);
    expect(report.verdict).toBe('failed');
    expect(report.findings.some((f) => f.check === 'violation-rejected' && f.rule === 'SystemDiskSize.maximum')).toBe(true);
    for (const name of ['report.json', 'junit.xml', 'summary.md', 'report.html']) {
      const text = await readFile(path.join(reportDir, name), 'utf8');
      expect(text, name).not.toContain(secret);
      expect(text, name).not.toMatch(/Signature=[0-9a-zA-Z%+/]{10,}/);
    }
  }, 120_000);

  it('counts every finding and keeps the first few of each kind whole (--keep-findings), in every report', async () => {
    const reportDir = path.join(dir, 'kept');
    const api = 'alibaba-smc/CreateReplicationJob@current';
    const result = await cli(['run', '--profile', profileFile, '--api', api, '--seed', '5', '--valid', '3', '--per-rule', '4', '--keep-findings', '1', '--report-dir', reportDir]);
    expect(result.code, result.err).toBe(1);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as RunResult;
    const total = report.findingCounts.reduce((sum, c) => sum + c.count, 0);
    // Four violation cases per rule, all accepted: four findings of each kind, one kept whole.
    expect(report.findingCounts.some((c) => c.rule === 'SystemDiskSize.maximum' && c.check === 'violation-rejected' && c.count === 4)).toBe(true);
    expect(report.keptPerKind).toBe(1);
    const perKind = new Map<string, number>();
    for (const f of report.findings) perKind.set(`${f.rule}|${f.check}|${f.code}|${f.severity}`, (perKind.get(`${f.rule}|${f.check}|${f.code}|${f.severity}`) ?? 0) + 1);
    expect([...perKind].filter(([, n]) => n > 1)).toEqual([]);
    expect(perKind.size).toBe(report.findingCounts.length);
    // The verdict counts them all, and so do the console and the summary.
    expect(result.out).toMatch(new RegExp(`^FAILED: ${report.findingCounts.filter((c) => c.severity === 'violation').reduce((sum, c) => sum + c.count, 0)} findings of severity violation`));
    expect(result.out).toContain(`${total} findings (${report.findings.length} kept whole: the first 1 of each kind)`);
    expect(await readFile(path.join(reportDir, 'summary.md'), 'utf8')).toContain(`${total} findings`);
  }, 120_000);

  it('sends the same requests for the same seed (signatures and their dates aside)', async () => {
    const documents = async (seed: string) => {
      const result = await cli(['run', '--profile', profileFile, '--seed', seed, '--dry-run', '--valid', '2', '--per-rule', '1', '--api', 'huawei-dcs/CreateMigrationTask']);
      expect(result.code).toBe(0);
      return result.out.trim().split('\n').map((line) => JSON.stringify((JSON.parse(line) as { document?: unknown }).document));
    };
    const first = await documents('9');
    expect(first.length).toBeGreaterThan(40);
    expect(await documents('9')).toEqual(first);
    expect(await documents('10')).not.toEqual(first);
  });

  it('exits 3 when the target cannot be reached, 2 for a bad profile', async () => {
    const closed = path.join(dir, 'closed.json');
    const profile = JSON.parse(await readFile(profileFile, 'utf8')) as { targets: Record<string, { endpoint: string }> };
    for (const target of Object.values(profile.targets)) target.endpoint = 'http://127.0.0.1:9';
    await writeFile(closed, JSON.stringify(profile));
    const unreachable = await cli(['run', '--profile', closed]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.err).toContain('cannot reach http://127.0.0.1:9');
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ targets: { 'alibaba-smc': { endpoint: 'nope' } } }));
    const invalid = await cli(['run', '--profile', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('does not match schemas/profile.schema.json');
  });
});

describe('sharded runs', () => {
  it('run each shard of the suite files and merge into one verdict; replay sends failing cases again', async () => {
    const shards = await Promise.all(['1/2', '2/2'].map(async (shard, i) => {
      const reportDir = path.join(dir, `shard${i}`);
      const result = await cli(['run', '--profile', profileFile, '--seed', '5', '--valid', '2', '--per-rule', '1', '--shard', shard, '--report-dir', reportDir]);
      expect(result.code, result.err).toBe(1);
      return path.join(reportDir, 'report.json');
    }));
    const merged = await cli(['merge-reports', ...shards, '--report-dir', path.join(dir, 'merged')]);
    expect(merged.code).toBe(1);
    const report = JSON.parse(await readFile(path.join(dir, 'merged', 'report.json'), 'utf8')) as { targets: { api: string }[] };
    expect(new Set(report.targets.map((t) => t.api)).size).toBe(3);
    // The failing cases pass on the conforming embedded emulator.
    const replayed = await cli(['replay', shards[0]!]);
    expect(replayed.out).toMatch(/0 of \d+ cases still fail/);
    expect(replayed.code).toBe(0);
  }, 180_000);
});

describe('run with a stateful fault in the embedded emulator', () => {
  it('exits 1 and reports the minimal call sequence in every format', async () => {
    const reportDir = path.join(dir, 'stateful');
    const result = await cli(['run', '--fault', 'names-not-unique', '--api', 'alibaba-smc/CreateReplicationJob@current', '-t', 'stateful', '--seed', '3', '--report-dir', reportDir]);
    expect(result.code, result.err).toBe(1);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as { findings: { rule?: string; sequence?: unknown[] }[] };
    const finding = report.findings.find((f) => f.rule === '(stateful) unique-job-name');
    expect(finding?.sequence?.length).toBeGreaterThan(1);
    expect(await readFile(path.join(reportDir, 'summary.md'), 'utf8')).toContain('Minimal call sequence');
    expect(await readFile(path.join(reportDir, 'junit.xml'), 'utf8')).toContain('(stateful)');
    expect(await readFile(path.join(reportDir, 'report.html'), 'utf8')).toContain('unique-job-name');
  }, 120_000);

  it('catches a quota off by one when the embedded quota is small enough to reach', async () => {
    const reportDir = path.join(dir, 'quota');
    const result = await cli(['run', '--fault', 'quota-off-by-one', '--quota', '2', '--api', 'alibaba-smc/CreateReplicationJob@current', '-t', 'stateful', '--seed', '3', '--report-dir', reportDir]);
    expect(result.code, result.err).toBe(1);
    const report = JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as { findings: { rule?: string; sequence?: unknown[] }[] };
    expect(report.findings.find((f) => f.rule === '(stateful) job-quota')?.sequence?.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('refuses an unknown fault, or a fault with a profile', async () => {
    expect((await cli(['run', '--fault', 'nope'])).code).toBe(2);
    expect((await cli(['run', '--fault', 'names-not-unique', '--profile', profileFile])).code).toBe(2);
  });
});

describe('report.json of a real run', () => {
  it('matches schemas/report.schema.json', async () => {
    const { compileSchema } = await import('../../src/contract/validator.ts');
    const { schemasDir } = await import('../../src/contract/load.ts');
    const schema = JSON.parse(await readFile(path.join(schemasDir, 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    const validate = compileSchema(schema);
    for (const name of ['reports', 'stateful']) {
      const report: unknown = JSON.parse(await readFile(path.join(dir, name, 'report.json'), 'utf8'));
      expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});
