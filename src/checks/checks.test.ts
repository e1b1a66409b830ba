import { describe, expect, it } from 'vitest';
import type { Expectation, RequestCase } from '../../generators/request-case.ts';
import { answerAbout, classifyAnswer } from './answer.ts';
import { loadContract } from '../contract/load.ts';
import { compileSchema } from '../contract/validator.ts';
import type { WireResponse } from '../protocols/wire-request.ts';
import type { CheckContext } from './check.ts';
import { checks } from './index.ts';
import { caseOutcome } from './outcome.ts';
import { adapterOf } from '../adapters/index.ts';

const smc = loadContract('alibaba-smc/CreateReplicationJob@current');
const dcs = loadContract('huawei-dcs/CreateMigrationTask');
const json = { 'content-type': 'application/json;charset=utf-8' };
const requestId = 'C8B26B44-0189-443E-9816-D951F59623A9';

function context(contract: typeof smc, expected: Expectation, response: WireResponse | 'timeout', rule = 'SystemDiskSize.maximum'): CheckContext {
  const c: RequestCase = { kind: expected.outcome === 'accept' ? 'valid' : expected.outcome === 'reject' ? 'violation' : 'probe', rule, label: 'limit + 1', pointer: '/SystemDiskSize', request: {}, expected };
  const request = { method: 'POST', url: 'http://127.0.0.1/', headers: {} };
  const exchange = response === 'timeout' ? { request, failure: { kind: 'timeout' as const, message: 'no response' }, durationMs: 1, attempts: 1 } : { request, response, durationMs: 1, attempts: 1 };
  const body = response === 'timeout' ? {} : adapterOf(contract).parseBody(response);
  const answer = classifyAnswer(contract, exchange, body);
  return {
    contract,
    case: c,
    exchange,
    body,
    answer,
    requestIdRequired: adapterOf(contract).requestIdRequired,
    outcome: caseOutcome(c, answer, { about: answerAbout(answer, [c.pointer ?? '']), editsFixtureReference: false }),
    validators: { success: new Map([...contract.responseSchemas].map(([s, schema]) => [s, compileSchema(schema)])), errorEnvelope: compileSchema(contract.errorEnvelopeSchema) },
  };
}

/** Every finding of every applicable check, as `check/code/severity`. */
function findings(ctx: CheckContext): string[] {
  return checks.filter((c) => c.appliesTo(ctx)).flatMap((c) => c.run(ctx).map((f) => `${c.name}/${f.code}/${f.severity}`));
}

const reject: Expectation = { outcome: 'reject', codes: ['InvalidParameter'] };
const smcError = (status: number, code: string, extra: Record<string, unknown> = {}) => ({ status, headers: json, body: JSON.stringify({ RequestId: requestId, HostId: 'smc.aliyuncs.com', Code: code, Message: 'm', ...extra }) });

describe('checks on Alibaba SMC answers', () => {
  it('find nothing in a documented rejection or a conforming success', () => {
    expect(findings(context(smc, reject, smcError(400, 'InvalidParameter')))).toEqual([]);
    expect(findings(context(smc, { outcome: 'accept' }, { status: 200, headers: json, body: JSON.stringify({ RequestId: requestId, JobId: 'j-abc' }) }))).toEqual([]);
  });

  it("take HTTP's own refusal of a request that breaks the protocol as documented: 405 for a method", () => {
    const wrongMethod = { outcome: 'reject', codes: ['InvalidAction.NotFound', 'UnsupportedOperation'] } as const;
    const answer = smcError(405, 'UnsupportedHTTPMethod');
    expect(findings({ ...context(smc, wrongMethod, answer, '(wire) wrong-method'), breaksProtocol: true })).toEqual(['error-code-documented/undocumented_error_code/drift']);
    // The same status for a request of the operation's own is undocumented.
    expect(findings(context(smc, reject, answer))).toContain('status-documented/undocumented_status/violation');
  });

  it('name each fault', () => {
    const cases: [CheckContext, string[]][] = [
      [context(smc, reject, { status: 200, headers: json, body: JSON.stringify({ RequestId: requestId, JobId: 'j-1' }) }), ['violation-rejected/accepted_invalid_request/violation']],
      [context(smc, reject, smcError(500, 'InternalError')), ['no-server-error/server_error/violation']],
      [context(smc, reject, smcError(400, 'Bogus.Code')), ['error-code-documented/undocumented_error_code/drift']],
      [context(smc, reject, smcError(404, 'ReplicationJobName.Duplicate')), ['fixture-state/refused_for_fixture_state/violation', 'status-documented/status_code_mismatch/violation', 'error-code-documented/unexpected_error_code/info']],
      [context(smc, reject, { status: 418, headers: json, body: '{}' }), ['status-documented/undocumented_status/violation', 'error-envelope/bad_error_envelope/violation', 'request-id/missing_request_id/violation']],
      [context(smc, reject, { status: 400, headers: json, body: JSON.stringify({ RequestId: requestId, Message: 'no code' }) }), ['error-envelope/bad_error_envelope/violation']],
      [context(smc, reject, { ...smcError(400, 'InvalidParameter'), headers: { 'content-type': 'text/plain' } }), ['content-type/wrong_content_type/drift']],
      [context(smc, { outcome: 'accept' }, { status: 200, headers: json, body: JSON.stringify({ JobId: 'j-1' }) }), ['response-schema/schema_mismatch/violation', 'request-id/missing_request_id/violation']],
      [context(smc, { outcome: 'accept' }, smcError(400, 'InvalidParameter')), ['valid-accepted/rejected_valid_request/violation']],
      [context(smc, reject, 'timeout'), ['no-server-error/transport_failure/violation']],
      [context(smc, { outcome: 'either', readings: [{ contradiction: 'target-type-case', accepting: ['ignore-case'], refusing: ['exact'] }] }, { status: 200, headers: json, body: JSON.stringify({ RequestId: requestId, JobId: 'j-1' }) }), ['ambiguous-rule/ambiguous_reading_accepts/info']],
    ];
    for (const [ctx, expected] of cases) expect(findings(ctx), JSON.stringify(ctx.exchange)).toEqual(expected);
  });

  it('judge nothing about a rule from answers of another layer', () => {
    for (const answer of [smcError(400, 'SignatureDoesNotMatch'), smcError(400, 'Throttling.User'), smcError(403, 'Forbidden.RAM'), smcError(404, 'InvalidAction.NotFound')]) {
      for (const expected of [reject, { outcome: 'accept' } as const]) {
        const ctx = context(smc, expected, answer);
        expect(ctx.outcome.conclusive, answer.body).toBe(false);
        expect(findings(ctx).filter((f) => f.endsWith('/violation')), answer.body).toEqual([]);
      }
    }
  });

  it('tie a validation refusal to the parameter its message names', () => {
    const naming = (name: string) => smcError(400, 'InvalidParameter', { Message: `The specified value of parameter "${name}" is not valid.` });
    expect(findings(context(smc, reject, naming('SystemDiskSize')))).toEqual([]);
    expect(context(smc, reject, naming('SystemDiskSize')).outcome).toEqual({ conclusive: true, accepted: false });
    expect(findings(context(smc, reject, naming('Name')))).toEqual(['refused-for-named-parameter/refused_for_other_parameter/violation']);
    expect(context(smc, reject, naming('Name')).outcome).toEqual({ conclusive: false, reason: 'other-parameter' });
    const missing = smcError(400, 'MissingParameter', { Message: 'The input parameter "DataDisk.1.Size" that is mandatory for processing this request is not supplied.' });
    expect(context(smc, { outcome: 'reject', codes: ['MissingParameter'] }, missing, 'DataDisk.Size.required').outcome).toEqual({ conclusive: false, reason: 'other-parameter' });
  });
});

describe('checks on Huawei DCS answers', () => {
  const dcsError = (status: number, code: string) => ({ status, headers: json, body: JSON.stringify({ error_code: code, error_msg: 'm', error_ext_msg: null }) });

  it('hold error_code to 9 characters, except the gateway codes the docs forget', () => {
    expect(findings(context(dcs, reject, dcsError(400, 'DCS.4062')))).toEqual(['error-code-documented/unexpected_error_code/info']);
    expect(findings(context(dcs, reject, dcsError(400, 'DCS.40620')))).toEqual(['error-code-documented/undocumented_error_code/drift']);
    expect(findings(context(dcs, reject, dcsError(400, 'DCS.406200')))).toEqual(['error-code-documented/undocumented_error_code/drift', 'error-envelope/bad_error_envelope/violation']);
    expect(findings(context(dcs, reject, dcsError(401, 'APIGW.0301')))).toEqual(['error-envelope/gateway_code_length/info']);
  });

  it('check the success status against its enum', () => {
    expect(findings(context(dcs, { outcome: 'accept' }, { status: 200, headers: json, body: JSON.stringify({ id: 'x', name: 'n', status: 'MIGRATING' }) }))).toEqual([]);
    expect(findings(context(dcs, { outcome: 'accept' }, { status: 200, headers: json, body: JSON.stringify({ id: 'x', name: 'n', status: 'RUNNING' }) }))).toEqual(['response-schema/schema_mismatch/violation']);
  });
});
