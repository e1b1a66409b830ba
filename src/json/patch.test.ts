import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './patch.ts';

describe('applyJsonPatch', () => {
  const doc = { a: { list: [{ p: 'x' }, { p: 'y' }], v: 1 } };
  it('adds, replaces and removes on a copy, in order', () => {
    const patched = applyJsonPatch(doc, [
      { op: 'test', path: '/a/list/1/p', value: 'y' },
      { op: 'remove', path: '/a/list/1' },
      { op: 'add', path: '/a/list/-', value: { p: 'z' } },
      { op: 'replace', path: '/a/v', value: 2 },
      { op: 'add', path: '/a/new~1key', value: true },
    ]);
    expect(patched).toEqual({ a: { list: [{ p: 'x' }, { p: 'z' }], v: 2, 'new/key': true } });
    expect(doc.a.list).toHaveLength(2);
  });
  it('fails, naming the path, where a test does not hold or nothing is there', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/a/list/0/p', value: 'y' }])).toThrow(/test failed at \/a\/list\/0\/p/);
    expect(() => applyJsonPatch(doc, [{ op: 'remove', path: '/a/nope' }])).toThrow(/nothing to remove at \/a\/nope/);
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/a/list/5', value: 1 }])).toThrow(/not an index/);
    expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/b/c', value: 1 }])).toThrow(/has no parent/);
  });
});
