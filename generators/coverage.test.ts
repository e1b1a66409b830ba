import { describe, expect, it } from 'vitest';
import { loadAllContracts } from '../src/contract/load.ts';
import { fixedClock } from '../src/keywords/clock.ts';
import { measureCoverage } from './coverage.ts';

describe.each(loadAllContracts().map((c) => [c.id, c] as const))('coverage of %s', (_id, contract) => {
  it('has cases past every rule (violations, or probes where the readings disagree) and boundary cases where the rule applies under every reading', () => {
    const rows = measureCoverage(contract, { clock: fixedClock('2026-11-22T12:00:00Z'), samples: 8, seed: 3 });
    expect(rows.map((r) => r.rule)).toEqual(contract.rules.map((r) => r.id));
    expect(rows.filter((r) => r.violationCases + r.probeCases === 0).map((r) => r.rule)).toEqual([]);
    // Only a rule unambiguous in itself but reachable through another reading's value (source_instance on online_migration) lacks a valid edge.
    expect(rows.filter((r) => r.boundaryCases === 0).map((r) => r.rule)).toEqual(contract.id === 'huawei-dcs/CreateMigrationTask' ? ['source_instance.requiredWhen.migration_type'] : []);
    expect(rows.filter((r) => r.ambiguous !== undefined && r.probeCases === 0).map((r) => r.rule)).toEqual([]);
  });
});
