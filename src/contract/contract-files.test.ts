import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../keywords/clock.ts';
import { createRequestJudge } from './judge.ts';
import { loadAllContracts, schemasDir } from './load.ts';
import type { SchemaNode } from './schema-node.ts';
import { compileSchema, createAjv, createRequestValidator } from './validator.ts';

const metaSchema = (file: string): SchemaNode => JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as SchemaNode;
const validateContractDocument = compileSchema(metaSchema('contract.schema.json'));
// The catalogue schema takes its error classes from the contract schema.
const validateCatalogue = createAjv().addSchema(metaSchema('contract.schema.json') as object).compile(metaSchema('error-catalogue.schema.json') as object);

describe.each(loadAllContracts().map((c) => [c.id, c] as const))('%s', (_id, contract) => {
  it('holds a contract.json and a global catalogue that match their meta-schemas', () => {
    expect(validateContractDocument(contract.document), JSON.stringify(validateContractDocument.errors)).toBe(true);
    expect(validateCatalogue(contract.globalErrors), JSON.stringify(validateCatalogue.errors)).toBe(true);
  });

  it("accepts its seed's example request under the seed's own reading", () => {
    const judged = createRequestJudge(contract)(contract.examples.request);
    expect(judged.verdict).not.toBe('invalid');
    // Where the readings disagree on it, the seed's own page is among those that accept it.
    const seed = contract.document.seed.id;
    for (const r of judged.readings) {
      const readings = contract.readings.find((c) => c.id === r.contradiction)?.readings ?? [];
      expect(readings.filter((x) => r.accepting.includes(x.id)).some((x) => x.source.some((s) => s.seed === seed)), r.contradiction).toBe(true);
    }
  });

  it("accepts its seed's example response", () => {
    const { status, body } = contract.examples.response;
    const schema = contract.responseSchemas.get(status);
    expect(schema).toBeDefined();
    const validate = compileSchema(schema as SchemaNode);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('catalogues every documented status and each code once', () => {
    const codes = contract.document.errors.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const error of contract.document.errors) expect(contract.document.documentedStatuses).toContain(error.status);
    const global = contract.globalErrors.errors.map((e) => e.code);
    expect(new Set(global).size).toBe(global.length);
    for (const code of [...contract.globalErrors.validation.missing, ...contract.globalErrors.validation.invalid]) expect(global).toContain(code);
  });

  it('names a documented or null code for every stateful rule, and unique ids', () => {
    const documented = new Set([...contract.document.errors, ...contract.globalErrors.errors].map((e) => e.code));
    for (const rule of contract.document.stateful) if (rule.code !== null) expect(documented, rule.id).toContain(rule.code);
    const ids = contract.document.stateful.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the editions disagree where the docs do', () => {
  const [old, current] = loadAllContracts();
  const clock = fixedClock('2026-11-22T00:00:00Z');

  it('holds SystemDiskSize to 20-500 and required in 2019, 20-2048 and optional now', () => {
    const validateOld = createRequestValidator(old!, { clock });
    const validateCurrent = createRequestValidator(current!, { clock });
    expect(validateOld({ ...old!.examples.request, SystemDiskSize: 501 }).violations.map((v) => v.rule)).toEqual(['SystemDiskSize.maximum']);
    expect(validateOld({ ...old!.examples.request, SystemDiskSize: 500 }).valid).toBe(true);
    expect(validateCurrent({ ...current!.examples.request, SystemDiskSize: 2049 }).violations.map((v) => v.rule)).toEqual(['SystemDiskSize.maximum']);
    expect(validateCurrent({ ...current!.examples.request, SystemDiskSize: 2048 }).valid).toBe(true);
    const { SystemDiskSize: _dropped, ...withoutSize } = old!.examples.request;
    expect(validateOld(withoutSize).violations.map((v) => v.rule)).toEqual(['SystemDiskSize.required']);
    expect(validateCurrent({ RegionId: 'cn-hangzhou', SourceId: 's-1' }).valid).toBe(true);
  });

  it('documents quota 100 in 2019 and 1000 now', () => {
    expect(old!.document.stateful.find((s) => s.id === 'job-quota')?.limit).toBe(100);
    expect(current!.document.stateful.find((s) => s.id === 'job-quota')?.limit).toBe(1000);
  });
});
