import fc from 'fast-check';
import { createCaseGenerators, drawCases, hourlyGeneration, type RequestCase } from '../../../generators/index.ts';
import { loadContract } from '../../contract/load.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { fixedClock } from '../../keywords/clock.ts';
import { familySeed } from '../../runner/plan.ts';
import { apiOption, requireApi } from '../api-option.ts';
import type { Command } from '../command.ts';
import { countFrom, seedFrom, seedOption } from '../seed-option.ts';

/** Without --now, times are measured from the start of the current hour (see hourlyGeneration). */
function generationClock(now: unknown): { clock: ReturnType<typeof fixedClock>; marginMs: number } {
  if (now === undefined) return hourlyGeneration();
  if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) throw new UsageError('generate: --now needs an ISO 8601 time, e.g. 2026-01-01T00:00:00Z');
  return { clock: fixedClock(now), marginMs: 10 * 60 * 1000 };
}

function line(c: RequestCase): string {
  return `${JSON.stringify({
    kind: c.kind,
    rule: c.rule ?? null,
    pointer: c.pointer ?? null,
    label: c.label,
    expected: c.expected,
    request: c.request,
  })}\n`;
}

/** `generate`: prints generated requests as JSON Lines. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'Print generated valid requests, single-fault violations and reading probes as JSON Lines',
  usage: 'migration-conformance generate --api <id> [--valid N] [--boundaries] [--violations] [--per-rule K] [--rule R...] [--seed S] [--now T]',
  allowPositionals: false,
  options: {
    api: apiOption,
    valid: { type: 'string', valueType: 'count', value: '<n>', description: 'How many random valid requests (default 10 when no other kind is asked for)' },
    boundaries: { type: 'boolean', description: "Valid requests exactly at each rule's limit" },
    violations: { type: 'boolean', description: 'Requests that each break one rule' },
    'per-rule': { type: 'string', valueType: 'count', value: '<k>', description: 'Cases per rule for --boundaries and --violations (default 2)' },
    rule: { type: 'string', multiple: true, value: '<id>', description: 'Only these rules (repeatable)' },
    seed: seedOption,
    now: { type: 'string', value: '<time>', description: 'Measure date windows from this time (default: the start of the current UTC hour)' },
  },
  run: async ({ values }, io) => {
    const contract = loadContract(requireApi(values['api'], 'generate'));
    const seed = seedFrom(values['seed'], 'generate');
    const perRule = countFrom(values['per-rule'], 'per-rule', 'generate', 2);
    const wantsRules = values['boundaries'] === true || values['violations'] === true;
    const validCount = countFrom(values['valid'], 'valid', 'generate', wantsRules ? 0 : 10);
    const selected = (values['rule'] as string[] | undefined) ?? [];
    const unknown = selected.filter((id) => !contract.rules.some((r) => r.id === id));
    if (unknown.length > 0) throw new UsageError(`generate: ${contract.id} has no rule ${unknown.join(', ')}; see 'migration-conformance list'`);
    const rules = contract.rules.filter((r) => selected.length === 0 || selected.includes(r.id));
    const generators = createCaseGenerators(contract, generationClock(values['now']));
    io.stderr.write(`seed ${seed}\n`);
    for (const c of fc.sample(generators.valid(), { seed, numRuns: validCount })) io.stdout.write(line(c));
    for (const rule of rules) {
      if (values['boundaries']) for (const c of drawCases(generators.candidates(rule, 'boundary'), familySeed(seed, `${rule.id}/boundary`), perRule)) io.stdout.write(line(c));
      if (values['violations']) {
        for (const c of drawCases(generators.candidates(rule, 'violation'), familySeed(seed, `${rule.id}/violation`), perRule)) io.stdout.write(line(c));
        for (const c of drawCases(generators.candidates(rule, 'probe'), familySeed(seed, `${rule.id}/probe`), rule.ambiguous === undefined ? 0 : perRule)) io.stdout.write(line(c));
      }
    }
    return exitCodes.conforming;
  },
};
