import { describe, expect, it } from 'vitest';
import { docText, foldSpace } from '../../test/helpers/shared-docs.ts';
import { loadAllContracts } from './load.ts';
import type { Source } from './source.ts';

/** Every `x-source` / `source` array anywhere in a JSON document, with where it sits. */
function collectSources(value: unknown, at = ''): { at: string; source: Source }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectSources(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    (key === 'x-source' || key === 'source') && Array.isArray(child)
      ? (child as Source[]).map((source, i) => ({ at: `${at}/${key}/${i}`, source }))
      : collectSources(child, `${at}/${key}`),
  );
}

describe.each(loadAllContracts().map((c) => [c.id, c] as const))('provenance of %s', (_id, contract) => {
  const documents = {
    'request.schema.json': contract.requestSchema,
    'contract.json': contract.document,
    'response schemas': [...contract.responseSchemas.values()],
    'error envelope': contract.errorEnvelopeSchema,
  };
  const quotes = Object.entries(documents).flatMap(([file, document]) => collectSources(document).map((q) => ({ file, ...q })));

  it('quotes its documents verbatim (white space folded)', () => {
    const misquoted = quotes.filter(({ source }) => !docText(source.seed).includes(foldSpace(source.quote)));
    expect(misquoted.map(({ file, at, source }) => `${file}${at}: [${source.seed}] ${source.quote}`)).toEqual([]);
    expect(quotes.length).toBeGreaterThan(5);
  });

  it('gives every rule a source and quotes its own seed for it where the seed speaks', () => {
    expect(contract.rules.filter((r) => r.source.length === 0).map((r) => r.id)).toEqual([]);
    const seed = contract.document.seed.id;
    const onlyReference = contract.rules.filter((r) => r.source.every((s) => s.seed !== seed)).map((r) => r.id);
    // Rules the page leaves out or cuts off are taken from the reference; each is listed here on purpose.
    const knownGaps = new Set(['InstanceId.requiredWhen.TargetType']);
    expect(onlyReference.filter((id) => !knownGaps.has(id))).toEqual([]);
  });

  it('names an existing contradiction for every ambiguous rule, and every contradiction has a reading', () => {
    const ids = new Set(contract.document.contradictions.map((c) => c.id));
    expect(contract.rules.filter((r) => r.ambiguous !== undefined && !ids.has(r.ambiguous)).map((r) => `${r.id} → ${r.ambiguous}`)).toEqual([]);
    for (const contradiction of contract.document.contradictions) expect(contradiction.readings.length).toBeGreaterThan(0);
  });

  it('gives every reading an id of its own, and every contradiction that changes a rule one reading that is the schema as written or a relaxation of it', () => {
    for (const contradiction of contract.document.contradictions) {
      const ids = contradiction.readings.map((r) => r.id);
      expect(new Set(ids).size, contradiction.id).toBe(ids.length);
    }
    for (const choice of contract.readings) {
      expect(choice.readings.length, choice.id).toBeGreaterThan(1);
      // Every rule a reading touches belongs to this contract's rules: the patches are up to date with the schema.
      for (const rule of choice.touchedRules) expect(contract.rules.map((r) => r.id), choice.id).toContain(rule);
    }
  });
});
