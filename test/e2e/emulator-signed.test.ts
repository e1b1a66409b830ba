import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { loadProfile, type TargetProfile } from '../../src/profile/load-profile.ts';
import { buildRpcRequest } from '../../src/protocols/alibaba-rpc-client.ts';
import { buildRestRequest } from '../../src/protocols/huawei-rest-client.ts';
import { manySources } from '../helpers/emulator-cases.ts';
import { huaweiClient, openApiRpcCall, popCoreClient } from '../../src/protocols/testing/sdk-clients.ts';

const AK = 'LTAI5tTestAccessKeyId';
const SECRET = 'test-access-key-secret-123';
const base = loadProfile();
const profile: TargetProfile = {
  targets: {
    'alibaba-smc': {
      ...base.targets['alibaba-smc']!,
      credentials: { accessKeyId: AK, accessKeySecret: SECRET },
      // A fresh source per request: each accepted create keeps its source busy.
      fixtures: { ...base.targets['alibaba-smc']!.fixtures, sources: manySources('s-signed', 50) },
    },
    'huawei-dcs': { ...base.targets['huawei-dcs']!, credentials: { ak: AK, sk: SECRET } },
  },
};
const projectId = base.targets['huawei-dcs']!.projectId;
let server: EmulatorServer;
let nextSource = 0;
const params = () => ({ RegionId: 'cn-hangzhou', SourceId: `s-signed${nextSource++}` });

beforeAll(async () => {
  server = await startEmulatorServer(createEmulator({ profile }));
});
afterAll(async () => server.close());

async function send(request: { url: string; method: string; headers: Readonly<Record<string, string>>; body?: string }) {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('signed requests from the vendors own SDK cores', () => {
  for (const method of ['GET', 'POST'] as const) {
    it(`accepts @alicloud/pop-core ${method} (signature 1.0)`, async () => {
      const client = popCoreClient({ endpoint: server.url, apiVersion: '2019-06-01', accessKeyId: AK, accessKeySecret: SECRET });
      await expect(client.request('CreateReplicationJob', params(), { method })).resolves.toMatchObject({ JobId: expect.stringMatching(/^j-/) });
    });
  }

  it('accepts @alicloud/openapi-client in its default ACS3-HMAC-SHA256 and in v2', async () => {
    await expect(openApiRpcCall({ host: server.url.replace('http://', ''), accessKeyId: AK, accessKeySecret: SECRET, action: 'CreateReplicationJob', version: '2019-06-01', query: params() })).resolves.toMatchObject({ body: { JobId: expect.stringMatching(/^j-/) } });
    await expect(openApiRpcCall({ host: server.url.replace('http://', ''), accessKeyId: AK, accessKeySecret: SECRET, signatureAlgorithm: 'v2', action: 'CreateReplicationJob', version: '2019-06-01', query: params() })).resolves.toMatchObject({ body: { JobId: expect.stringMatching(/^j-/) } });
  });

  it('accepts @huaweicloud/huaweicloud-sdk-core (SDK-HMAC-SHA256)', async () => {
    const client = huaweiClient({ endpoint: server.url, ak: AK, sk: SECRET, projectId });
    const answer = await client.sendRequest({
      method: 'POST',
      url: '/v2/{project_id}/migration/instance',
      contentType: 'application/json',
      pathParams: { project_id: projectId },
      queryParams: {},
      headers: { 'Content-Type': 'application/json' },
      data: { name: 'sdk', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' },
    });
    expect(JSON.stringify(answer)).toContain('instance_id');
  });
});

describe('signatures through the msw handlers', () => {
  it('refuses a wrong signature as the server does', async () => {
    const { setupServer } = await import('msw/node');
    const { createHandlers } = await import('../../emulator/index.ts');
    const origin = 'https://smc.signed.test';
    const mocked = setupServer(...createHandlers(createEmulator({ profile }), origin));
    mocked.listen({ onUnhandledFrame: 'error' });
    try {
      const wrong = buildRpcRequest(params(), { endpoint: origin, action: 'CreateReplicationJob', version: '2019-06-01', credentials: { accessKeyId: AK, accessKeySecret: 'wrong' } });
      expect((await send(wrong)).body['Code']).toBe('SignatureDoesNotMatch');
      const right = buildRpcRequest(params(), { endpoint: origin, action: 'CreateReplicationJob', version: '2019-06-01', credentials: { accessKeyId: AK, accessKeySecret: SECRET } });
      expect((await send(right)).status).toBe(200);
    } finally {
      mocked.close();
    }
  });
});

describe('missing, stale or wrong signatures', () => {
  const signed = (overrides: { secret?: string; now?: Date } = {}) =>
    buildRpcRequest(params(), { endpoint: server.url, action: 'CreateReplicationJob', version: '2019-06-01', credentials: { accessKeyId: AK, accessKeySecret: overrides.secret ?? SECRET }, ...(overrides.now ? { now: overrides.now } : {}) });

  it('refuses them with the vendor codes', async () => {
    expect((await send(signed({ secret: 'wrong' }))).body['Code']).toBe('SignatureDoesNotMatch');
    expect((await send(signed({ now: new Date(Date.now() - 40 * 60_000) }))).body['Code']).toBe('InvalidTimeStamp.Expired');
    const unsigned = buildRpcRequest(params(), { endpoint: server.url, action: 'CreateReplicationJob', version: '2019-06-01' });
    expect((await send(unsigned)).status).toBeGreaterThanOrEqual(400);
    const once = signed();
    expect((await send(once)).status).toBe(200);
    expect((await send(once)).body['Code']).toBe('SignatureNonceUsed');
    const tampered = signed();
    expect((await send({ ...tampered, body: (tampered.body ?? '').replace('cn-hangzhou', 'cn-shanghai') })).body['Code']).toBe('SignatureDoesNotMatch');
  });

  it('accepts our own ACS3-HMAC-SHA256 requests and refuses a wrong secret', async () => {
    const acs3 = (secret: string) => buildRpcRequest(params(), { endpoint: server.url, action: 'CreateReplicationJob', version: '2019-06-01', credentials: { accessKeyId: AK, accessKeySecret: secret, signature: 'acs3' } });
    expect(await send(acs3(SECRET))).toMatchObject({ status: 200, body: { JobId: expect.stringMatching(/^j-/) } });
    expect((await send(acs3('wrong'))).body['Code']).toBe('SignatureDoesNotMatch');
  });

  it('refuses a Huawei request with a wrong secret or a tampered body with APIGW.0301', async () => {
    const body = { name: 'x', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
    const call = (sk: string) => buildRestRequest(body, { endpoint: server.url, method: 'POST', path: '/v2/{project_id}/migration/instance', pathParameters: { project_id: projectId }, credentials: { ak: AK, sk } });
    expect((await send(call(SECRET))).status).toBe(200);
    expect(await send(call('wrong'))).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    const good = call(SECRET);
    expect(await send({ ...good, body: (good.body ?? '').replace('"x"', '"y"') })).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
  });
});
