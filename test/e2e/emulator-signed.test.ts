import http from 'node:http';
import { setupServer } from 'msw/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, createHandlers, type EmulatorServer } from '../../emulator/index.ts';
import { loadProfile, type TargetProfile } from '../../src/profile/load-profile.ts';
import type { ReceivedRequest } from '../../src/protocols/signing/received-request.ts';
import { startCaptureServer } from '../../src/protocols/testing/capture-server.ts';
import { huaweiClient, openApiRpcCall, popCoreClient, type HuaweiRequestOptions } from '../../src/protocols/testing/sdk-clients.ts';
import { flip } from '../../src/protocols/testing/tamper.ts';
import { dcs, manySources, send, signedProfile, smc, testKeys } from '../helpers/emulator-cases.ts';
import { startEmulator } from '../helpers/start-emulator.ts';

const projectId = loadProfile().targets['huawei-dcs']!.projectId;
// A fresh source per request: each accepted create keeps its source busy.
const profile: TargetProfile = {
  targets: {
    'alibaba-smc': { ...signedProfile.targets['alibaba-smc']!, fixtures: { ...signedProfile.targets['alibaba-smc']!.fixtures, sources: manySources('s-signed', 60) } },
    'huawei-dcs': signedProfile.targets['huawei-dcs']!,
  },
};
let server: EmulatorServer;
let nextSource = 10;
const params = () => ({ RegionId: 'cn-hangzhou', SourceId: `s-signed${nextSource++}` });
const onlineBody = { name: 'sdk', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
const huaweiOnlineCall: HuaweiRequestOptions = {
  method: 'POST',
  url: '/v2/{project_id}/migration/instance',
  contentType: 'application/json',
  pathParams: { project_id: projectId },
  queryParams: {},
  headers: { 'Content-Type': 'application/json' },
  data: onlineBody,
};
const keys = { accessKeyId: testKeys.id, accessKeySecret: testKeys.secret };

beforeAll(async () => {
  server = await startEmulator({ profile });
});

/** Sends a captured request to the emulator byte for byte (its Host header included, which the signature may cover). */
function replay(request: ReceivedRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(server.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.target, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** What an SDK sends, caught on a loopback capture server (answering an empty success). */
async function captured(send: (origin: string, host: string) => Promise<unknown>): Promise<ReceivedRequest> {
  const capture = await startCaptureServer(() => ({ status: 200, body: JSON.stringify({ RequestId: 'R', JobId: 'j-x', instance_id: 'i' }) }));
  try {
    await send(capture.origin, capture.host);
    return capture.requests[0]!;
  } finally {
    await capture.close();
  }
}

/** The request with one byte of its SourceId (SMC) or name (DCS) changed, wherever the SDK put it. */
function tampered(request: ReceivedRequest, needle: string): ReceivedRequest {
  const body = Buffer.from(request.body).toString('utf8');
  if (body.includes(needle)) return { ...request, body: new TextEncoder().encode(flip(body, needle)) };
  return { ...request, target: flip(request.target, needle) };
}

// Sources 0–3 for the captured SDK requests below, 10 on for params().
const sourceOf = { GET: 's-signed0', POST: 's-signed3' } as const;
const sdks: { name: string; needle: string; rejectedWith: string; capture: () => Promise<ReceivedRequest> }[] = [
  ...(['GET', 'POST'] as const).map((method) => ({
    name: `@alicloud/pop-core ${method} (signature 1.0)`,
    needle: sourceOf[method],
    rejectedWith: 'SignatureDoesNotMatch',
    capture: () => captured((origin) => popCoreClient({ endpoint: origin, apiVersion: '2019-06-01', ...keys }).request('CreateReplicationJob', { RegionId: 'cn-hangzhou', SourceId: sourceOf[method] }, { method })),
  })),
  ...([undefined, 'v2'] as const).map((algorithm) => ({
    name: `@alicloud/openapi-client ${algorithm ?? 'default (ACS3-HMAC-SHA256)'}`,
    needle: algorithm ? 's-signed1' : 's-signed2',
    rejectedWith: 'SignatureDoesNotMatch',
    capture: () =>
      captured((_, host) =>
        openApiRpcCall({ host, ...keys, ...(algorithm ? { signatureAlgorithm: algorithm } : {}), action: 'CreateReplicationJob', version: '2019-06-01', query: { RegionId: 'cn-hangzhou', SourceId: algorithm ? 's-signed1' : 's-signed2' } }),
      ),
  })),
  {
    name: '@huaweicloud/huaweicloud-sdk-core (SDK-HMAC-SHA256)',
    needle: '"sdk"',
    rejectedWith: 'APIGW.0301',
    capture: () => captured((origin) => huaweiClient({ endpoint: origin, ak: testKeys.id, sk: testKeys.secret, projectId }).sendRequest(huaweiOnlineCall)),
  },
];

describe('requests signed by the vendors own SDK cores', () => {
  for (const method of ['GET', 'POST'] as const) {
    it(`are accepted from @alicloud/pop-core ${method} (signature 1.0), whose answer it parses`, async () => {
      const client = popCoreClient({ endpoint: server.url, apiVersion: '2019-06-01', ...keys });
      await expect(client.request('CreateReplicationJob', params(), { method })).resolves.toMatchObject({ JobId: expect.stringMatching(/^j-/) });
    });
  }

  it('are accepted from @alicloud/openapi-client in its default ACS3-HMAC-SHA256 and in v2', async () => {
    const host = server.url.replace('http://', '');
    await expect(openApiRpcCall({ host, ...keys, action: 'CreateReplicationJob', version: '2019-06-01', query: params() })).resolves.toMatchObject({ body: { JobId: expect.stringMatching(/^j-/) } });
    await expect(openApiRpcCall({ host, ...keys, signatureAlgorithm: 'v2', action: 'CreateReplicationJob', version: '2019-06-01', query: params() })).resolves.toMatchObject({ body: { JobId: expect.stringMatching(/^j-/) } });
  });

  it('are accepted from @huaweicloud/huaweicloud-sdk-core (SDK-HMAC-SHA256)', async () => {
    const answer = await huaweiClient({ endpoint: server.url, ak: testKeys.id, sk: testKeys.secret, projectId }).sendRequest(huaweiOnlineCall);
    expect(JSON.stringify(answer)).toContain('instance_id');
  });

  it.each(sdks)('are refused when tampered with, and accepted as sent: $name', async ({ needle, rejectedWith, capture }) => {
    const request = await capture();
    expect(await replay(tampered(request, needle)), 'tampered').toMatchObject({ body: { [rejectedWith.startsWith('APIGW') ? 'error_code' : 'Code']: rejectedWith } });
    expect((await replay(request)).status, 'as sent').toBe(200);
  });
});

describe('missing, stale, replayed or wrong signatures', () => {
  const signed = (overrides: { secret?: string; now?: Date } = {}) => smc(server.url, params(), undefined, undefined, { credentials: { ...keys, accessKeySecret: overrides.secret ?? testKeys.secret }, ...(overrides.now ? { now: overrides.now } : {}) });

  it('are refused with the vendor codes', async () => {
    expect((await send(signed({ secret: 'wrong' }))).body['Code']).toBe('SignatureDoesNotMatch');
    expect((await send(signed({ now: new Date(Date.now() - 40 * 60_000) }))).body['Code']).toBe('InvalidTimeStamp.Expired');
    expect((await send(smc(server.url, params()))).status).toBe(400);
    const once = signed();
    expect((await send(once)).status).toBe(200);
    expect((await send(once)).body['Code']).toBe('SignatureNonceUsed');
    const body = signed();
    expect((await send({ ...body, body: (body.body ?? '').replace('cn-hangzhou', 'cn-shanghai') })).body['Code']).toBe('SignatureDoesNotMatch');
  });

  it('accept our own ACS3-HMAC-SHA256 requests and refuse a wrong secret', async () => {
    const acs3 = (secret: string) => smc(server.url, params(), undefined, undefined, { credentials: { ...keys, accessKeySecret: secret, signature: 'acs3' } });
    expect(await send(acs3(testKeys.secret))).toMatchObject({ status: 200, body: { JobId: expect.stringMatching(/^j-/) } });
    expect((await send(acs3('wrong'))).body['Code']).toBe('SignatureDoesNotMatch');
  });

  it('refuse a Huawei request with a wrong secret or a tampered body with APIGW.0301', async () => {
    const call = (sk: string) => dcs(server.url, '/v2/{project_id}/migration/instance', { ...onlineBody, name: 'x' }, 'POST', { credentials: { ak: testKeys.id, sk } });
    expect((await send(call(testKeys.secret))).status).toBe(200);
    expect(await send(call('wrong'))).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    const good = call(testKeys.secret);
    expect(await send({ ...good, body: (good.body ?? '').replace('"x"', '"y"') })).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
  });

  it('are checked the same way through the msw handlers', async () => {
    const origin = 'https://smc.signed.test';
    const mocked = setupServer(...createHandlers(createEmulator({ profile }), origin));
    mocked.listen({ onUnhandledFrame: 'error' });
    try {
      const wrong = smc(origin, params(), undefined, undefined, { credentials: { ...keys, accessKeySecret: 'wrong' } });
      expect((await send(wrong)).body['Code']).toBe('SignatureDoesNotMatch');
      expect((await send(smc(origin, params(), undefined, undefined, { credentials: keys }))).status).toBe(200);
    } finally {
      mocked.close();
    }
  });
});
