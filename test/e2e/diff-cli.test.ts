import { cp, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../helpers/cli.ts';
import { docText, foldSpace } from '../helpers/shared-docs.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const older = 'alibaba-smc/CreateReplicationJob@2019';
const current = 'alibaba-smc/CreateReplicationJob@current';

interface Source {
  seed: string;
  quote: string;
}
interface JsonChange {
  rule: string;
  kind: string;
  from: unknown;
  to: unknown;
  impact: { client: string; implementation: string };
  source: { from: Source[]; to: Source[] };
}

async function jsonDiff(from: string, to: string): Promise<{ from: string; to: string; changes: JsonChange[] }> {
  const result = await cli(['diff', from, to, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as { from: string; to: string; changes: JsonChange[] };
}

/** Every quote of a change is in its seed's text (white space folded). */
function quotedVerbatim(change: JsonChange): void {
  for (const s of [...change.source.from, ...change.source.to]) expect(docText(s.seed), `${change.rule}: ${s.quote}`).toContain(foldSpace(s.quote));
}

/** The change of a rule and kind; fails when there is not exactly one. */
function only(changes: JsonChange[], rule: string, kind: string): JsonChange {
  const found = changes.filter((c) => c.rule === rule && c.kind === kind);
  expect(found, `${rule} ${kind}`).toHaveLength(1);
  return found[0] as JsonChange;
}

/** Quoted by both editions: the older page (seed 000) and the current one (seed 001, or the reference). */
function quotedByBoth(change: JsonChange): void {
  expect(change.source.from.map((s) => s.seed), change.rule).toContain('000');
  expect(change.source.to.some((s) => s.seed === '001'), change.rule).toBe(true);
  quotedVerbatim(change);
}

describe('diff 2019 → current --json', () => {
  let changes: JsonChange[] = [];
  beforeAll(async () => {
    const diff = await jsonDiff(older, current);
    expect([diff.from, diff.to]).toEqual([older, current]);
    changes = diff.changes;
  });

  it('SystemDiskSize: the maximum 500 → 2048 (the minimum 20 unchanged), required → optional', () => {
    const maximum = only(changes, 'SystemDiskSize.maximum', 'range-changed');
    expect(maximum).toMatchObject({ from: 500, to: 2048, impact: { client: 'compatible', implementation: 'breaking' } });
    quotedByBoth(maximum);
    expect(foldSpace(maximum.source.to[0]?.quote ?? '')).toContain('20 to 2048');
    expect(maximum.source.from[0]?.quote).toContain('20~500');
    expect(changes.filter((c) => c.rule === 'SystemDiskSize.minimum')).toEqual([]);
    const required = only(changes, 'SystemDiskSize.required', 'required-to-optional');
    expect(required).toMatchObject({ from: 'required', to: 'optional', impact: { client: 'compatible', implementation: 'breaking' } });
    quotedByBoth(required);
  });

  it('the job quota 100 → 1,000 and the Waiting incomplete state', () => {
    const quota = only(changes, '(stateful) job-quota', 'stateful-limit-changed');
    expect(quota).toMatchObject({ from: 100, to: 1000, impact: { client: 'compatible', implementation: 'breaking' } });
    quotedByBoth(quota);
    expect(quota.source.to[0]?.quote).toContain('1,000');
    const states = only(changes, '(stateful) one-incomplete-job-per-source', 'stateful-states-changed');
    expect(states.from).not.toContain('Waiting');
    expect(states.to).toContain('Waiting');
    expect((states.to as string[]).filter((s) => s !== 'Waiting')).toEqual(states.from);
    expect(states.impact).toEqual({ client: 'breaking', implementation: 'compatible' });
    quotedByBoth(states);
    expect(states.source.to[0]?.quote).toContain('Waiting');
  });

  it("TargetType's enum: image → Image, ContainerImage and TargetInstance added", () => {
    const recased = only(changes, 'TargetType.enum', 'enum-value-recased');
    expect(recased).toMatchObject({ from: 'image', to: 'Image', impact: { client: 'breaking', implementation: 'breaking' } });
    quotedByBoth(recased);
    const added = only(changes, 'TargetType.enum', 'enum-values-added');
    expect(added).toMatchObject({ to: ['ContainerImage', 'TargetInstance'], impact: { client: 'compatible', implementation: 'breaking' } });
    expect(changes.filter((c) => c.rule === 'TargetType.enum' && c.kind === 'enum-values-removed')).toEqual([]);
  });

  it('the parameters only the current edition has, quoted from it', () => {
    const added = changes.filter((c) => c.kind === 'parameter-added');
    expect(added.map((c) => c.rule)).toEqual(expect.arrayContaining(['Tag', 'RunOnce', 'Frequency', 'MaxNumberOfImageToKeep', 'Disks', 'JobType', 'LicenseType', 'DataDisk.Part', 'SystemDiskPart']));
    // The topmost only: the nested parameters of a new one come with it.
    expect(added.map((c) => c.rule)).not.toContain('Tag.Key');
    expect(changes.filter((c) => c.kind === 'parameter-removed')).toEqual([]);
    for (const change of added) {
      expect(change.impact, change.rule).toEqual({ client: 'compatible', implementation: 'breaking' });
      expect(change.source.from, change.rule).toEqual([]);
      expect(change.source.to.length, change.rule).toBeGreaterThan(0);
    }
    expect(only(changes, 'Frequency', 'parameter-added').to).toBe('integer');
  });

  it('the error codes the current edition adds', () => {
    const added = changes.filter((c) => c.kind === 'error-added').map((c) => c.rule);
    expect(added.sort()).toEqual(['(error) EntityNotExist.Role', '(error) ImageName.UsedByReplicationJob', '(error) InvalidOsMigrationType.NotMatched', '(error) RealNameAuthenticationError']);
    for (const change of changes.filter((c) => c.kind === 'error-added')) expect(change.impact.client).toBe('breaking');
  });

  it('every quote of every change is verbatim in its seed', () => {
    expect(changes.length).toBeGreaterThan(20);
    for (const change of changes) quotedVerbatim(change);
  });
});

describe('diff of an edition with itself', () => {
  it.each([older, current, 'huawei-dcs/CreateMigrationTask'])('%s: no changes, exit 0 even with --fail-on any', async (id) => {
    expect((await jsonDiff(id, id)).changes).toEqual([]);
    const text = await cli(['diff', id, id, '--fail-on', 'any']);
    expect(text).toMatchObject({ code: 0, out: `${id} → ${id}: no changes\n` });
  });
});

describe('text and markdown', () => {
  it('text: one line per change under its kind', async () => {
    const result = await cli(['diff', older, current]);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${older} → ${current}: \\d+ changes, \\d+ breaking for clients, \\d+ for implementations$`));
    const range = lines.indexOf('range-changed (1)');
    expect(range).toBeGreaterThan(0);
    expect(lines[range + 1]).toMatch(/^ {2}SystemDiskSize\.maximum +500 → 2048 +\[client compatible, implementation breaking\]$/);
    expect(lines).toContain('  (stateful) job-quota  100 → 1000  [client compatible, implementation breaking]');
  });

  it('markdown: a table of rule | change | from | to | client | implementation, one row a change', async () => {
    const [markdown, json] = await Promise.all([cli(['diff', older, current, '--format', 'markdown']), jsonDiff(older, current)]);
    expect(markdown.code).toBe(0);
    const lines = markdown.out.trimEnd().split('\n');
    const header = lines.indexOf('| rule | change | from | to | client | implementation |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('|---|---|---|---|---|---|');
    const rows = lines.slice(header + 2);
    expect(rows).toHaveLength(json.changes.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).slice(1, -1), row).toHaveLength(6);
    expect(rows).toContain('| `SystemDiskSize.maximum` | range-changed | `500` | `2048` | compatible | **breaking** |');
    expect(rows).toContain('| `TargetType.enum` | enum-value-recased | `image` | `Image` | **breaking** | **breaking** |');
  });
});

describe('usage', () => {
  it('two different operations: a usage error, exit 2', async () => {
    for (const [from, to] of [
      [older, 'huawei-dcs/CreateMigrationTask'],
      ['huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask'],
    ] as const) {
      const result = await cli(['diff', from, to, '--json']);
      expect(result.code, `${from} ${to}`).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain('not editions of one operation');
    }
  });

  it('an unknown id, one id, an unknown format or threshold: usage errors, exit 2', async () => {
    for (const argv of [['diff', older, 'nope/Op@x'], ['diff', older], ['diff', older, current, '--format', 'html'], ['diff', older, current, '--fail-on', 'some'], ['diff', older, current, '--json', '--format', 'markdown']]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(/^migration-conformance: diff: /);
    }
  });

  it('--fail-on breaking exits 1 when a change breaks either side, --fail-on any when there is any change', async () => {
    expect((await cli(['diff', older, current, '--fail-on', 'breaking'])).code).toBe(1);
    expect((await cli(['diff', current, older, '--fail-on', 'breaking', '--json'])).code).toBe(1);
    expect((await cli(['diff', older, current, '--fail-on', 'any', '--format', 'markdown'])).code).toBe(1);
    expect((await cli(['diff', older, current])).code).toBe(0);
  });
});

describe('--fail-on with editions of our own (MIGRATION_CONFORMANCE_SCHEMAS)', () => {
  let schemas = '';

  /** Runs the CLI in a child process on the copied contracts folder. */
  const spawned = (args: readonly string[]) => cliProcess(args, { MIGRATION_CONFORMANCE_SCHEMAS: schemas });

  /** A copy of the current edition as `@<edition>`, changed by `edit`. */
  async function edition(name: string, edit: (contract: Record<string, unknown>, request: Record<string, unknown>) => void): Promise<string> {
    const id = `${current.split('@')[0]}@${name}`;
    const folder = path.join(schemas, id);
    await cp(path.join(schemas, current), `${folder}.tmp`, { recursive: true });
    await rename(`${folder}.tmp`, folder);
    const [contractFile, requestFile] = [path.join(folder, 'contract.json'), path.join(folder, 'request.schema.json')];
    const contract = JSON.parse(await readFile(contractFile, 'utf8')) as Record<string, unknown>;
    const request = JSON.parse(await readFile(requestFile, 'utf8')) as Record<string, unknown>;
    contract['id'] = id;
    edit(contract, request);
    await writeFile(contractFile, JSON.stringify(contract, null, 2));
    await writeFile(requestFile, JSON.stringify(request, null, 2));
    return id;
  }

  let reworded = '';
  let wider = '';
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-diff-'));
    schemas = path.join(dir, 'schemas');
    await cp(path.join(root, 'schemas'), schemas, { recursive: true });
    // Only an error message reworded: a change that breaks nobody.
    reworded = await edition('reworded', (contract) => {
      const errors = contract['errors'] as { message: string }[];
      (errors[0] as { message: string }).message = 'Reworded.';
    });
    // Only SystemDiskSize's maximum raised: breaking for implementations alone.
    wider = await edition('wider', (_contract, request) => {
      const properties = request['properties'] as Record<string, Record<string, unknown>>;
      (properties['SystemDiskSize'] as Record<string, unknown>)['maximum'] = 4096;
    });
  }, 60_000);

  it('a change that breaks no side: --fail-on breaking exits 0, --fail-on any exits 1', async () => {
    const json = await spawned(['diff', current, reworded, '--json']);
    expect(json.code, json.err).toBe(0);
    const changes = (JSON.parse(json.out) as { changes: JsonChange[] }).changes;
    expect(changes.map((c) => [c.kind, c.impact.client, c.impact.implementation])).toEqual([['error-message-changed', 'none', 'none']]);
    expect((await spawned(['diff', current, reworded, '--fail-on', 'breaking'])).code).toBe(0);
    expect((await spawned(['diff', current, reworded, '--fail-on', 'any'])).code).toBe(1);
  }, 30_000);

  it('a change that breaks implementations only, or clients only: --fail-on breaking exits 1 either way', async () => {
    const text = await spawned(['diff', current, wider, '--fail-on', 'breaking']);
    expect(text.code, text.err).toBe(1);
    expect(text.out).toContain('SystemDiskSize.maximum  2048 → 4096  [client compatible, implementation breaking]');
    expect(text.out.split('\n')[0]).toMatch(/: 1 change, 0 breaking for clients, 1 for implementations$/);
    const back = await spawned(['diff', wider, current, '--fail-on', 'breaking']);
    expect(back.code, back.err).toBe(1);
    expect(back.out).toContain('SystemDiskSize.maximum  4096 → 2048  [client breaking, implementation compatible]');
  }, 30_000);
});
