import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiIds } from '../../src/contract/apis.ts';
import { loadContract } from '../../src/contract/load.ts';
import type { OpenApiDocument } from '../../src/openapi/index.ts';
import type { ParameterObject } from '../../src/openapi/openapi-types.ts';
import type { JsonSchema } from '../../src/openapi/schema.ts';
import { compileStandard } from '../../src/openapi/testing/standard-ajv.ts';
import { flattenRpcParams } from '../../src/protocols/index.ts';
import { cli } from '../helpers/cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const smc = 'alibaba-smc/CreateReplicationJob@current';
const dcsTask = 'huawei-dcs/CreateMigrationTask';
const dcsOnline = 'huawei-dcs/CreateOnlineMigrationTask';

/** Warnings the documents keep on purpose: the contracts name no licence for the vendors' APIs. */
const acceptedWarnings = ['info-license'];

interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location: readonly { readonly pointer: string }[];
}

/** `redocly lint` of the local install on one file, with the project's offline configuration (redocly.yaml). */
function lint(file: string): Promise<{ code: number | null; problems: LintProblem[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/redocly'), 'lint', '--config', path.join(root, 'redocly.yaml'), '--format', 'json', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, problems: (JSON.parse(stdout) as { problems: LintProblem[] }).problems, stderr });
      } catch (error) {
        reject(new Error(`redocly lint printed no JSON (exit ${code}): ${stderr}${stdout}`, { cause: error }));
      }
    });
  });
}

async function exported(argv: readonly string[]): Promise<OpenApiDocument> {
  const result = await cli(['export', 'openapi', ...argv]);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as OpenApiDocument;
}

const requestBodySchema = (document: OpenApiDocument): JsonSchema => {
  const operation = Object.values(Object.values(document.paths)[0] ?? {})[0];
  const ref = String(operation?.requestBody?.content['application/json']?.schema['$ref']);
  return document.components.schemas[ref.replace('#/components/schemas/', '')] as JsonSchema;
};

/** A wire string read as its schema's type, as OpenAPI tools deserialize query and form values. */
function deserialize(value: string, schema: JsonSchema | undefined): unknown {
  const type = schema?.['type'];
  if (type === 'integer' || type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** The schema of the wire name `name` in an object keyed by wire names (a list parameter, the form body): a fixed name, or a numbered one. */
function memberSchema(object: JsonSchema, name: string): JsonSchema | undefined {
  const fixed = (object['properties'] as Record<string, JsonSchema> | undefined)?.[name];
  const numbered = Object.entries((object['patternProperties'] as Record<string, JsonSchema> | undefined) ?? {}).find(([pattern]) => new RegExp(pattern, 'u').test(name))?.[1];
  return fixed ?? numbered;
}

const validators = new WeakMap<ParameterObject, ReturnType<typeof compileStandard>>();
function validatorOf(parameter: ParameterObject): ReturnType<typeof compileStandard> {
  const validate = validators.get(parameter) ?? compileStandard(parameter.schema);
  validators.set(parameter, validate);
  return validate;
}

/**
 * Validates RPC wire pairs against a GET operation's query parameters the way an OpenAPI validator
 * would: a pair of a parameter's own name is that parameter, any other belongs to the exploded object
 * parameter of its first segment; every required parameter must be there. Returns the broken ones.
 */
function queryProblems(parameters: readonly ParameterObject[], pairs: readonly (readonly [string, string])[]): string[] {
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  for (const [name, value] of pairs) {
    const own = parameters.find((p) => p.name === name);
    const group = parameters.find((p) => p.name === name.split('.')[0] && p.style === 'form' && p.explode === true);
    if (own && own.style === undefined) values.set(name, deserialize(value, own.schema));
    else if (group) values.set(group.name, { ...(values.get(group.name) as object | undefined), [name]: deserialize(value, memberSchema(group.schema, name)) });
    else problems.push(`${name}: no such parameter`);
  }
  for (const parameter of parameters) {
    if (!values.has(parameter.name)) {
      if (parameter.required) problems.push(`${parameter.name}: required`);
      continue;
    }
    const validate = validatorOf(parameter);
    if (!validate(values.get(parameter.name))) problems.push(`${parameter.name}: ${JSON.stringify(validate.errors?.map((e) => `${e.instancePath} ${e.message ?? ''}`))}`);
  }
  return problems;
}

describe('export openapi --all', () => {
  let dir = '';
  let written: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mc-openapi-'));
    const result = await cli(['export', 'openapi', '--all', '--out-dir', dir]);
    expect(result.code, result.err).toBe(0);
    written = result.out.trim().split('\n');
  });

  it('writes one document per operation and edition, in a folder per product', async () => {
    expect(written).toEqual(apiIds.map((id) => path.join(dir, `${id}.openapi.json`)));
    const products = await readdir(dir);
    expect(products.sort()).toEqual([...new Set(apiIds.map((id) => id.split('/')[0]))].sort());
    for (const [index, file] of written.entries()) expect((JSON.parse(await readFile(file, 'utf8')) as OpenApiDocument)['x-api-id']).toBe(apiIds[index]);
  });

  it.each(apiIds.map((id) => [id]))('%s lints clean with redocly (offline configuration), warnings only of the accepted kinds', async (id) => {
    const { code, problems } = await lint(path.join(dir, `${id}.openapi.json`));
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
    expect(code).toBe(0);
    expect([...new Set(problems.map((p) => p.ruleId))].filter((rule) => !acceptedWarnings.includes(rule))).toEqual([]);
  }, 60_000);
});

describe('the exported DCS request bodies, in a standard JSON Schema validator', () => {
  it("accept seed 003's example request, and refuse it without a required field", async () => {
    const validate = compileStandard(requestBodySchema(await exported(['--api', dcsOnline])));
    const example = loadContract(dcsOnline).examples.request;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const { name: _dropped, ...withoutName } = example;
    expect(validate(withoutName)).toBe(false);
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ missingProperty: 'name' });
  });

  it("accept seed 004's example (online_migration) under the seed's reading, which the strictest reading refuses; refuse it without task_name", async () => {
    const example = loadContract(dcsTask).examples.request;
    const strictest = compileStandard(requestBodySchema(await exported(['--api', dcsTask])));
    expect(strictest(example)).toBe(false);
    expect(strictest.errors?.map((e) => e.instancePath)).toEqual(['/migration_type']);
    const seedReading = compileStandard(requestBodySchema(await exported(['--api', dcsTask, '--reading', 'online-migration-via-create-migration-task=offered'])));
    expect(seedReading(example), JSON.stringify(seedReading.errors)).toBe(true);
    const { task_name: _dropped, ...withoutTaskName } = example;
    expect(seedReading(withoutTaskName)).toBe(false);
    expect(seedReading.errors?.map((e) => e.params)).toContainEqual({ missingProperty: 'task_name' });
  });
});

describe('the exported SMC query parameters, in a standard JSON Schema validator', () => {
  let document: OpenApiDocument;
  let get: readonly ParameterObject[] = [];
  const contract = loadContract(smc);
  const binding = contract.document.binding;
  const protocol: [string, string][] = binding.style === 'rpc' ? [['Action', binding.action], ['Version', binding.version]] : [];
  const wire = (request: Readonly<Record<string, unknown>>) => [...protocol, ...flattenRpcParams(request)];
  beforeAll(async () => {
    document = await exported(['--api', smc]);
    get = document.paths['/']?.['get']?.parameters ?? [];
  });

  it("accept the seed's example request, flattened as the SDKs send it (DataDisk.1.Size, Disks.System.Part.1.Path)", () => {
    const pairs = wire(contract.examples.request);
    expect(pairs.map(([name]) => name)).toEqual(expect.arrayContaining(['DataDisk.1.Part.1.SizeBytes', 'Tag.1.Key', 'Disks.System.Size', 'Disks.Data.1.Part.1.Path']));
    expect(queryProblems(get, pairs)).toEqual([]);
  });

  it('refuse a value past a range, a list position past maxItems, a forbidden prefix, a first character, a missing required parameter', () => {
    const example = contract.examples.request;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...example, SystemDiskSize: 2049 }, 'SystemDiskSize'],
      [{ ...example, DataDisk: Array.from({ length: 17 }, (_, i) => ({ Index: 1, Size: 20 + i })) }, 'DataDisk'],
      [{ ...example, Tag: [{ Key: 'aliyunKey', Value: 'v' }] }, 'Tag'],
      [{ ...example, Name: '1abc' }, 'Name'],
      [Object.fromEntries(Object.entries(example).filter(([name]) => name !== 'SourceId')), 'SourceId'],
    ];
    for (const [request, parameter] of cases) expect(queryProblems(get, wire(request)).map((p) => p.split(':')[0]), parameter).toEqual([parameter]);
  });

  it('and the POST form body takes the same pairs, with the requirements between parameters', () => {
    const formSchema = document.components.schemas[`${contract.document.operation}Form`] as JsonSchema;
    const form = compileStandard(formSchema);
    const asForm = (request: Readonly<Record<string, unknown>>) => Object.fromEntries(wire(request).map(([name, value]) => [name, deserialize(value, memberSchema(formSchema, name))]));
    expect(form(asForm(contract.examples.request)), JSON.stringify(form.errors)).toBe(true);
    expect(form(asForm({ RegionId: 'cn-hangzhou', SourceId: 's-1', NetMode: 2 }))).toBe(false);
    expect(form(asForm({ RegionId: 'cn-hangzhou', SourceId: 's-1', NetMode: 2, VSwitchId: 'vsw-1' }))).toBe(true);
  });
});

describe('export usage', () => {
  it('prints one operation as JSON, or writes it with --out', async () => {
    const document = await exported(['--api', smc]);
    expect(document.openapi).toBe('3.1.0');
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-openapi-'));
    const file = path.join(dir, 'nested', 'smc.json');
    const result = await cli(['export', 'openapi', '--api', smc, '--out', file]);
    expect(result).toMatchObject({ code: 0, out: '' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(document);
  });

  it('refuses a missing or unknown format, conflicting or missing flags, YAML, and an unknown reading, with exit 2', async () => {
    for (const argv of [
      ['export'],
      ['export', 'yaml', '--api', smc],
      ['export', 'openapi', 'openapi', '--api', smc],
      ['export', 'openapi'],
      ['export', 'openapi', '--all'],
      ['export', 'openapi', '--all', '--api', smc, '--out-dir', 'x'],
      ['export', 'openapi', '--all', '--out', 'x.json', '--out-dir', 'x'],
      ['export', 'openapi', '--api', smc, '--out-dir', 'x'],
      ['export', 'openapi', '--api', smc, '--out', 'x.yaml'],
      ['export', 'openapi', '--api', smc, '--reading', 'target-type-case=nope'],
      ['export', 'openapi', '--all', '--out-dir', 'x', '--reading', 'target-type-case=ignore-case'],
    ]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(/^migration-conformance: /);
    }
  });
});
