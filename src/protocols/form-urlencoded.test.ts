import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireText } from './testing/arbitraries.ts';
import { decodeFormComponent, parseFormUrlEncoded, serializeFormUrlEncoded } from './form-urlencoded.ts';

describe('decodeFormComponent', () => {
  it('decodes escapes and + as space', () => {
    expect(decodeFormComponent('a%20b+c%2B')).toEqual({ value: 'a b c+', malformedPercent: false, invalidUtf8: false });
    expect(decodeFormComponent('a+b', false).value).toBe('a+b');
    expect(decodeFormComponent('%E4%B8%AD%e4%b8%ad').value).toBe('中中');
  });

  it('keeps broken escapes literally and flags them', () => {
    expect(decodeFormComponent('100%')).toEqual({ value: '100%', malformedPercent: true, invalidUtf8: false });
    expect(decodeFormComponent('%zz%4')).toEqual({ value: '%zz%4', malformedPercent: true, invalidUtf8: false });
  });

  it('replaces invalid UTF-8 and flags it', () => {
    expect(decodeFormComponent('a%FFb')).toEqual({ value: 'a\uFFFDb', malformedPercent: false, invalidUtf8: true });
    expect(decodeFormComponent('%C3').invalidUtf8).toBe(true);
  });

  it('passes literal non-ASCII text through', () => {
    expect(decodeFormComponent('中%20文').value).toBe('中 文');
  });
});

describe('parseFormUrlEncoded', () => {
  it('splits pairs in order, keeping duplicates and skipping empty segments', () => {
    expect(parseFormUrlEncoded('a=1&&b=&c&a=2&').pairs).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', ''],
      ['a', '2'],
    ]);
    expect(parseFormUrlEncoded('x=a=b').pairs).toEqual([['x', 'a=b']]);
  });

  it('reports broken encoding per parameter without throwing', () => {
    const { pairs, problems } = parseFormUrlEncoded('Name=%zz&Ok=1&Bad=%FF');
    expect(pairs).toEqual([
      ['Name', '%zz'],
      ['Ok', '1'],
      ['Bad', '\uFFFD'],
    ]);
    expect(problems.map((p) => [p.code, p.key])).toEqual([
      ['malformed-percent-encoding', 'Name'],
      ['invalid-utf8', 'Bad'],
    ]);
  });

  it('caps the number of pairs', () => {
    const { pairs, problems } = parseFormUrlEncoded('a=1&'.repeat(50), { maxPairs: 10 });
    expect(pairs).toHaveLength(10);
    expect(problems).toEqual([expect.objectContaining({ code: 'too-many-parameters' })]);
  });

  it('round-trips serialize → parse and never throws on any text', () => {
    const pair = fc.tuple(wireText(), wireText());
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => {
        const kept = pairs.filter(([name, value]) => name !== '' || value !== '');
        const parsed = parseFormUrlEncoded(serializeFormUrlEncoded(kept));
        expect(parsed.problems).toEqual([]);
        expect(parsed.pairs).toEqual(kept);
      }),
      { seed: 42, numRuns: 300 },
    );
    fc.assert(
      fc.property(wireText(), (text) => {
        const parsed = parseFormUrlEncoded(text);
        expect(Array.isArray(parsed.pairs)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
