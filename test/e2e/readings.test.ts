import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourlyGeneration } from '../../generators/context.ts';
import { createCaseGenerators, type CaseGenerators, type RequestCase } from '../../generators/request-case.ts';
import type { Finding } from '../../src/checks/finding.ts';
import { apiIds, type ApiId } from '../../src/contract/apis.ts';
import type { ReadingVerdict } from '../../src/contract/judge.ts';
import { loadContract } from '../../src/contract/load.ts';
import { startEmbeddedTargets, type EmbeddedTargets } from '../../src/cli/embedded-targets.ts';
import { planCases, type CasePlan } from '../../src/runner/plan.ts';
import { runApi } from '../../src/runner/run-api.ts';

// The promise: whichever way the emulator reads the documents' contradictions, the suite finds nothing
// to fail it for, covers every family it planned, and its probes tell which reading it follows.
// Each API and seed is planned once; the same cases go (replay mode) to the default emulator and to
// the emulator following each other documented reading of each of the API's contradictions.

const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const plan: Partial<CasePlan> = { valid: 10, perRule: 2 };

/** An emulator following the first listed reading of every contradiction but those it names. */
interface Variant {
  /** `default readings`, or `contradiction=reading`. */
  readonly name: string;
  readonly readings: ReadonlyMap<string, string>;
  /** The APIs whose contracts have a contradiction it reads otherwise than the default. */
  readonly apis: readonly ApiId[];
}

/** The default emulator, and one per documented reading that is not the default one. */
function variantsOf(): Variant[] {
  const contracts = apiIds.map(loadContract);
  const variants: Variant[] = [{ name: 'default readings', readings: new Map(), apis: [...apiIds] }];
  for (const contract of contracts) {
    for (const contradiction of contract.readings) {
      for (const reading of contradiction.readings.slice(1)) {
        const name = `${contradiction.id}=${reading.id}`;
        if (variants.some((v) => v.name === name)) continue;
        const apis = contracts
          .filter((c) => c.readings.some((x) => x.id === contradiction.id && x.readings[0]?.id !== reading.id && x.readings.some((r) => r.id === reading.id)))
          .map((c) => c.id);
        variants.push({ name, readings: new Map([[contradiction.id, reading.id]]), apis });
      }
    }
  }
  return variants;
}

const variants = variantsOf();

/** The reading a variant follows for a contradiction of an API: its own, else the contract's first. */
function followed(variant: Variant, api: ApiId, contradiction: string): string {
  return variant.readings.get(contradiction) ?? (loadContract(api).readings.find((c) => c.id === contradiction)?.readings[0]?.id as string);
}

/** What one probe's answer says of one contradiction. */
interface Naming {
  readonly seed: number;
  readonly contradiction: string;
  /** The readings the answer fits. */
  readonly fits: readonly string[];
  readonly finding: Finding;
}

/** The readings each ambiguous-rule finding's answer fits, per contradiction. */
function namingsOf(seed: number, findings: readonly Finding[]): Naming[] {
  return findings
    .filter((f) => f.check === 'ambiguous-rule')
    .flatMap((f) => {
      const verdicts = (f.documented ?? []) as readonly ReadingVerdict[];
      return verdicts.map((v) => ({ seed, contradiction: v.contradiction, fits: f.received === 'accepts' ? v.accepting : v.refusing, finding: f }));
    });
}

function describeFinding(f: Finding): string {
  return `${f.check} ${f.rule ?? '(valid)'} [${f.code}]: ${f.message}\n    ${f.curl}`;
}

const embedded = new Map<string, EmbeddedTargets>();
/** Probe namings by variant and API, gathered over the seeds. */
const namings = new Map<string, Naming[]>();
const generators = new Map<ApiId, CaseGenerators>();

beforeAll(async () => {
  for (const variant of variants) embedded.set(variant.name, await startEmbeddedTargets(undefined, { readings: variant.readings }));
}, 60_000);
afterAll(async () => {
  await Promise.all([...embedded.values()].map((e) => e.close()));
});

describe('the emulator under every documented reading', () => {
  it('has a variant for every reading that changes a rule, and every contradiction of an API is read by one', () => {
    for (const api of apiIds) {
      for (const contradiction of loadContract(api).readings) {
        for (const [index, reading] of contradiction.readings.entries()) {
          const by = index === 0 ? 'default readings' : `${contradiction.id}=${reading.id}`;
          expect(variants.find((v) => v.name === by)?.apis, `${api}: ${contradiction.id}=${reading.id}`).toContain(api);
        }
      }
    }
  });

  describe.each(apiIds)('%s', (api) => {
    const concerned = variants.filter((v) => v.apis.includes(api));

    it.each(seeds)('seed %i: no violation and every planned family covered, under each reading', async (seed) => {
      let generator = generators.get(api);
      if (!generator) generators.set(api, (generator = createCaseGenerators(loadContract(api), hourlyGeneration())));
      const planned = planCases(api, generator, seed, plan);
      const cases: RequestCase[] = planned.cases.map((p) => p.case);
      const violations: string[] = [];
      const uncovered: string[] = [];
      const outputs = await Promise.all(concerned.map(async (variant) => ({ variant, output: await runApi({ api, target: embedded.get(variant.name)!.targets[api]!, seed, cases }) })));
      for (const { variant, output } of outputs) {
        const where = `${api} seed ${seed} reading ${variant.name}`;
        for (const f of output.findings.filter((x) => x.severity === 'violation')) violations.push(`${where}: ${describeFinding(f)}`);
        for (const family of planned.families) {
          const outcome = output.outcomes.find((o) => o.rule === family.family);
          if (family.deciding === undefined) uncovered.push(`${where}: ${family.family} planned without a case`);
          else if (outcome?.coverage !== 'covered') uncovered.push(`${where}: ${family.family} ${outcome?.coverage ?? 'missing'} (${outcome?.coverageReason ?? 'no outcome'})`);
        }
        for (const o of output.outcomes.filter((x) => x.coverage !== 'covered' && !planned.families.some((f) => f.family === x.rule))) uncovered.push(`${where}: ${o.rule} ${o.coverage} (${o.coverageReason ?? ''})`);
        const key = `${variant.name}|${api}`;
        namings.set(key, [...(namings.get(key) ?? []), ...namingsOf(seed, output.findings)]);
      }
      expect.soft(violations, `findings of severity violation (${api}, seed ${seed})`).toEqual([]);
      expect.soft(uncovered, `families not covered (${api}, seed ${seed})`).toEqual([]);
    }, 60_000);

    it('the probes tell the reading each variant follows', () => {
      const missing: string[] = [];
      const contrary: string[] = [];
      for (const variant of concerned) {
        const seen = namings.get(`${variant.name}|${api}`) ?? [];
        for (const contradiction of loadContract(api).readings) {
          const reading = followed(variant, api, contradiction.id);
          const about = seen.filter((n) => n.contradiction === contradiction.id);
          // Conclusive for the reading: the answer fits it and not the others.
          if (!about.some((n) => n.fits.length === 1 && n.fits[0] === reading)) missing.push(`${api} reading ${variant.name}: no probe answer of ${about.length} names only ${contradiction.id}=${reading} (named: ${[...new Set(about.map((n) => n.fits.join(' or ')))].join('; ') || 'nothing'})`);
          for (const n of about.filter((x) => !x.fits.includes(reading))) contrary.push(`${api} seed ${n.seed} reading ${variant.name}: answer fits ${contradiction.id}=${n.fits.join(' or ')}, not ${reading}: ${describeFinding(n.finding)}`);
        }
      }
      expect.soft(missing, `contradictions no probe answer attributes to the variant's reading (${api})`).toEqual([]);
      expect.soft(contrary, `probe answers contrary to the variant's reading (${api})`).toEqual([]);
    });
  });
});
