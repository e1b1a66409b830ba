import { describe, expect, it } from 'vitest';
import { formatAlibabaTimestamp, formatSdkDate, parseAlibabaTimestamp, parseSdkDate } from './timestamps.ts';

describe('wire timestamps', () => {
  const date = new Date('2019-11-15T03:36:55.789Z');

  it('formats without milliseconds', () => {
    expect(formatAlibabaTimestamp(date)).toBe('2019-11-15T03:36:55Z');
    expect(formatSdkDate(date)).toBe('20191115T033655Z');
  });

  it('parses strictly', () => {
    expect(parseAlibabaTimestamp('2018-01-01T12:00:00Z')).toEqual(new Date('2018-01-01T12:00:00Z'));
    expect(parseSdkDate('20191115T033655Z')).toEqual(new Date('2019-11-15T03:36:55Z'));
    for (const bad of ['2018-01-01T12:00:00.000Z', '2018-01-01T12:00:00+08:00', '2018-01-01 12:00:00', '2018-02-30T00:00:00Z', '2018-01-01T24:00:00Z', '']) {
      expect(parseAlibabaTimestamp(bad)).toBeUndefined();
    }
    for (const bad of ['2019-11-15T03:36:55Z', '20191115T033655', '20191315T033655Z']) expect(parseSdkDate(bad)).toBeUndefined();
  });
});
