import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alsoBrokenBy, createCaseGenerators } from '../../generators/index.ts';
import { fixedClock } from '../keywords/clock.ts';
import { valueAt } from '../../generators/pointer.ts';
import { loadAllContracts } from './load.ts';
import { createRequestValidator } from './validator.ts';

// One row per rule of every edition: a request exactly at the rule's limit passes, one just past it breaks that rule alone.
const clock = fixedClock('2026-11-22T12:00:00Z');
const seed = 20261122;
const rows = loadAllContracts().flatMap((contract) => {
  const generators = createCaseGenerators(contract, { clock });
  const validate = createRequestValidator(contract, { clock });
  return contract.rules.map((rule) => [`${contract.id} ${rule.id}`, { contract, rule, generators, validate }] as const);
});

function sizeOf(value: unknown): number {
  return typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : Number(value);
}

describe.each(rows)('%s', (_name, { rule, generators, validate }) => {
  it('is satisfied by a request at its boundary', () => {
    const cases = fc.sample(generators.boundary(rule), { seed, numRuns: 5 });
    for (const c of cases) expect(validate(c.request).violations).toEqual([]);
    if (['range', 'length', 'count'].includes(rule.kind)) {
      for (const c of cases) expect(sizeOf(valueAt(c.request, c.pointer ?? ''))).toBe(rule.params['limit']);
    }
  });

  it('is broken alone by a request just past it', () => {
    const cases = fc.sample(generators.violation(rule), { seed, numRuns: 10 });
    for (const c of cases) {
      const broken = validate(c.request).violations;
      expect(broken.map((v) => v.rule)).toContain(rule.id);
      expect(broken.filter((v) => v.rule !== rule.id && v.ambiguous === undefined && !alsoBrokenBy(rule, v.rule)).map((v) => v.rule)).toEqual([]);
      expect(c.expected.outcome).toBe(rule.ambiguous === undefined ? 'reject' : 'either');
    }
    if (['range', 'length', 'count'].includes(rule.kind)) {
      const limit = rule.params['limit'] as number;
      const justPast = rule.keyword.startsWith('min') ? limit - 1 : limit + 1;
      const all = fc.sample(generators.violation(rule), { seed, numRuns: 40 });
      expect(all.map((c) => sizeOf(valueAt(c.request, c.pointer ?? '')))).toContain(justPast);
    }
  });
});
