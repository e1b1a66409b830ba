import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { answeredOf } from '../runner/send-case.ts';
import { judge } from './judge.ts';
import { StatefulLedger } from './ledger.ts';

const smc = loadContract('alibaba-smc/CreateReplicationJob@current');
const dcs = loadContract('huawei-dcs/CreateOnlineMigrationTask');
const request = { method: 'POST', url: 'http://127.0.0.1/', headers: {} };
const answer = (contract: typeof smc, status: number, body: unknown) => answeredOf(contract, { request, response: { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, durationMs: 1, attempts: 1 } as Exchange);
const smcError = (status: number, code: string) => answer(smc, status, { Code: code, Message: 'm', RequestId: 'r' });
const quota = { outcome: 'refused', refusals: [{ rule: 'job-quota', code: 'QuotaExceeded.ReplicationJob' }] } as const;

describe('judge', () => {
  it('takes the documented code of any due rule, and charges an acceptance to the first', () => {
    const both = { outcome: 'refused', refusals: [{ rule: 'unique-job-name', code: 'ReplicationJobName.Duplicate' }, quota.refusals[0]] } as const;
    expect(judge(smc, both, smcError(400, 'QuotaExceeded.ReplicationJob'))).toEqual({ conclusive: true, rules: ['job-quota'] });
    const accepted = judge(smc, both, answer(smc, 200, { JobId: 'j-1', RequestId: 'r' }));
    expect(accepted.conclusive && accepted.mismatch).toMatchObject({ rule: 'unique-job-name', code: 'accepted_against_rule', severity: 'violation' });
  });

  it('calls another catalogued code a violation, an uncatalogued one inconclusive, another layer inconclusive', () => {
    const other = judge(smc, quota, smcError(400, 'InvalidParameter'));
    expect(other.conclusive && other.mismatch?.code).toBe('other_refusal_code');
    expect(judge(smc, quota, smcError(400, 'Made.Up'))).toEqual({ conclusive: false, reason: 'undocumented-code', rules: ['job-quota'] });
    expect(judge(smc, quota, smcError(400, 'Throttling.User'))).toEqual({ conclusive: false, reason: 'throttling', rules: ['job-quota'] });
    expect(judge(smc, quota, { ...smcError(500, 'InternalError') })).toMatchObject({ conclusive: false, reason: 'server' });
  });

  it('accepts, for a rule without a code, the refusals its entry allows', () => {
    const exists = { outcome: 'refused', refusals: [{ rule: 'source-must-exist', code: null, accepts: 'validation-or-state' }] } as const;
    const size = { outcome: 'refused', refusals: [{ rule: 'disk-size-above-used', code: null, accepts: 'validation' }] } as const;
    expect(judge(smc, exists, smcError(400, 'SourceServerState.Invalid'))).toEqual({ conclusive: true, rules: ['source-must-exist'] });
    expect(judge(smc, size, smcError(400, 'InvalidParameter'))).toEqual({ conclusive: true, rules: ['disk-size-above-used'] });
    const state = judge(smc, size, smcError(400, 'SourceServerState.Invalid'));
    expect(state.conclusive && state.mismatch?.code).toBe('other_refusal_code');
  });

  it('takes, for a rule without a code, an uncatalogued code that names its parameter, and nothing else uncatalogued', () => {
    const exists = { outcome: 'refused', refusals: [{ rule: 'source-must-exist', code: null, accepts: 'validation-or-state', about: ['/SourceId'] }] } as const;
    expect(judge(smc, exists, smcError(404, 'InvalidSourceId.NotFound'))).toEqual({ conclusive: true, rules: ['source-must-exist'] });
    expect(judge(smc, exists, smcError(404, 'Made.Up'))).toEqual({ conclusive: false, reason: 'undocumented-code', rules: ['source-must-exist'] });
  });

  it("matches a due code before its class: DCS files its unknown project under the gateway", () => {
    const project = { outcome: 'refused', refusals: [{ rule: 'project-exists', code: 'DCS.4001' }] } as const;
    expect(judge(dcs, project, answer(dcs, 404, { error_code: 'DCS.4001', error_msg: 'm' }))).toEqual({ conclusive: true, rules: ['project-exists'] });
  });

  it('charges a refused or different retry to idempotency, whatever code came back', () => {
    const retry = { outcome: 'same-job', jobId: 'j-1', rule: 'client-token-idempotency' } as const;
    const refused = judge(smc, retry, smcError(400, 'SourceServerState.Invalid'));
    expect(refused.conclusive && refused.mismatch).toMatchObject({ rule: 'client-token-idempotency', code: 'refused_allowed_call' });
    const other = judge(smc, retry, answer(smc, 200, { JobId: 'j-2', RequestId: 'r' }));
    expect(other.conclusive && other.mismatch).toMatchObject({ rule: 'client-token-idempotency', code: 'retry_other_result' });
    expect(judge(smc, retry, answer(smc, 200, { JobId: 'j-1', RequestId: 'r' }))).toEqual({ conclusive: true, rules: ['client-token-idempotency'], jobId: 'j-1' });
  });

  it('reads no answer as transport', () => {
    const exchange = { request, failure: { kind: 'reset', message: 'connection reset (ECONNRESET)' }, durationMs: 1, attempts: 1 } as Exchange;
    expect(judge(smc, { outcome: 'created', about: ['job-quota'] }, answeredOf(smc, exchange))).toEqual({ conclusive: false, reason: 'transport', rules: ['job-quota'] });
  });
});

describe('the stateful ledger', () => {
  it('covers a family on one conclusive call, else names the main inconclusive reason, else says why it was not tested', () => {
    const ledger = new StatefulLedger('a', ['(stateful) x', '(stateful) y', '(stateful) z', '(stateful) w']);
    ledger.call('(stateful) x', 'c', { conclusive: false, reason: 'throttling' });
    ledger.call('(stateful) x', 'c', { conclusive: true });
    ledger.call('(stateful) y', 'c', { conclusive: false, reason: 'throttling' });
    ledger.call('(stateful) y', 'c', { conclusive: false, reason: 'throttling' });
    ledger.call('(stateful) y', 'c', { conclusive: false, reason: 'transport' });
    ledger.notTestable('(stateful) z', 'not testable with these fixtures: quota 9 needs 10 Available sources, the profile has 2');
    ledger.call('(stateful) w', 'c', { setup: true });
    ledger.call('(stateful) other', 'c', { conclusive: true });
    const outcomes = Object.fromEntries(ledger.outcomes().map((o) => [o.rule, o]));
    expect(Object.keys(outcomes)).toEqual(['(stateful) x', '(stateful) y', '(stateful) z', '(stateful) w']);
    expect(outcomes['(stateful) x']).toMatchObject({ coverage: 'covered', cases: 2, conclusive: 1, inconclusive: { throttling: 1 }, kind: 'stateful' });
    expect(outcomes['(stateful) y']).toMatchObject({ coverage: 'inconclusive', coverageReason: 'answered with throttling errors', inconclusive: { throttling: 2, transport: 1 } });
    expect(outcomes['(stateful) z']).toMatchObject({ coverage: 'not-testable', coverageReason: expect.stringContaining('quota 9 needs 10') });
    expect(outcomes['(stateful) w']).toMatchObject({ coverage: 'not-covered', cases: 1, conclusive: 0 });
  });
});
