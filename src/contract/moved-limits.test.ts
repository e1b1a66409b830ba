import { valueAtPointer } from '../json/pointer.ts';
import { describe, expect, it } from 'vitest';
import { createReadingValidator, createRequestJudge } from './judge.ts';
import { loadContract } from './load.ts';
import { limitRulesOf, moveLimits } from './moved-limits.ts';
import { createRequestValidator } from './validator.ts';

const current = loadContract('alibaba-smc/CreateReplicationJob@current');
const base = { RegionId: 'cn-hangzhou', SourceId: 's-1' };
const ruleOf = (contract: typeof current, id: string) => contract.rules.find((r) => r.id === id);
const broken = (validate: (request: unknown) => { violations: readonly { rule: string }[] }, request: Record<string, unknown>) => validate({ ...base, ...request }).violations.map((v) => v.rule);
const snapshot = (contract: typeof current) => JSON.stringify({ schema: contract.requestSchema, rules: contract.rules, readings: contract.readings.map((c) => [c.id, [...c.touchedRules]]) });

describe('moveLimits', () => {
  it('moves a bound up: the rule states the new limit, the validator accepts it and refuses one past it', () => {
    const moved = moveLimits(current, new Map([['SystemDiskSize.maximum', 4096]]));
    expect(ruleOf(moved, 'SystemDiskSize.maximum')).toMatchObject({ params: { limit: 4096 }, description: expect.stringContaining('4096') });
    expect(moved.requestSchema).not.toBe(current.requestSchema);
    const validate = createRequestValidator(moved);
    expect(broken(validate, { SystemDiskSize: 4096 })).toEqual([]);
    expect(broken(validate, { SystemDiskSize: 4097 })).toEqual(['SystemDiskSize.maximum']);
    expect(createRequestJudge(moved)({ ...base, SystemDiskSize: 4097 }).verdict).toBe('invalid');
  });

  it('moves lengths, counts and lower bounds, several at once, under any reading', () => {
    const moved = moveLimits(
      current,
      new Map([
        ['Name.maxLength', 200],
        ['Tag.maxItems', 25],
        ['SystemDiskSize.minimum', 19],
      ]),
    );
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    // Name is ambiguous (its readings differ on characters): the moved bound holds in the reading the emulator follows too.
    for (const validate of [createRequestValidator(moved), createReadingValidator(moved, new Map([['name-allowed-characters', 'open']]))]) {
      expect(broken(validate, { Name: `a${'b'.repeat(199)}`, Tag: tags(25), SystemDiskSize: 19 })).toEqual([]);
      expect(broken(validate, { Name: `a${'b'.repeat(200)}`, Tag: tags(26), SystemDiskSize: 18 })).toEqual(['Name.maxLength', 'SystemDiskSize.minimum', 'Tag.maxItems']);
    }
  });

  it('keeps every rule id, every other rule and the readings; the loaded contract is unchanged', () => {
    const before = snapshot(current);
    const moved = moveLimits(current, new Map([['DataDisk.Size.maximum', 65536]]));
    expect(moved.rules.map((r) => r.id)).toEqual(current.rules.map((r) => r.id));
    expect(moved.rules.filter((r) => r.id !== 'DataDisk.Size.maximum')).toEqual(current.rules.filter((r) => r.id !== 'DataDisk.Size.maximum'));
    expect(moved.readings.map((c) => c.id)).toEqual(current.readings.map((c) => c.id));
    expect(snapshot(current)).toBe(before);
    expect(loadContract('alibaba-smc/CreateReplicationJob@current')).toBe(current);
    expect(broken(createRequestValidator(current), { SystemDiskSize: 2049 })).toEqual(['SystemDiskSize.maximum']);
    // The same moves give the same contract (validators cached by contract are compiled once); none give the contract itself.
    expect(moveLimits(current, new Map([['DataDisk.Size.maximum', 65536]]))).toBe(moved);
    expect(moveLimits(current, new Map())).toBe(current);
  });

  it('throws for a rule that is not a limit rule of the contract, naming it and the limit rules', () => {
    expect(() => moveLimits(current, new Map([['Nope.maximum', 3]]))).toThrow(/has no range, length, count or time-window rule "Nope.maximum"; these can move: .*SystemDiskSize\.maximum/);
    expect(() => moveLimits(current, new Map([['SourceId.required', 3]]))).toThrow(/"SourceId.required"/);
    // The 2019 edition has no Tag.
    expect(() => moveLimits(loadContract('alibaba-smc/CreateReplicationJob@2019'), new Map([['Tag.maxItems', 25]]))).toThrow(/"Tag.maxItems"/);
    expect(limitRulesOf(current).map((r) => r.kind).every((k) => ['range', 'length', 'count'].includes(k))).toBe(true);
  });

  it('moves a time window\'s edge to a duration in seconds, and refuses an edge past the other one', () => {
    const moved = moveLimits(current, new Map([['ValidTime.timeWindow.notAfter', 100 * 86_400]]));
    expect(valueAtPointer(moved.requestSchema, '/properties/ValidTime/timeWindow')).toMatchObject({ after: 'P7D', notAfter: 'PT8640000S' });
    expect(moved.rules.find((r) => r.id === 'ValidTime.timeWindow.notAfter')?.params).toMatchObject({ notAfter: 'PT8640000S' });
    expect(() => moveLimits(current, new Map([['ValidTime.timeWindow.after', 100 * 86_400]]))).toThrow(/after \(PT8640000S\) must be shorter than notAfter \(P90D\)/);
    expect(() => moveLimits(current, new Map([['ValidTime.timeWindow.after', -1]]))).toThrow(/whole number of seconds/);
  });

  it('throws for a bound the keyword cannot take, past the other bound, or that constrains nothing', () => {
    expect(() => moveLimits(current, new Map([['Name.maxLength', -1]]))).toThrow(/Name.maxLength needs a non-negative integer, not -1/);
    expect(() => moveLimits(current, new Map([['Tag.maxItems', 2.5]]))).toThrow(/non-negative integer/);
    expect(() => moveLimits(current, new Map([['SystemDiskSize.maximum', Number.NaN]]))).toThrow(/finite number/);
    expect(() => moveLimits(current, new Map([['SystemDiskSize.minimum', 3000]]))).toThrow(/SystemDiskSize between 3000 and 2048: no value fits/);
    expect(() => moveLimits(current, new Map([['Name.minLength', 0]]))).toThrow(/Name.minLength=0 would constrain nothing/);
  });
});
