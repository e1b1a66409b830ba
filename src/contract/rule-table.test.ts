import { describe, expect, it } from 'vitest';
import { alsoBrokenBy, createCaseGenerators, drawCases } from '../../generators/index.ts';
import { fixedClock } from '../keywords/clock.ts';
import { valueAt } from '../../generators/pointer.ts';
import { loadAllContracts } from './load.ts';

// One row per rule of every edition: a request exactly at the rule's limit passes under every reading,
// one just past it breaks that rule alone under every reading, or (where the readings disagree) is a probe.
const clock = fixedClock('2026-11-22T12:00:00Z');
const seed = 20261122;
const rows = loadAllContracts().flatMap((contract) => {
  const generators = createCaseGenerators(contract, { clock });
  return contract.rules.map((rule) => [`${contract.id} ${rule.id}`, { rule, generators }] as const);
});

function sizeOf(value: unknown): number {
  return typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : Number(value);
}

describe.each(rows)('%s', (_name, { rule, generators }) => {
  it('is satisfied by a request at its boundary, under every reading', () => {
    const cases = drawCases(generators.candidates(rule, 'boundary'), seed, 5);
    // A rule whose condition holds only under some reading (online_migration) has its edge among the probes.
    if (cases.length === 0) expect(drawCases(generators.candidates(rule, 'probe'), seed, 1).length).toBeGreaterThan(0);
    for (const c of cases) expect(generators.judge(c.request).verdict).toBe('valid');
    if (['range', 'length', 'count'].includes(rule.kind)) {
      for (const c of cases) expect(sizeOf(valueAt(c.request, c.pointer ?? ''))).toBe(rule.params['limit']);
    }
  });

  it('is broken alone by a request just past it, or read two ways there', () => {
    const violations = drawCases(generators.candidates(rule, 'violation'), seed, 10);
    const probes = drawCases(generators.candidates(rule, 'probe'), seed, 3);
    // Every rule has cases past it: violations, or (where a reading drops the rule) probes.
    expect(violations.length + probes.length).toBeGreaterThan(0);
    if (rule.ambiguous === undefined) expect(violations.length).toBeGreaterThan(0);
    for (const c of violations) {
      const judged = generators.judge(c.request);
      expect(judged.verdict).toBe('invalid');
      expect(judged.violations.map((v) => v.rule)).toContain(rule.id);
      const firm = new Set(judged.firm.map((v) => v.rule));
      expect(judged.violations.filter((v) => v.rule !== rule.id && firm.has(v.rule) && !alsoBrokenBy(rule, v.rule)).map((v) => v.rule)).toEqual([]);
      expect(c.expected.outcome).toBe('reject');
    }
    for (const c of probes) {
      expect(generators.judge(c.request).verdict).toBe('ambiguous');
      expect(c.expected.outcome).toBe('either');
    }
    if (['range', 'length', 'count'].includes(rule.kind) && rule.ambiguous === undefined) {
      const limit = rule.params['limit'] as number;
      const justPast = rule.keyword.startsWith('min') ? limit - 1 : limit + 1;
      const all = drawCases(generators.candidates(rule, 'violation'), seed, 40);
      expect(all.map((c) => sizeOf(valueAt(c.request, c.pointer ?? '')))).toContain(justPast);
    }
  });
});

describe('rules the readings state otherwise', () => {
  it('get probes, each of which some reading accepts and another refuses', () => {
    for (const [name, { rule, generators }] of rows.filter(([, r]) => r.rule.ambiguous !== undefined)) {
      const probes = drawCases(generators.candidates(rule, 'probe'), seed, 3);
      expect(probes.length, name).toBeGreaterThan(0);
      for (const p of probes) {
        const readings = p.expected.outcome === 'either' ? p.expected.readings : [];
        expect(readings.some((r) => r.accepting.length > 0 && r.refusing.length > 0), name).toBe(true);
      }
    }
  });
});
