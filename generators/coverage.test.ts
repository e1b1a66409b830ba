import { describe, expect, it } from 'vitest';
import { loadAllContracts } from '../src/contract/load.ts';
import { fixedClock } from '../src/keywords/clock.ts';
import { measureCoverage } from './coverage.ts';

describe.each(loadAllContracts().map((c) => [c.id, c] as const))('coverage of %s', (_id, contract) => {
  it('has violation and boundary cases for every rule', () => {
    const rows = measureCoverage(contract, { clock: fixedClock('2026-11-22T12:00:00Z'), samples: 8, seed: 3 });
    expect(rows.map((r) => r.rule)).toEqual(contract.rules.map((r) => r.id));
    expect(rows.filter((r) => r.violationCases === 0 || r.boundaryCases === 0).map((r) => r.rule)).toEqual([]);
  });
});
