import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAllContracts, loadContract } from '../src/contract/load.ts';
import { createRequestJudge } from '../src/contract/judge.ts';
import { createRequestValidator } from '../src/contract/validator.ts';
import { fixedClock } from '../src/keywords/clock.ts';
import { createCaseGenerators, drawCases, fruitlessDraws, type RequestCase } from './request-case.ts';

const clock = fixedClock('2026-11-22T12:00:00Z');
const seed = 424242;

describe.each(loadAllContracts().map((c) => [c.id, c] as const))('valid requests of %s', (_id, contract) => {
  const generators = createCaseGenerators(contract, { clock });
  const validate = createRequestValidator(contract, { clock });

  it('pass the validator, every rule included, over 10,000 requests', () => {
    // The seed is fixed for CI; fast-check prints it with any counterexample.
    fc.assert(
      fc.property(generators.valid(), (c) => {
        expect(validate(c.request).violations).toEqual([]);
      }),
      { seed, numRuns: 10_000 },
    );
  });

  it('explore every optional property, present and absent', () => {
    const requests = fc.sample(generators.valid(), { seed, numRuns: 2000 }).map((c) => c.request);
    const judge = createRequestJudge(contract, { clock });
    for (const [name, node] of Object.entries(contract.requestSchema.properties ?? {})) {
      const present = requests.filter((r) => name in r).length;
      // A value naming a resource no fixture stands for goes only where a condition requires it.
      if (node['x-refers-to'] !== undefined) {
        for (const request of requests.filter((r) => name in r)) {
          const { [name]: _dropped, ...without } = request as Record<string, unknown>;
          expect(judge(without).verdict, `${name} sent though not required`).not.toBe('valid');
        }
        continue;
      }
      expect(present, `${name} never present`).toBeGreaterThan(0);
      if ((contract.requestSchema.required ?? []).includes(name) || present < requests.length) continue;
      // Always present though optional: only where every valid request needs it (a condition that always holds, as backup_files for the one migration_type every reading allows).
      const { [name]: _dropped, ...without } = requests[0] as Record<string, unknown>;
      expect(judge(without).verdict, `${name} never absent`).not.toBe('valid');
    }
  });
});

describe('valid requests reach the edges', () => {
  const contract = loadContract('alibaba-smc/CreateReplicationJob@current');
  const requests = fc.sample(createCaseGenerators(contract, { clock }).valid(), { seed, numRuns: 3000 }).map((c) => c.request as Record<string, unknown>);
  const lengths = (name: string) => new Set(requests.map((r) => (Array.isArray(r[name]) ? (r[name] as unknown[]).length : -1)));

  it('with lists from empty to full: 20 tags, 16 data disks', () => {
    expect(lengths('Tag')).toContain(20);
    expect(lengths('Tag')).toContain(0);
    expect(lengths('DataDisk')).toContain(16);
  });

  it('with both ends of ranges and lengths', () => {
    const sizes = new Set(requests.map((r) => r['SystemDiskSize']));
    expect(sizes).toContain(20);
    expect(sizes).toContain(2048);
    const nameLengths = new Set(requests.map((r) => (typeof r['Name'] === 'string' ? [...r['Name']].length : -1)));
    expect(nameLengths).toContain(2);
    expect(nameLengths).toContain(128);
  });

  it('with Chinese characters (never first: one reading refuses that) and every allowed punctuation mark in names', () => {
    const names = requests.map((r) => r['Name']).filter((n): n is string => typeof n === 'string');
    expect(names.some((n) => /^.[^]*[\u4e00-\u9fa5]/u.test(n))).toBe(true);
    expect(names.some((n) => /^[\u4e00-\u9fa5]/u.test(n))).toBe(false);
    for (const mark of [':', '_', '-']) expect(names.some((n) => n.includes(mark)), mark).toBe(true);
  });

  it('with every conditional requirement satisfied when its condition holds', () => {
    const incremental = requests.filter((r) => r['RunOnce'] === false);
    expect(incremental.length).toBeGreaterThan(0);
    for (const r of incremental) expect(r).toHaveProperty('Frequency');
    const vpc = requests.filter((r) => r['NetMode'] === 2);
    expect(vpc.length).toBeGreaterThan(0);
    for (const r of vpc) expect(r).toHaveProperty('VSwitchId');
  });
});

describe('shrinking', () => {
  it('reduces a failing request to the required fields and the one that matters', () => {
    const contract = loadContract('alibaba-smc/CreateReplicationJob@current');
    const generators = createCaseGenerators(contract, { clock });
    const details = fc.check(
      fc.property(generators.valid(), (c) => !('Tag' in c.request)),
      { seed, numRuns: 1000 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample ?? [];
    expect(Object.keys(shrunk?.request ?? {}).sort()).toEqual(['RegionId', 'SourceId', 'Tag']);
    expect(shrunk?.request['Tag']).toHaveLength(0);
  });
});

describe('drawCases', () => {
  const violation: RequestCase = { kind: 'violation', label: 'a violation', request: {}, expected: { outcome: 'reject', codes: [] } };
  /** Candidates that are cases one draw in `every`, counting the draws. */
  function candidates(every: number): { arbitrary: fc.Arbitrary<RequestCase | undefined>; drawn: () => number } {
    let drawn = 0;
    const arbitrary = fc.noBias(fc.nat(every - 1)).map((n) => ((drawn += 1), n === 0 ? violation : undefined));
    return { arbitrary, drawn: () => drawn };
  }

  it('gives up on candidates that yield no case after fruitlessDraws, however many cases were asked for', () => {
    const never = fc.constant(undefined).map((none) => none as RequestCase | undefined);
    let drawn = 0;
    expect(drawCases(never.map((c) => ((drawn += 1), c)), 1, 164)).toEqual([]);
    expect(drawn).toBe(fruitlessDraws);
  });

  it('keeps drawing up to 8 per case asked for once candidates yield, even scarce ones', () => {
    const scarce = candidates(14);
    const cases = drawCases(scarce.arbitrary, 1, 60);
    expect(cases.length).toBeGreaterThan(fruitlessDraws / 14);
    expect(scarce.drawn()).toBeGreaterThan(fruitlessDraws);
    expect(scarce.drawn()).toBeLessThanOrEqual(8 * 60 + 8);
  });

  it('finds the scarcest cases of our contracts, one candidate in 14, on every seed of 200', () => {
    for (let seed = 0; seed < 200; seed += 1) expect(drawCases(candidates(14).arbitrary, seed, 3, 1000).length, `seed ${seed}`).toBeGreaterThan(0);
  });
});
