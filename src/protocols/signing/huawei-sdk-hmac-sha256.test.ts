import { afterEach, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from '../testing/capture-server.ts';
import { flip, withHeader } from '../testing/tamper.ts';
import { createMigrationTaskBody } from '../testing/fixtures.ts';
import { huaweiClient } from '../testing/sdk-clients.ts';
import { EMPTY_SHA256_HEX } from './crypto.ts';
import {
  type VerifyHuaweiInput,
  huaweiCanonicalUri,
  parseHuaweiAuthorization,
  signHuawei,
  verifyHuawei,
} from './huawei-sdk-hmac-sha256.ts';
import type { ReceivedRequest } from './received-request.ts';
import { parseSdkDate } from './timestamps.ts';

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'TestSecretKeyForHuaweiSigning0123456789';
const PROJECT = '0b6a6d5d37a846bf8a1fbd1b8fbf1ed2';

function verifier(request: ReceivedRequest, overrides: Partial<VerifyHuaweiInput> = {}): VerifyHuaweiInput {
  return { request, secretFor: (ak) => (ak === AK ? SK : undefined), now: new Date(), ...overrides };
}
const reasonOf = (result: ReturnType<typeof verifyHuawei>): string => (result.ok ? 'ok' : result.reason);

describe('SDK-HMAC-SHA256 documented example', () => {
  it('reproduces the canonical request and string to sign of the API signing guide', () => {
    // support.huaweicloud.com devg-apisign api-sign-algorithm-002/-003 (GET vpcs, X-Sdk-Date 20191115T033655Z).
    // The guide's SK is masked, so only the string to sign can be checked.
    const signed = signHuawei({
      method: 'GET',
      url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      headers: { 'Content-Type': 'application/json' },
      ak: AK,
      sk: 'not-published',
      date: new Date('2019-11-15T03:36:55Z'),
    });
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json',
        'host:service.region.example.com',
        'x-sdk-date:20191115T033655Z',
        '',
        'content-type;host;x-sdk-date',
        EMPTY_SHA256_HEX,
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe('SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signed.authorization).toMatch(/^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(signed.headers['X-Sdk-Date']).toBe('20191115T033655Z');
  });

  it('always ends the canonical URI with / and encodes segments once', () => {
    expect(huaweiCanonicalUri('/v2/pid/migration-task')).toBe('/v2/pid/migration-task/');
    expect(huaweiCanonicalUri('/')).toBe('/');
    expect(huaweiCanonicalUri('/a%20b/c*d/')).toBe('/a%20b/c%2Ad/');
  });
});

describe('verifyHuawei on our own signer', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const url = `https://dcs.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/migration-tasks?limit=10&name=a%20b&status=SUCCESS&status=MIGRATING`;
  const body = JSON.stringify(createMigrationTaskBody);
  const signed = signHuawei({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': PROJECT },
    body,
    ak: AK,
    sk: SK,
    date: now,
  });
  const request: ReceivedRequest = {
    method: 'POST',
    target: url.slice('https://dcs.cn-north-4.myhuaweicloud.com'.length),
    headers: new Headers({ ...signed.headers, Host: 'dcs.cn-north-4.myhuaweicloud.com', 'User-Agent': 'unsigned' }),
    body: new TextEncoder().encode(body),
  };

  it('accepts it and reports what was signed', () => {
    expect(parseHuaweiAuthorization(signed.authorization)).toEqual({
      algorithm: 'SDK-HMAC-SHA256',
      access: AK,
      signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
      signature: signed.signature,
    });
    expect(signed.canonicalRequest.split('\n')[2]).toBe('limit=10&name=a%20b&status=MIGRATING&status=SUCCESS');
    expect(verifyHuawei(verifier(request, { now }))).toEqual({
      ok: true,
      accessKeyId: AK,
      date: now,
      signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
      canonicalRequest: signed.canonicalRequest,
      stringToSign: signed.stringToSign,
    });
  });

  it('fails with APIGW.0301 / 401 and a gateway-like message', () => {
    const check = (input: ReceivedRequest, reason: string, overrides: Partial<VerifyHuaweiInput> = {}) => {
      const result = verifyHuawei(verifier(input, { now, ...overrides }));
      expect(result.ok ? ['ok'] : [result.errorCode, result.httpStatus, result.reason]).toEqual(['APIGW.0301', 401, reason]);
      expect(result.ok ? '' : result.message).toMatch(/^Incorrect IAM authentication information: /);
      return result;
    };
    check(withHeader(request, 'authorization', null), 'missing-authorization');
    check(withHeader(request, 'authorization', 'SDK-HMAC-SHA256 Access=x'), 'malformed-authorization');
    check(withHeader(request, 'authorization', signed.authorization.replace('SDK-', 'V11-')), 'unsupported-algorithm');
    check(withHeader(request, 'authorization', signed.authorization.replace('content-type;host', 'host;content-type')), 'malformed-authorization');
    check(withHeader(request, 'x-sdk-date', null), 'missing-date');
    check(withHeader(request, 'authorization', signed.authorization.replace(';x-sdk-date', '')), 'date-not-signed');
    check(withHeader(request, 'x-sdk-date', '2026-01-01T00:00:00Z'), 'malformed-date');
    check(request, 'date-expired', { now: new Date(now.getTime() + 16 * 60_000) });
    expect(verifyHuawei(verifier(request, { now: new Date(now.getTime() + 14 * 60_000) })).ok).toBe(true);
    check(withHeader(request, 'x-project-id', null), 'signed-header-missing');
    const unknown = check(request, 'unknown-access-key', { secretFor: () => undefined });
    expect(unknown.ok ? '' : unknown.message).toBe(`Incorrect IAM authentication information: Get secretKey failed,ak:${AK},err:ak not exist`);
    const mismatch = check(request, 'signature-mismatch', { secretFor: () => 'wrong' });
    expect(mismatch.ok ? '' : mismatch.message).toBe(
      `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:${signed.canonicalRequest.replaceAll('\n', '|')}`,
    );
    check({ ...request, target: flip(request.target, 'limit=10') }, 'signature-mismatch');
    // The canonical URI always ends with '/', so a trailing slash on the wire verifies the same.
    expect(verifyHuawei(verifier({ ...request, target: request.target.replace('/migration-tasks', '/migration-tasks/') }, { now })).ok).toBe(true);
    check(withHeader(request, 'x-project-id', `${PROJECT.slice(0, -1)}3`), 'signature-mismatch');
    check({ ...request, body: new TextEncoder().encode(flip(body, '"task_name":"dcs')) }, 'signature-mismatch');
    check({ ...request, method: 'PUT' }, 'signature-mismatch');
  });

  it('supports X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD', () => {
    const unsigned = signHuawei({
      method: 'PUT',
      url: 'https://obs.example.com/bucket/object',
      headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD', 'Content-Type': 'application/octet-stream' },
      body: 'payload',
      ak: AK,
      sk: SK,
      date: now,
    });
    expect(unsigned.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    const received: ReceivedRequest = {
      method: 'PUT',
      target: '/bucket/object',
      headers: new Headers({ ...unsigned.headers, host: 'obs.example.com' }),
      body: new TextEncoder().encode('another payload'),
    };
    expect(verifyHuawei(verifier(received, { now })).ok).toBe(true);
    expect(reasonOf(verifyHuawei(verifier(withHeader(received, 'x-sdk-content-sha256', EMPTY_SHA256_HEX), { now })))).toBe(
      'signature-mismatch',
    );
  });
});

describe('SDK-HMAC-SHA256 over the wire', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async () => {
    server = await startCaptureServer(() => ({
      status: 200,
      body: '{"id":"8aa6999e71cb638b0171f485f5266ef0","name":"dcs-migration-test","status":"MIGRATING"}',
    }));
    return server;
  };
  const only = (requests: ReceivedRequest[]): ReceivedRequest => {
    expect(requests).toHaveLength(1);
    const [request] = requests;
    if (request === undefined) throw new Error('no request');
    return request;
  };

  it('signs the exact bytes our own signer sends (fetch)', async () => {
    const { origin, requests } = await start();
    const body = JSON.stringify(createMigrationTaskBody);
    const signed = signHuawei({
      method: 'POST',
      url: `${origin}/v2/${PROJECT}/migration-task`,
      headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': PROJECT },
      body,
      ak: AK,
      sk: SK,
      date: new Date(),
    });
    await fetch(`${origin}/v2/${PROJECT}/migration-task`, { method: 'POST', headers: signed.headers, body });
    const request = only(requests);
    expect(verifyHuawei(verifier(request)).ok).toBe(true);
    expect(reasonOf(verifyHuawei(verifier({ ...request, body: request.body.map((b, i) => (i === 5 ? b ^ 1 : b)) })))).toBe(
      'signature-mismatch',
    );
  });

  it('accepts @huaweicloud/huaweicloud-sdk-core CreateMigrationTask and matches its signature', async () => {
    const { origin, requests } = await start();
    const client = huaweiClient({ endpoint: origin, ak: AK, sk: SK, projectId: PROJECT });
    await expect(
      client.sendRequest({
        method: 'POST',
        url: '/v2/{project_id}/migration-task',
        contentType: 'application/json;charset=UTF-8',
        pathParams: {},
        queryParams: {},
        headers: {},
        data: createMigrationTaskBody,
      }),
    ).resolves.toMatchObject({ status: 'MIGRATING' });
    const request = only(requests);
    expect(request.target).toBe(`/v2/${PROJECT}/migration-task`);
    const result = verifyHuawei(verifier(request));
    expect(result).toMatchObject({ ok: true, accessKeyId: AK, signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'] });

    // Cross-check: our signer reproduces the SDK's Authorization from the same inputs.
    const ours = signHuawei({
      method: 'POST',
      url: `${origin}${request.target}`,
      headers: { 'content-type': request.headers.get('content-type') ?? '', 'x-project-id': PROJECT },
      body: request.body,
      ak: AK,
      sk: SK,
      date: parseSdkDate(request.headers.get('x-sdk-date') ?? '') ?? new Date(Number.NaN),
    });
    expect(ours.authorization).toBe(request.headers.get('authorization'));

    const body = new TextDecoder().decode(request.body);
    expect(reasonOf(verifyHuawei(verifier({ ...request, body: new TextEncoder().encode(flip(body, '"migration_method":"full')) })))).toBe(
      'signature-mismatch',
    );
    expect(reasonOf(verifyHuawei(verifier(withHeader(request, 'x-project-id', `${PROJECT.slice(0, -1)}3`))))).toBe('signature-mismatch');
    expect(reasonOf(verifyHuawei(verifier({ ...request, target: flip(request.target, '/migration-task') })))).toBe('signature-mismatch');
    expect(reasonOf(verifyHuawei(verifier(request, { secretFor: () => `${SK}x` })))).toBe('signature-mismatch');
    expect(reasonOf(verifyHuawei(verifier(request, { secretFor: () => undefined })))).toBe('unknown-access-key');
  });

  it('accepts the SDK core for CreateOnlineMigrationTask and a GET with multi-valued query', async () => {
    const { origin, requests } = await start();
    const client = huaweiClient({ endpoint: origin, ak: AK, sk: SK, projectId: PROJECT });
    await client.sendRequest({
      method: 'POST',
      url: '/v2/{project_id}/migration/instance',
      contentType: 'application/json;charset=UTF-8',
      pathParams: {},
      queryParams: {},
      headers: {},
      data: { name: 'online', vpc_id: 'vpc-1', subnet_id: 'subnet-1', security_group_id: 'sg-1' },
    });
    await client.sendRequest({
      method: 'GET',
      url: '/v2/{project_id}/migration-tasks',
      pathParams: {},
      queryParams: { offset: '0', limit: '10', name: "a b*(c)!'中", status: ['SUCCESS', 'MIGRATING'] },
      headers: {},
    });
    expect(requests).toHaveLength(2);
    const [online, list] = requests;
    if (online === undefined || list === undefined) throw new Error('missing requests');
    expect(verifyHuawei(verifier(online)).ok).toBe(true);
    // The SDK sorts multi-valued parameters in place before sending.
    expect(list.target).toContain('status=MIGRATING&status=SUCCESS');
    expect(verifyHuawei(verifier(list))).toMatchObject({ ok: true });
    // Values of one name are sorted when canonicalized, so wire order does not matter...
    const swapped = list.target.replace('status=MIGRATING&status=SUCCESS', 'status=SUCCESS&status=MIGRATING');
    expect(verifyHuawei(verifier({ ...list, target: swapped })).ok).toBe(true);
    // ...but every value and byte does.
    expect(reasonOf(verifyHuawei(verifier({ ...list, target: flip(list.target, 'limit=10') })))).toBe('signature-mismatch');
    expect(reasonOf(verifyHuawei(verifier({ ...list, target: list.target.replace('&status=SUCCESS', '') })))).toBe('signature-mismatch');
  });
});
