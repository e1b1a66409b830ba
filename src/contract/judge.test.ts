import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concrete, valueAt, withValueAt } from '../../generators/pointer.ts';
import { createCaseGenerators } from '../../generators/request-case.ts';
import { docText, foldSpace } from '../../test/helpers/shared-docs.ts';
import { fixedClock } from '../keywords/clock.ts';
import { createReadingValidator, createRequestJudge, createWorldValidators, type Judgement } from './judge.ts';
import { loadAllContracts, loadContract } from './load.ts';
import { changesRules, readingWorld } from './readings.ts';
import type { ValidationResult } from './validator.ts';

const clock = fixedClock('2026-11-22T12:00:00Z');
const smc = loadContract('alibaba-smc/CreateReplicationJob@current');
const smc2019 = loadContract('alibaba-smc/CreateReplicationJob@2019');
const dcs = loadContract('huawei-dcs/CreateMigrationTask');
const online = loadContract('huawei-dcs/CreateOnlineMigrationTask');
const judgeSmc = createRequestJudge(smc, { clock });
const judgeDcs = createRequestJudge(dcs, { clock });
const base = { RegionId: 'cn-hangzhou', SourceId: 's-1' };
const dcsBase = { task_name: 'm1', migration_type: 'backupfile_import', migration_method: 'full_amount_migration', backup_files: { file_source: 'backup_record', backup_id: 'b-1', bucket_name: 'bucket', files: [{ file_name: 'a.rdb' }] }, target_instance: { id: 'i-1' } };

/** The seed says it, in these words (white space folded). */
function quoted(seed: string, words: string): void {
  expect(docText(seed), words).toContain(foldSpace(words));
}

function readingsOf(judgement: Judgement): Record<string, { accepting: readonly string[]; refusing: readonly string[] }> {
  return Object.fromEntries(judgement.readings.map((r) => [r.contradiction, { accepting: r.accepting, refusing: r.refusing }]));
}

describe('a request invalid under every reading is invalid', () => {
  it('TargetType=Snapshot: neither an exact nor a case-blind match of Image, ContainerImage, TargetInstance', () => {
    quoted('001', 'The type of the migration target. Valid values:');
    quoted('000', '|TargetType|String|否|image|');
    const judged = judgeSmc({ ...base, TargetType: 'Snapshot' });
    expect(judged.verdict).toBe('invalid');
    expect(judged.violations.map((v) => v.rule)).toEqual(['TargetType.enum']);
  });

  it('Name=1abc and ImageName=1abc: a digit first is neither a letter (SDK) nor a letter or Chinese character (the pages)', () => {
    quoted('001', 'It must start with a letter or a Chinese character.');
    quoted('reference', 'Name/description first character: SDK says letter; docs say letter or Chinese character.');
    for (const name of ['Name', 'ImageName']) {
      const judged = judgeSmc({ ...base, [name]: '1abc' });
      expect(judged.verdict, name).toBe('invalid');
      expect(judged.firm.map((v) => v.rule), name).toEqual([`${name}.firstCharacter`]);
    }
  });

  it('backup_files from an OBS bucket without bucket_name: the table and the text of files both want the bucket', () => {
    quoted('004', '<p>OBS桶名。</p>');
    quoted('004', '<p>导入的备份文件文件列表，数据来源为OBS桶时必须填写。</p>');
    const judged = judgeDcs({ ...dcsBase, backup_files: { file_source: 'self_build_obs', files: [{ file_name: 'a.rdb' }] } });
    expect(judged.verdict).toBe('invalid');
    expect(judged.violations.map((v) => v.rule)).toEqual(['backup_files.bucket_name.required']);
  });

  it('null for a required field: missing under both readings of null', () => {
    expect(judgeDcs({ ...dcsBase, task_name: null }).verdict).toBe('invalid');
  });
});

describe('a request the readings judge differently is ambiguous, with the readings named', () => {
  it('Name="a b": a closed list of allowed characters refuses the space, an open one does not', () => {
    quoted('001', 'It cannot start with');
    const judged = judgeSmc({ ...base, Name: 'a b' });
    expect(judged.verdict).toBe('ambiguous');
    expect(readingsOf(judged)).toEqual({ 'name-allowed-characters': { accepting: ['open'], refusing: ['closed'] } });
  });

  it('TargetType=image: the older page spells it so; the current one writes Image', () => {
    const judged = judgeSmc({ ...base, TargetType: 'image', ImageName: 'img1', SystemDiskSize: 80, DataDisk: [{ Index: 1, Size: 100 }] });
    expect(judged.verdict).toBe('ambiguous');
    expect(readingsOf(judged)).toEqual({ 'target-type-case': { accepting: ['ignore-case'], refusing: ['exact'] } });
  });

  it('Name="中文名": a Chinese first character', () => {
    expect(readingsOf(judgeSmc({ ...base, Name: '中文名' }))).toEqual({ 'name-first-character': { accepting: ['letter-or-chinese'], refusing: ['letter'] } });
  });

  it('a backup record without bucket_name and files', () => {
    quoted('004', '<p>备份记录ID，数据来源为备份记录时必须填写</p>');
    const judged = judgeDcs({ ...dcsBase, backup_files: { file_source: 'backup_record', backup_id: 'b-1' } });
    expect(judged.verdict).toBe('ambiguous');
    expect(readingsOf(judged)).toEqual({ 'backup-files-required': { accepting: ['text'], refusing: ['table'] } });
  });

  it('null for an optional field: a wrong type, or the field left out', () => {
    quoted('004', '扩展错误信息(暂未使用，赋值为null)');
    const judged = judgeDcs({ ...dcsBase, description: null });
    expect(judged.verdict).toBe('ambiguous');
    expect(readingsOf(judged)).toEqual({ 'null-optional-fields': { accepting: ['absent'], refusing: ['wrong-type'] } });
  });

  it('a control character in an ASCII ClientToken; a non-ASCII one is invalid under both', () => {
    quoted('001', 'Generate a string of up to 64 ASCII characters and assign it to this parameter.');
    expect(readingsOf(judgeSmc({ ...base, ClientToken: '#\u0000' }))).toEqual({ 'client-token-ascii': { accepting: ['any-ascii'], refusing: ['printable'] } });
    expect(judgeSmc({ ...base, ClientToken: 'tokené' }).verdict).toBe('invalid');
  });

  it('an image target without ImageName, SystemDiskSize and DataDisk', () => {
    quoted('001', 'If the migration target is an image, the ImageName, SystemDiskSize, and DataDisk parameters are required.');
    expect(readingsOf(judgeSmc({ ...base, TargetType: 'Image' }))).toEqual({ 'image-target-required-params': { accepting: ['optional'], refusing: ['required'] } });
  });

  it('migration_type=online_migration in CreateMigrationTask, as the seed example has it', () => {
    const judged = judgeDcs(dcs.examples.request);
    expect(judged.verdict).toBe('ambiguous');
    expect(readingsOf(judged)['online-migration-via-create-migration-task']).toEqual({ accepting: ['offered'], refusing: ['withdrawn'] });
  });
});

describe('the schema as written is the strictest reading', () => {
  it.each(loadAllContracts().map((c) => [c.id, c] as const))('%s: generated valid requests are valid under every reading, each reading alone included', (_id, contract) => {
    const generators = createCaseGenerators(contract, { clock });
    const judge = createRequestJudge(contract, { clock });
    const readers = contract.readings.flatMap((c) => c.readings.map((r) => [`${c.id}=${r.id}`, createReadingValidator(contract, new Map([[c.id, r.id]]), { clock })] as const));
    // Fixed seed for CI; fast-check prints it with any counterexample.
    fc.assert(
      fc.property(generators.valid(), (c) => {
        expect(judge(c.request).verdict).toBe('valid');
        for (const [name, validate] of readers) expect(validate(c.request).violations, name).toEqual([]);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});

describe('createReadingValidator', () => {
  it('follows the first reading of each contradiction unless told otherwise', () => {
    const lenient = createReadingValidator(smc, new Map([['name-allowed-characters', 'open']]), { clock });
    const strict = createReadingValidator(smc, new Map([['name-allowed-characters', 'closed']]), { clock });
    expect(lenient({ ...base, Name: 'a b' }).valid).toBe(true);
    expect(strict({ ...base, Name: 'a b' }).valid).toBe(false);
    expect(createReadingValidator(smc2019, new Map(), { clock })({ ...base, SystemDiskSize: 80, Name: '中文名' }).valid).toBe(true);
  });

  it('reads a condition on a case-blind value case-blind: IMAGE is Image to the conditions too, node by node as compiled whole', () => {
    const request = { ...base, TargetType: 'IMAGE' };
    const choices = new Map([['target-type-case', 'ignore-case']]);
    const whole = createReadingValidator(smc, choices, { clock })(request);
    expect(whole.violations.map((v) => v.pointer)).toEqual(expect.arrayContaining(['/ImageName', '/SystemDiskSize', '/DataDisk']));
    const world = readingWorld({ schema: smc.requestSchema, rules: smc.rules }, smc.document.binding.style, smc.readings, choices);
    const validators = createWorldValidators(smc, { clock });
    expect(validators.of(world)(request, validators.written(request)).violations).toEqual(whole.violations);
    // Every reading refuses it, and a refusal naming ImageName is about it.
    const judged = judgeSmc(request);
    expect(judged.verdict).toBe('invalid');
    expect(judged.brokenSomewhere).toEqual(expect.arrayContaining(['/TargetType', '/ImageName']));
  });

  it('applies transforms: null as absent', () => {
    const absent = createReadingValidator(online, new Map([['null-optional-fields', 'absent']]), { clock });
    const request = { name: 'n', vpc_id: 'v', subnet_id: 's', security_group_id: 'g', description: null };
    expect(absent(request).valid).toBe(true);
    expect(createReadingValidator(online, new Map(), { clock })(request).valid).toBe(false);
  });

  it('refuses a contradiction or a reading the contract does not have', () => {
    expect(() => createReadingValidator(smc, new Map([['no-such', 'x']]))).toThrow(/no contradiction no-such/);
    expect(() => createReadingValidator(smc, new Map([['name-allowed-characters', 'x']]))).toThrow(/no reading x; known: closed, open/);
  });
});

describe('judging edited valid requests', () => {
  const strange = ['x', '', '中a', 'a b', 'http://x', '1abc', 'image', 0, -1, 2 ** 31, true, null];
  /** A generated valid request with each rule's value removed or set to strange values, with the pointer it changed. */
  const editedRequests = (contract: typeof smc) => {
    const [base, other] = fc.sample(createCaseGenerators(contract, { clock }).valid(), { seed: 7, numRuns: 2 }).map((c) => c.request);
    return contract.rules.flatMap((rule) => {
      const pointer = concrete(rule.pointer);
      const parent = pointer.slice(0, pointer.lastIndexOf('/'));
      if (parent !== '' && typeof valueAt(base, parent) !== 'object') return [];
      const edits = [{ remove: true } as const, ...[...strange, valueAt(other, pointer)].map((set) => ({ set }))];
      return edits.map((edit) => ({ name: `${rule.id} ${JSON.stringify(edit)}`, pointer, request: withValueAt(base, pointer, edit) }));
    });
  };
  const keys = (result: ValidationResult) => result.violations.map((v) => `${v.rule}|${v.pointer}`).sort();

  it.each(loadAllContracts().map((c) => [c.id, c] as const))('%s: told what changed, the judge consults fewer readings and judges alike', (_id, contract) => {
    const judge = createRequestJudge(contract, { clock });
    for (const { name, pointer, request } of editedRequests(contract)) expect(judge(request, [pointer]), name).toEqual(judge(request));
  });

  // Every reading alone and every pair of readings of two contradictions (where one reading changes what another's rules read, as a case-blind enum a condition): all combinations grow past minutes.
  it.each(loadAllContracts().map((c) => [c.id, c] as const))('%s: each reading, and each pair of readings, judges as its schema compiled whole', (_id, contract) => {
    const validators = createWorldValidators(contract, { clock });
    const requests = editedRequests(contract);
    const choices = contract.readings.flatMap((c) => c.readings.map((r) => [c.id, r.id] as const));
    // The others read as written (the reading that changes nothing), named so that both validators read them alike.
    const asWritten = contract.readings.map((c) => [c.id, (c.readings.find((r) => !changesRules(r)) ?? c.readings[0])?.id as string] as const);
    const varied = choices.flatMap((one, index) => [[one], ...choices.slice(index + 1).filter((other) => other[0] !== one[0]).map((other) => [one, other])]);
    const combinations = varied.map((pair) => new Map([...asWritten, ...pair]));
    for (const choices of combinations) {
      const world = readingWorld({ schema: contract.requestSchema, rules: contract.rules }, contract.document.binding.style, contract.readings, choices);
      const whole = createReadingValidator(contract, choices, { clock });
      for (const { name, request } of requests) expect(keys(validators.of(world)(request, validators.written(request))), `${world.key}: ${name}`).toEqual(keys(whole(request)));
    }
  }, 120_000);
});
