import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RpcParamValue, flattenRpcParams, unflattenRpcParams } from './rpc-params.ts';
import { createReplicationJobDisks, createReplicationJobRequest } from './testing/fixtures.ts';
import { wireText } from './testing/arbitraries.ts';

const codes = (problems: ReadonlyArray<{ code: string; key: string }>): string[][] => problems.map((p) => [p.code, p.key]);

describe('flattenRpcParams', () => {
  it('produces the SMC wire names (reference A.3)', () => {
    const pairs = flattenRpcParams({ ...createReplicationJobRequest, ...createReplicationJobDisks });
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['SystemDiskSize', '80'],
        ['RunOnce', 'false'],
        ['DataDisk.1.Index', '1'],
        ['DataDisk.1.Part.1.Device', '0_1'],
        ['DataDisk.1.Part.1.SizeBytes', '1024'],
        ['DataDisk.1.Part.1.Block', 'true'],
        ['DataDisk.2.Size', '200'],
        ['SystemDiskPart.1.Block', 'false'],
        ['Tag.2.Key', 'owner'],
        ['Tag.2.Value', ''],
        ['Disks.System.Size', '50'],
        ['Disks.System.LVM', 'true'],
        ['Disks.System.Part.1.Path', '/boot'],
        ['Disks.Data.1.DiskId', 'd-2ze8xxxx'],
        ['Disks.Data.1.Part.1.Block', 'false'],
      ]),
    );
    // Insertion order is kept.
    expect(pairs.slice(0, 3).map(([name]) => name)).toEqual(['RegionId', 'SourceId', 'Name']);
  });

  it('skips null/undefined but still advances the list index', () => {
    expect(flattenRpcParams({ Tag: [{ Key: 'a' }, null, undefined, { Key: 'b', Value: null }], X: null })).toEqual([
      ['Tag.1.Key', 'a'],
      ['Tag.4.Key', 'b'],
    ]);
    // Sparse arrays: holes count like undefined.
    expect(flattenRpcParams({ L: [, 'x'] })).toEqual([['L.2', 'x']]);
  });

  it('recurses into nested arrays', () => {
    expect(flattenRpcParams({ M: [['a', 'b'], [['c']]] })).toEqual([
      ['M.1.1', 'a'],
      ['M.1.2', 'b'],
      ['M.2.1.1', 'c'],
    ]);
  });

  it('writes numbers in plain decimal', () => {
    expect(flattenRpcParams({ A: 1e21, B: 1.5e-7, C: -2.5e-8, D: 0.1, E: -0, F: 12n })).toEqual([
      ['A', '1000000000000000000000'],
      ['B', '0.00000015'],
      ['C', '-0.000000025'],
      ['D', '0.1'],
      ['E', '0'],
      ['F', '12'],
    ]);
  });

  it('refuses values that have no wire form', () => {
    expect(() => flattenRpcParams({ A: Number.NaN })).toThrow(RangeError);
    expect(() => flattenRpcParams({ A: new Date() })).toThrow(/Date/);
    expect(() => flattenRpcParams({ A: () => 1 })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = [cyclic];
    expect(() => flattenRpcParams(cyclic)).toThrow(/cycle/);
  });
});

describe('unflattenRpcParams', () => {
  it('rebuilds lists and objects, strings only', () => {
    const { value, problems } = unflattenRpcParams(flattenRpcParams(createReplicationJobDisks));
    expect(problems).toEqual([]);
    expect(value).toEqual({
      Disks: {
        System: { Size: '50', LVM: 'true', Part: [{ Path: '/boot', SizeBytes: '1073741824', Block: 'true' }] },
        Data: [{ DiskId: 'd-2ze8xxxx', Size: '100', LVM: 'false', Part: [{ Path: '/data', SizeBytes: '1024', Block: 'false' }] }],
      },
    });
  });

  it('sorts indexes numerically and reports gaps', () => {
    const { value, problems } = unflattenRpcParams([
      ['Tag.10.Key', 'j'],
      ['Tag.2.Key', 'b'],
      ['Tag.1.Key', 'a'],
    ]);
    expect(value).toEqual({ Tag: [{ Key: 'a' }, { Key: 'b' }, { Key: 'j' }] });
    expect(codes(problems)).toEqual([['index-gap', 'Tag.10']]);
  });

  it('reports index 0, non-canonical and too-large indexes without allocating', () => {
    const { value, problems } = unflattenRpcParams([
      ['Tag.0.Key', 'zero'],
      ['Tag.01.Key', 'padded'],
      ['Tag.999999999.Key', 'huge'],
      ['Tag.99999999999999999999999999.Key', 'huger'],
      ['Tag.1.Key', 'ok'],
    ]);
    expect(value).toEqual({ Tag: [{ Key: 'ok' }] });
    expect(codes(problems)).toEqual([
      ['index-zero', 'Tag.0.Key'],
      ['index-not-canonical', 'Tag.01.Key'],
      ['index-too-large', 'Tag.999999999.Key'],
      ['index-too-large', 'Tag.99999999999999999999999999.Key'],
    ]);
    expect(unflattenRpcParams([['T.5', 'x']], { maxIndex: 4 }).problems[0]?.code).toBe('index-too-large');
  });

  it('reports duplicates (first wins) and scalar/container clashes (container wins)', () => {
    const { value, problems } = unflattenRpcParams([
      ['RegionId', 'cn-hangzhou'],
      ['RegionId', 'cn-beijing'],
      ['Tag', '1'],
      ['Tag.1.Key', 'a'],
    ]);
    expect(value).toEqual({ RegionId: 'cn-hangzhou', Tag: [{ Key: 'a' }] });
    expect(codes(problems)).toEqual([
      ['duplicate-parameter', 'RegionId'],
      ['scalar-and-container', 'Tag'],
    ]);
    // Same outcome whichever comes first.
    expect(unflattenRpcParams([['Tag.1.Key', 'a'], ['Tag', '1']]).value).toEqual({ Tag: [{ Key: 'a' }] });
  });

  it('reports names mixed with list positions (list wins)', () => {
    const { value, problems } = unflattenRpcParams([
      ['Disks.Data.Size', '1'],
      ['Disks.Data.1.Size', '2'],
    ]);
    expect(value).toEqual({ Disks: { Data: [{ Size: '2' }] } });
    expect(codes(problems)).toEqual([['mixed-container', 'Disks.Data.Size']]);
  });

  it('survives hostile names', () => {
    const deep = 'a.'.repeat(100_000) + 'b';
    const { value, problems } = unflattenRpcParams([
      ['', 'x'],
      ['a..b', 'x'],
      ['.a', 'x'],
      ['a.', 'x'],
      [deep, 'x'],
      ['__proto__.polluted', 'yes'],
      ['constructor.prototype.x', 'y'],
      ['toString', 'z'],
    ]);
    expect(codes(problems).map(([code]) => code)).toEqual(['empty-segment', 'empty-segment', 'empty-segment', 'empty-segment', 'too-deep']);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stays bounded on many pairs', () => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 50_000; i++) pairs.push([`Tag.${(i % 1000) + 1}.K${i % 7}`, String(i)]);
    const { value, problems } = unflattenRpcParams(pairs);
    expect((value['Tag'] as RpcParamValue[]).length).toBe(1000);
    expect(problems.every((p) => p.code === 'duplicate-parameter')).toBe(true);
  });
});

// ------------------------------------------------------------ properties

type Plain = string | number | boolean | Plain[] | { [name: string]: Plain };

const name = fc.stringMatching(/^[A-Z][A-Za-z]{0,5}$/);
const scalar: fc.Arbitrary<Plain> = fc.oneof(
  wireText(),
  fc.integer(),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const tree = fc.letrec<{ value: Plain; list: Plain[]; object: { [name: string]: Plain } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('object')),
  list: fc.array(tie('value'), { minLength: 1, maxLength: 4 }),
  object: fc.dictionary(name, tie('value'), { minKeys: 1, maxKeys: 4 }),
}));
const request = fc.dictionary(name, tree.value, { maxKeys: 5 });

/** Compares a wire-string tree with the typed original it came from. */
function sameAsWire(original: Plain, wire: RpcParamValue): boolean {
  if (typeof original === 'string') return wire === original;
  if (typeof original === 'boolean') return wire === String(original);
  if (typeof original === 'number') return typeof wire === 'string' && /^-?\d+(\.\d+)?$/.test(wire) && Number(wire) === original;
  if (Array.isArray(original)) {
    return Array.isArray(wire) && wire.length === original.length && original.every((item, i) => sameAsWire(item, wire[i] ?? ''));
  }
  if (typeof wire !== 'object' || Array.isArray(wire)) return false;
  const keys = Object.keys(original);
  return keys.length === Object.keys(wire).length && keys.every((key) => key in wire && sameAsWire(original[key] ?? '', wire[key] ?? ''));
}

describe('flatten/unflatten properties', () => {
  it('unflatten(flatten(x)) gives x with every scalar as its wire string', () => {
    fc.assert(
      fc.property(request, (value) => {
        const { value: back, problems } = unflattenRpcParams(flattenRpcParams(value));
        expect(problems).toEqual([]);
        expect(sameAsWire(value, back)).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never throws on arbitrary pairs, and problem-free input round-trips exactly', () => {
    const segment = fc.oneof(
      name,
      fc.constantFrom('1', '2', '3', '10', '0', '01', '1001', '999999999', '', '__proto__', 'constructor'),
    );
    const key = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));
    const pairs = fc.array(fc.tuple(key, wireText(4)), { maxLength: 12 });
    const sorted = (list: ReadonlyArray<readonly [string, string]>): string[] => list.map(([k, v]) => `${k}=${v}`).sort();
    fc.assert(
      fc.property(pairs, (input) => {
        const { value, problems } = unflattenRpcParams(input);
        for (const problem of problems) expect(typeof problem.message).toBe('string');
        const again = flattenRpcParams(value);
        if (problems.length === 0) expect(sorted(again)).toEqual(sorted(input));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
