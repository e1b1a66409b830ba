/** Generation throughput per edition, and json-schema-faker on the same schemas for comparison. */
import fc from 'fast-check';
import { generateSync } from 'json-schema-faker';
import { createCaseGenerators, drawCases } from '../generators/index.ts';
import { loadAllContracts } from '../src/contract/load.ts';
import { createRequestValidator } from '../src/contract/validator.ts';

export interface GeneratorBenchRow {
  readonly api: string;
  readonly validPerSecond: number;
  readonly violationsPerSecond: number;
  readonly fakerPerSecond: number;
  /** Share of json-schema-faker's output our validator accepts (no rule broken, ambiguous ones included). */
  readonly fakerAccepted: number;
  /** Share of our own valid output the validator accepts (should be 1). */
  readonly oursAccepted: number;
}

function perSecond(count: number, startedAt: number): number {
  return Math.round(count / ((performance.now() - startedAt) / 1000));
}

/** Measures every edition with `samples` valid requests and `perRule` violations per rule. */
export function benchGenerators(samples = 2000, perRule = 20): GeneratorBenchRow[] {
  return loadAllContracts().map((contract) => {
    const generators = createCaseGenerators(contract);
    const validate = createRequestValidator(contract);
    let started = performance.now();
    const valid = fc.sample(generators.valid(), { seed: 1, numRuns: samples });
    const validPerSecond = perSecond(valid.length, started);
    started = performance.now();
    let violations = 0;
    for (const rule of contract.rules) violations += drawCases(generators.candidates(rule, 'violation'), 1, perRule).length;
    const violationsPerSecond = perSecond(violations, started);
    started = performance.now();
    const faked: unknown[] = [];
    for (let i = 0; i < samples; i += 1) faked.push(generateSync(contract.requestSchema as never, { seed: i } as never));
    const fakerPerSecond = perSecond(faked.length, started);
    const accepted = (requests: readonly unknown[]) => requests.filter((r) => validate(r).violations.length === 0).length / requests.length;
    return { api: contract.id, validPerSecond, violationsPerSecond, fakerPerSecond, fakerAccepted: accepted(faked), oursAccepted: accepted(valid.map((c) => c.request)) };
  });
}
