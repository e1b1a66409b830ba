import { describe, expect, it } from 'vitest';
import type { AnswerClass } from './answer.ts';
import { caseOutcome, type OutcomeContext } from './outcome.ts';

const plain: OutcomeContext = { about: 'unknown', editsFixtureReference: false };
const outcome = (kind: 'valid' | 'violation' | 'probe', answerClass: AnswerClass, context: Partial<OutcomeContext> = {}) => caseOutcome({ kind }, { class: answerClass }, { ...plain, ...context });
const refused = { conclusive: true, accepted: false };

describe('caseOutcome', () => {
  it('never takes an answer of another layer for a judgement of the rule, whatever the case', () => {
    for (const kind of ['valid', 'violation', 'probe'] as const) {
      for (const layer of ['authentication', 'authorization', 'throttling', 'gateway', 'server', 'transport'] as const) {
        expect(outcome(kind, layer), `${kind} ${layer}`).toEqual({ conclusive: false, reason: layer });
      }
    }
  });

  it('takes a gateway refusal, or any refusal the catalogues cannot place, as the refusal of a case that breaks the protocol, and nothing else of that layer', () => {
    expect(outcome('violation', 'gateway', { breaksProtocol: true })).toEqual(refused);
    // Any 4xx refuses a request that breaks the protocol: HTTP's own 405 with a code no catalogue lists, or with none.
    expect(outcome('violation', 'undocumented-code', { breaksProtocol: true })).toEqual(refused);
    expect(outcome('violation', 'no-code', { breaksProtocol: true })).toEqual(refused);
    for (const layer of ['authentication', 'authorization', 'throttling', 'server', 'transport'] as const) expect(outcome('violation', layer, { breaksProtocol: true })).toEqual({ conclusive: false, reason: layer });
  });

  it('ties validation and state refusals of violations and probes to the case', () => {
    expect(outcome('violation', 'validation')).toEqual(refused);
    expect(outcome('violation', 'validation', { about: 'no' })).toEqual({ conclusive: false, reason: 'other-parameter' });
    expect(outcome('probe', 'validation', { about: 'no' })).toEqual({ conclusive: false, reason: 'other-parameter' });
    expect(outcome('violation', 'state')).toEqual({ conclusive: false, reason: 'state' });
    expect(outcome('violation', 'state', { editsFixtureReference: true })).toEqual(refused);
    expect(outcome('violation', 'undocumented-code')).toEqual({ conclusive: false, reason: 'undocumented-code' });
    expect(outcome('violation', 'undocumented-code', { about: 'yes' })).toEqual(refused);
    expect(outcome('violation', 'no-code', { about: 'yes' })).toEqual(refused);
  });

  it('says nothing of a case refused for a resource it refers to that no fixture stands for, unless the refusal names the case\'s own value', () => {
    for (const kind of ['valid', 'violation', 'probe'] as const) {
      for (const layer of ['validation', 'state', 'undocumented-code', 'no-code'] as const) {
        expect(outcome(kind, layer, { aboutUnboundReference: true }), `${kind} ${layer}`).toEqual({ conclusive: false, reason: 'unbound-reference' });
      }
    }
    expect(outcome('violation', 'validation', { aboutUnboundReference: true, about: 'yes' })).toEqual(refused);
    expect(outcome('valid', 'success', { aboutUnboundReference: true })).toEqual({ conclusive: true, accepted: true });
  });

  it('counts any refusal of a valid case as a refusal (a finding), and any success as an acceptance', () => {
    for (const layer of ['validation', 'state', 'undocumented-code', 'no-code'] as const) expect(outcome('valid', layer, { about: 'no' })).toEqual(refused);
    for (const kind of ['valid', 'violation', 'probe'] as const) expect(outcome(kind, 'success')).toEqual({ conclusive: true, accepted: true });
  });
});
