import { describe, expect, it } from 'vitest';
import { createAjv } from '../contract/validator.ts';
import { charSetOfPattern, hasChar, subtract } from './char-set.ts';
import { fixedClock } from './clock.ts';
import fc from 'fast-check';
import { createGenerationContext } from '../../generators/context.ts';
import { validValue } from '../../generators/valid/index.ts';
import { dateTimeSpaceSeconds } from './formats/date-time-space-seconds.ts';
import { utcDateTime } from './formats/utc-date-time.ts';
import { utcDateTimeSeconds } from './formats/utc-date-time-seconds.ts';
import { durationMs } from './timeWindow.ts';

const ajv = createAjv({ clock: fixedClock('2026-01-31T00:00:00Z') });
const check = (schema: object, value: unknown) => {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => e.keyword);
};

describe('firstCharacter', () => {
  const schema = { type: 'string', firstCharacter: 'letterOrChinese' };
  it('accepts a letter or a Chinese character first, and leaves empty strings to minLength', () => {
    for (const ok of ['a', 'Z9', '中文', '']) expect(check(schema, ok), ok).toEqual([]);
    for (const bad of ['1a', '_a', ':x', ' a', 'éa']) expect(check(schema, bad), bad).toEqual(['firstCharacter']);
  });
  it('refuses an unknown class when compiling', () => {
    expect(() => check({ type: 'string', firstCharacter: 'digit' }, 'a')).toThrow(/unknown class/);
  });
});

describe('forbiddenPrefixes', () => {
  const schema = { type: 'string', forbiddenPrefixes: ['http://', 'aliyun'] };
  it('refuses the listed prefixes, case-sensitively, and nothing else', () => {
    expect(check(schema, 'http://x')).toEqual(['forbiddenPrefixes']);
    expect(check(schema, 'aliyunKey')).toEqual(['forbiddenPrefixes']);
    for (const ok of ['http:x', 'HTTP://x', 'Aliyun', 'xaliyun', '']) expect(check(schema, ok), ok).toEqual([]);
  });
});

describe('requiredWhen', () => {
  const schema = {
    type: 'object',
    requiredWhen: [
      { property: 'VSwitchId', when: { property: 'NetMode', equals: 2 } },
      { property: 'Device', present: 'SizeBytes' },
    ],
  };
  it('requires the property only when the condition holds', () => {
    expect(check(schema, { NetMode: 0 })).toEqual([]);
    expect(check(schema, { NetMode: 2 })).toEqual(['requiredWhen']);
    expect(check(schema, { NetMode: 2, VSwitchId: 'vsw' })).toEqual([]);
    expect(check(schema, { SizeBytes: 1 })).toEqual(['requiredWhen']);
  });
  it('reads the condition on a value listed without regard to case without regard to case, and on a listed one exactly', () => {
    const requirement = { property: 'ImageName', when: { property: 'TargetType', equals: 'Image' } };
    const caseBlind = { type: 'object', properties: { TargetType: { enumIgnoringCase: ['Image'] } }, requiredWhen: [requirement] };
    expect(check(caseBlind, { TargetType: 'IMAGE' })).toEqual(['requiredWhen']);
    expect(check({ ...caseBlind, properties: { TargetType: { enum: ['Image'] } } }, { TargetType: 'IMAGE' })).toEqual(['enum']);
  });
  it('counts an empty list as absent: it flattens to nothing on the RPC wire', () => {
    expect(check({ type: 'object', requiredWhen: [{ property: 'DataDisk', when: { property: 'T', equals: 'Image' } }] }, { T: 'Image', DataDisk: [] })).toEqual(['requiredWhen']);
  });
});

describe('timeWindow', () => {
  const schema = { type: 'string', format: 'utc-date-time-seconds', timeWindow: { anchor: 'now', after: 'P1D', notAfter: 'P2D' } };
  it('includes both ends unless the lower one is exclusive', () => {
    expect(check(schema, '2026-02-01T00:00:00Z')).toEqual([]);
    expect(check(schema, '2026-02-02T00:00:00Z')).toEqual([]);
    expect(check(schema, '2026-01-31T23:59:59Z')).toEqual(['timeWindow']);
    expect(check(schema, '2026-02-02T00:00:01Z')).toEqual(['timeWindow']);
    expect(check({ ...schema, timeWindow: { ...schema.timeWindow, exclusiveAfter: true } }, '2026-02-01T00:00:00Z')).toEqual(['timeWindow']);
  });
  it('leaves malformed times to the format rule', () => {
    expect(check(schema, '2026-02-01 00:00:00')).toEqual(['format']);
  });
  it('reads day-time durations and refuses others', () => {
    expect(durationMs('P30D')).toBe(30 * 86_400_000);
    expect(durationMs('PT0S')).toBe(0);
    expect(durationMs('P1DT2H3M4S')).toBe(86_400_000 + 7_384_000);
    expect(() => durationMs('P1M')).toThrow(/duration/);
    expect(() => durationMs('P')).toThrow(/duration/);
  });
});

describe('jsonObject', () => {
  const node = { type: 'string', maxLength: 60, jsonObject: { keys: ['bandwidth_limit', 'checksum'], example: { bandwidth_limit: 0, checksum: true } } };
  it('takes the text of a JSON object, any keys, and nothing else', () => {
    for (const ok of ['{}', '{"bandwidth_limit":0}', ' {"other":1} ']) expect(check(node, ok), ok).toEqual([]);
    for (const bad of ['bandwidth_limit:0', '[]', '{', '"{}"', '']) expect(check(node, bad), bad).toEqual(['jsonObject']);
  });
  it('draws valid values of the example\'s entries, as long as the length rules ask', () => {
    const values = fc.sample(validValue(node, '', createGenerationContext('rpc')), { seed: 3, numRuns: 200 }) as string[];
    for (const value of values) {
      expect(check(node, value), value).toEqual([]);
      expect(Object.keys(JSON.parse(value) as object).every((key) => key in node.jsonObject.example), value).toBe(true);
    }
    expect(new Set(values.map((v) => v.length)).size).toBeGreaterThan(10);
    expect(values.some((v) => v.includes('checksum'))).toBe(true);
  });
  it('refuses an example with a key the documents do not list', () => {
    expect(() => ajv.compile({ type: 'string', jsonObject: { keys: ['a'], example: { b: 1 } } })).toThrow(/not among the documented keys/);
  });
});

describe('date-time formats', () => {
  it('want the exact shape and a real calendar date', () => {
    expect(utcDateTimeSeconds.validate('2024-02-29T23:59:59Z')).toBe(true);
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00'])
      expect(utcDateTimeSeconds.validate(bad), bad).toBe(false);
    // UTC ISO 8601 with a fraction of a second (a reading of SMC ValidTime).
    expect(utcDateTime.validate('2024-01-01T00:00:00.000Z')).toBe(true);
    expect(utcDateTime.validate('2024-01-01T00:00:00Z')).toBe(true);
    expect(utcDateTime.validate('2024-01-01T00:00:00.Z')).toBe(false);
    expect(dateTimeSpaceSeconds.validate('2024-01-01 08:00:00')).toBe(true);
    expect(dateTimeSpaceSeconds.validate('2024-01-01T08:00:00')).toBe(false);
  });
  it('render an instant and offer only malformed near misses', () => {
    const date = new Date('2026-03-04T05:06:07.890Z');
    expect(utcDateTimeSeconds.fromDate(date)).toBe('2026-03-04T05:06:07Z');
    expect(dateTimeSpaceSeconds.fromDate(date)).toBe('2026-03-04 05:06:07');
    for (const format of [utcDateTimeSeconds, utcDateTime, dateTimeSpaceSeconds]) for (const bad of format.malformed(date)) expect(format.validate(bad.value), bad.label).toBe(false);
  });
});

describe('character sets', () => {
  it('read the plain character-class patterns the contract uses', () => {
    const name = charSetOfPattern('^[A-Za-z0-9\\u4e00-\\u9fa5:_-]*$');
    expect(name).toBeDefined();
    for (const c of ['a', 'Z', '0', '中', ':', '_', '-']) expect(hasChar(name!, c), c).toBe(true);
    for (const c of [' ', '.', '/', 'é']) expect(hasChar(name!, c), c).toBe(false);
    const ascii = charSetOfPattern('^[\\x00-\\x7F]*$');
    expect(hasChar(ascii!, '~')).toBe(true);
    expect(hasChar(ascii!, 'é')).toBe(false);
    expect(charSetOfPattern('^j-\\S+$')).toBeUndefined();
  });
  it('subtract ranges', () => {
    expect(subtract([[0, 10]], [[3, 4]])).toEqual([
      [0, 2],
      [5, 10],
    ]);
  });
});
