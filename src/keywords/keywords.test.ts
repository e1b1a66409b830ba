import { describe, expect, it } from 'vitest';
import { createAjv } from '../contract/validator.ts';
import { charSetOfPattern, hasChar, subtract } from './char-set.ts';
import { fixedClock } from './clock.ts';
import { dateTimeSpaceSeconds } from './formats/date-time-space-seconds.ts';
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

describe('date-time formats', () => {
  it('want the exact shape and a real calendar date', () => {
    expect(utcDateTimeSeconds.validate('2024-02-29T23:59:59Z')).toBe(true);
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00'])
      expect(utcDateTimeSeconds.validate(bad), bad).toBe(false);
    expect(dateTimeSpaceSeconds.validate('2024-01-01 08:00:00')).toBe(true);
    expect(dateTimeSpaceSeconds.validate('2024-01-01T08:00:00')).toBe(false);
  });
  it('render an instant and offer only malformed near misses', () => {
    const date = new Date('2026-03-04T05:06:07.890Z');
    expect(utcDateTimeSeconds.fromDate(date)).toBe('2026-03-04T05:06:07Z');
    expect(dateTimeSpaceSeconds.fromDate(date)).toBe('2026-03-04 05:06:07');
    for (const format of [utcDateTimeSeconds, dateTimeSpaceSeconds]) for (const bad of format.malformed(date)) expect(format.validate(bad.value), bad.label).toBe(false);
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
