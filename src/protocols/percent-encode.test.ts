import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireText } from './testing/arbitraries.ts';
import { percentEncode } from './percent-encode.ts';

// The recipe both vendors' JS SDKs use, as an independent oracle.
const sdkRecipe = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe('percentEncode', () => {
  it('keeps exactly the RFC 3986 unreserved set', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode(' ')).toBe('%20');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('+/=:&')).toBe('%2B%2F%3D%3A%26');
    expect(percentEncode('2018-01-01T12:00:00Z')).toBe('2018-01-01T12%3A00%3A00Z');
  });

  it('encodes UTF-8 bytes with upper-case hex', () => {
    expect(percentEncode('中')).toBe('%E4%B8%AD');
    expect(percentEncode('é')).toBe('%C3%A9');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });

  it('does not throw on a lone surrogate (encodes U+FFFD)', () => {
    expect(percentEncode('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('matches the SDK recipe and round-trips through decodeURIComponent', () => {
    fc.assert(
      fc.property(wireText(), (text) => {
        const encoded = percentEncode(text);
        expect(encoded).toBe(sdkRecipe(text));
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(text);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
