import { describe, expect, it } from 'vitest';
import { createRequestJudge } from '../contract/judge.ts';
import { loadAllContracts } from '../contract/load.ts';
import { hasDcsReferences, referenceCheckBase } from './run-dcs-references.ts';

describe('referenceCheckBase', () => {
  const contracts = loadAllContracts().filter(hasDcsReferences);

  it('covers the DCS operations', () => {
    expect(contracts.map((c) => c.document.operation).sort()).toEqual(['CreateMigrationTask', 'CreateOnlineMigrationTask']);
  });

  // A body some reading refuses would make an endpoint that follows that reading fail the reference rules.
  it.each(contracts.map((c) => [c.id, c] as const))('%s: the body is valid under every reading', (_id, contract) => {
    const judged = createRequestJudge(contract)(referenceCheckBase(contract));
    expect(judged.verdict, JSON.stringify(judged)).toBe('valid');
  });
});
