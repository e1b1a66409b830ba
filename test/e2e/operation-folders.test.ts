import { cp, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli.ts';

// An operation is a folder: two new operations, each only a copied folder with another name, route or
// Action (and no stateful rules), are listed, validated, generated and run against the embedded emulator.
const root = fileURLToPath(new URL('../../', import.meta.url));
let schemas = '';

const copies = [
  { api: 'huawei-dcs/CreateOnlineMigrationTaskCopy', from: 'huawei-dcs/CreateOnlineMigrationTask', binding: { path: '/v2/{project_id}/migration/instance-copy' } },
  { api: 'alibaba-smc/CopyReplicationJob@current', from: 'alibaba-smc/CreateReplicationJob@current', binding: { action: 'CopyReplicationJob' } },
] as const;

/** Runs the CLI in a child process on the copied contracts folder. */
const cli = (args: readonly string[]) => cliProcess(args, { MIGRATION_CONFORMANCE_SCHEMAS: schemas });

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-folders-'));
  schemas = path.join(dir, 'schemas');
  await cp(path.join(root, 'schemas'), schemas, { recursive: true });
  for (const copy of copies) {
    const folder = path.join(schemas, copy.api);
    await cp(path.join(schemas, copy.from), `${folder}.tmp`, { recursive: true });
    await rename(`${folder}.tmp`, folder);
    const file = path.join(folder, 'contract.json');
    const contract = JSON.parse(await readFile(file, 'utf8')) as { id: string; operation: string; binding: Record<string, unknown>; stateful: unknown[] };
    contract.id = copy.api;
    contract.operation = copy.api.split('/')[1]!.split('@')[0]!;
    contract.binding = { ...contract.binding, ...copy.binding };
    contract.stateful = [];
    await writeFile(file, JSON.stringify(contract, null, 2));
  }
}, 60_000);

describe('an operation is a folder', () => {
  it('list shows the copies', async () => {
    const result = await cli(['list', '--json']);
    expect(result.code, result.err).toBe(0);
    const ids = (JSON.parse(result.out) as { id: string }[]).map((a) => a.id);
    for (const copy of copies) expect(ids).toContain(copy.api);
  });

  it.each(copies)('$api: validate and generate work', async ({ api }) => {
    const example = JSON.parse(await readFile(path.join(schemas, api, 'examples', 'request.json'), 'utf8')) as { request: unknown };
    const file = path.join(schemas, '..', `${api.replace(/[/@]/g, '_')}.json`);
    await writeFile(file, JSON.stringify(example.request));
    const valid = await cli(['validate', '--api', api, file]);
    expect(valid.code, valid.out + valid.err).toBe(0);
    const generated = await cli(['generate', '--api', api, '--valid', '2', '--violations', '--per-rule', '1', '--seed', '3']);
    expect(generated.code, generated.err).toBe(0);
    expect(generated.out.trim().split('\n').length).toBeGreaterThan(10);
  });

  it.each(copies)('$api: run against the embedded emulator passes with every rule covered', async ({ api }) => {
    const result = await cli(['run', '--api', api, '--seed', '7', '--valid', '5', '--per-rule', '2', '--report-dir', path.join(schemas, '..', 'reports', api.replace(/[/@]/g, '_'))]);
    expect(result.code, `${result.out}\n${result.err}`).toBe(0);
    expect(result.out).toMatch(/^PASSED: .*\(100%\)/);
    const report = JSON.parse(await readFile(path.join(schemas, '..', 'reports', api.replace(/[/@]/g, '_'), 'report.json'), 'utf8')) as { targets: { api: string }[]; coverage: { testable: number; covered: number } };
    expect(report.targets.map((t) => t.api)).toEqual([api]);
    expect(report.coverage.covered).toBe(report.coverage.testable);
    expect(report.coverage.testable).toBeGreaterThan(10);
  }, 120_000);
});
