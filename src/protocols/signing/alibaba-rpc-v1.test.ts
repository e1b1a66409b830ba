import { afterEach, describe, expect, it } from 'vitest';
import { serializeFormUrlEncoded } from '../form-urlencoded.ts';
import { flattenRpcParams } from '../rpc-params.ts';
import { parseRpcRequestParts } from '../rpc-request.ts';
import { type CaptureServer, startCaptureServer } from '../testing/capture-server.ts';
import { createReplicationJobDisks, createReplicationJobRequest } from '../testing/fixtures.ts';
import { openApiRpcCall, popCoreClient } from '../testing/sdk-clients.ts';
import { ALIBABA_DEFAULT_MAX_SKEW_MS } from './alibaba-auth-error.ts';
import { type VerifyRpcV1Input, canonicalizeRpcV1, rpcV1StringToSign, signRpcV1, verifyRpcV1 } from './alibaba-rpc-v1.ts';
import type { ReceivedRequest } from './received-request.ts';
import { splitTarget } from './received-request.ts';
import { parseAlibabaTimestamp } from './timestamps.ts';

const AK = 'LTAI5tTestAccessKeyId';
const SECRET = 'TestAccessKeySecret/+=&';
const ACTION: Array<[string, string]> = [
  ['Action', 'CreateReplicationJob'],
  ['Version', '2019-06-01'],
];

function verifier(overrides: Partial<VerifyRpcV1Input> & Pick<VerifyRpcV1Input, 'method' | 'params'>): VerifyRpcV1Input {
  const seen = new Set<string>();
  return {
    secretFor: (id) => (id === AK ? SECRET : undefined),
    now: new Date(),
    maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS,
    seenNonce: (nonce) => seen.has(nonce) || (seen.add(nonce), false),
    ...overrides,
  };
}

function paramsOf(request: ReceivedRequest): Array<[string, string]> {
  const parsed = parseRpcRequestParts({
    query: splitTarget(request.target).query,
    contentType: request.headers.get('content-type'),
    body: request.body,
  });
  expect(parsed.problems).toEqual([]);
  return parsed.params;
}

/** Flips one byte of `needle` inside the raw query or body and returns the re-parsed params. */
function tampered(request: ReceivedRequest, needle: string): Array<[string, string]> {
  const swap = (text: string): string => {
    const at = text.indexOf(needle);
    expect(at).toBeGreaterThanOrEqual(0);
    const last = needle.charCodeAt(needle.length - 1);
    return text.slice(0, at) + needle.slice(0, -1) + String.fromCharCode(last ^ 1) + text.slice(at + needle.length);
  };
  const { path, query } = splitTarget(request.target);
  const body = new TextDecoder().decode(request.body);
  return paramsOf({
    ...request,
    target: query.includes(needle) ? `${path}?${swap(query)}` : request.target,
    body: body.includes(needle) ? new TextEncoder().encode(swap(body)) : request.body,
  });
}

describe('RPC v1 canonicalization', () => {
  it('reproduces the documented example (DescribeRegions, testid/testsecret)', () => {
    // Alibaba's RPC signature doc example, also in reseller doc "Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D".
    const signed = signRpcV1({
      method: 'GET',
      params: [
        ['Action', 'DescribeRegions'],
        ['Version', '2014-05-26'],
        ['Format', 'XML'],
      ],
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      timestamp: new Date('2016-02-23T12:46:24Z'),
      nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    });
    expect(signed.stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signed.signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('sorts raw names lexicographically (Key.10 before Key.2) and double-encodes (reference A.2)', () => {
    const sts = rpcV1StringToSign('POST', [
      ['Key.2', '2'],
      ['Key.10', '10'],
      ['Key.1', '1'],
      ['Key.11', '11'],
      ['Timestamp', '2020-05-12T10:29:49Z'],
      ['Signature', 'ignored'],
    ]);
    expect(sts).toBe('POST&%2F&Key.1%3D1%26Key.10%3D10%26Key.11%3D11%26Key.2%3D2%26Timestamp%3D2020-05-12T10%253A29%253A49Z');
    expect(canonicalizeRpcV1([['Desc', "a b*~!'()中"]])).toBe('Desc=a%20b%2A~%21%27%28%29%E4%B8%AD');
  });
});

describe('verifyRpcV1 on our own signer', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const sign = (extra: Partial<Parameters<typeof signRpcV1>[0]> = {}) =>
    signRpcV1({
      method: 'POST',
      params: [...ACTION, ...flattenRpcParams(createReplicationJobRequest)],
      accessKeyId: AK,
      accessKeySecret: SECRET,
      timestamp: now,
      nonce: 'nonce-1',
      ...extra,
    });

  it('accepts a signed request and returns its identity', () => {
    const signed = sign({ securityToken: 'sts-token' });
    const result = verifyRpcV1(verifier({ method: 'POST', params: signed.params, now }));
    expect(result).toEqual({
      ok: true,
      accessKeyId: AK,
      nonce: 'nonce-1',
      timestamp: now,
      securityToken: 'sts-token',
      stringToSign: signed.stringToSign,
    });
  });

  it('replaces caller-supplied auth parameters and keeps a caller Format', () => {
    const signed = signRpcV1({
      method: 'GET',
      params: [['Signature', 'x'], ['AccessKeyId', 'other'], ['Format', 'XML'], ...ACTION],
      accessKeyId: AK,
      accessKeySecret: SECRET,
      timestamp: now,
      nonce: 'n',
    });
    expect(signed.params.filter(([name]) => name === 'AccessKeyId')).toEqual([['AccessKeyId', AK]]);
    expect(signed.params.filter(([name]) => name === 'Format')).toEqual([['Format', 'XML']]);
    expect(signed.params.at(-1)).toEqual(['Signature', signed.signature]);
  });

  it('maps each failure to the reference code and status', () => {
    const signed = sign();
    const without = (name: string) => signed.params.filter(([n]) => n !== name);
    const replace = (name: string, value: string) => signed.params.map(([n, v]): [string, string] => [n, n === name ? value : v]);
    const check = (input: Partial<VerifyRpcV1Input>, code: string, status: number) => {
      const result = verifyRpcV1(verifier({ method: 'POST', params: signed.params, now, ...input }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect([result.code, result.httpStatus]).toEqual([code, status]);
      return result;
    };
    for (const name of ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature']) {
      const result = check({ params: without(name) }, 'MissingParameter', 400);
      expect(result.ok ? '' : result.message).toBe(`The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    check({ params: replace('SignatureMethod', 'HMAC-SHA256') }, 'IncompleteSignature', 400);
    check({ params: [...signed.params, ['Timestamp', '2026-01-01T00:00:00Z']] }, 'IncompleteSignature', 400);
    check({ params: replace('Timestamp', '2026-01-01 00:00:00') }, 'InvalidTimeStamp.Format', 400);
    check({ params: replace('Timestamp', '2026-02-30T00:00:00Z') }, 'InvalidTimeStamp.Format', 400);
    check({ now: new Date(now.getTime() + 32 * 60_000) }, 'InvalidTimeStamp.Expired', 400);
    check({ now: new Date(now.getTime() - 32 * 60_000) }, 'InvalidTimeStamp.Expired', 400);
    check({ secretFor: () => undefined }, 'InvalidAccessKeyId.NotFound', 404);
    const mismatch = check({ secretFor: () => 'wrong' }, 'SignatureDoesNotMatch', 400);
    expect(mismatch.ok ? '' : mismatch.message).toBe(
      `Specified signature is not matched with our calculation. server string to sign is:${signed.stringToSign}`,
    );
    check({ method: 'GET' }, 'SignatureDoesNotMatch', 400);
    check({ params: replace('RegionId', 'cn-hangzhoU') }, 'SignatureDoesNotMatch', 400);
    check({ params: [...signed.params, ['Extra', '1']] }, 'SignatureDoesNotMatch', 400);
    check({ seenNonce: () => true }, 'SignatureNonceUsed', 400);
  });

  it('consults the nonce store only for valid signatures', () => {
    const signed = sign();
    const asked: string[] = [];
    const seenNonce = (nonce: string) => {
      asked.push(nonce);
      return asked.length > 1;
    };
    expect(verifyRpcV1(verifier({ method: 'POST', params: signed.params, now, secretFor: () => 'wrong', seenNonce })).ok).toBe(false);
    expect(asked).toEqual([]);
    expect(verifyRpcV1(verifier({ method: 'POST', params: signed.params, now, seenNonce })).ok).toBe(true);
    const replay = verifyRpcV1(verifier({ method: 'POST', params: signed.params, now, seenNonce }));
    expect(replay.ok ? '' : replay.code).toBe('SignatureNonceUsed');
  });
});

describe('RPC v1 over the wire', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async () => {
    server = await startCaptureServer(() => ({ status: 200, body: '{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","JobId":"j-1"}' }));
    return server;
  };

  it('signs the exact bytes our own signer sends (form body via fetch)', async () => {
    const { origin, requests } = await start();
    const signed = signRpcV1({
      method: 'POST',
      params: [...ACTION, ...flattenRpcParams(createReplicationJobRequest)],
      accessKeyId: AK,
      accessKeySecret: SECRET,
      timestamp: new Date(),
      nonce: crypto.randomUUID(),
    });
    await fetch(`${origin}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: serializeFormUrlEncoded(signed.params),
    });
    const [request] = requests;
    if (request === undefined) throw new Error('no request captured');
    expect(verifyRpcV1(verifier({ method: request.method, params: paramsOf(request) })).ok).toBe(true);
    const broken = verifyRpcV1(verifier({ method: request.method, params: tampered(request, 'SourceId=s-bp1') }));
    expect(broken.ok ? '' : broken.code).toBe('SignatureDoesNotMatch');
  });

  for (const method of ['GET', 'POST'] as const) {
    it(`accepts @alicloud/pop-core ${method} CreateReplicationJob and matches its signature`, async () => {
      const { origin, requests } = await start();
      const client = popCoreClient({ endpoint: origin, apiVersion: '2019-06-01', accessKeyId: AK, accessKeySecret: SECRET });
      await expect(client.request('CreateReplicationJob', { ...createReplicationJobRequest }, { method })).resolves.toMatchObject({ JobId: 'j-1' });

      const [request] = requests;
      if (request === undefined) throw new Error('no request captured');
      expect(request.method).toBe(method);
      if (method === 'POST') {
        expect(request.target).toBe('/');
        expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
      } else {
        expect(request.body).toHaveLength(0);
      }
      const params = paramsOf(request);
      const result = verifyRpcV1(verifier({ method, params }));
      expect(result).toMatchObject({ ok: true, accessKeyId: AK });

      // Cross-check: our flattening + signer give the SDK's signature for the same nonce/time.
      const value = (name: string) => params.find(([n]) => n === name)?.[1] ?? '';
      const ours = signRpcV1({
        method,
        params: [...ACTION, ...flattenRpcParams(createReplicationJobRequest)],
        accessKeyId: AK,
        accessKeySecret: SECRET,
        timestamp: parseAlibabaTimestamp(value('Timestamp')) ?? new Date(Number.NaN),
        nonce: value('SignatureNonce'),
      });
      expect(ours.signature).toBe(value('Signature'));
      expect(ours.stringToSign).toBe(result.ok ? result.stringToSign : '');

      for (const needle of ['RegionId=cn-hangzhou', 'Tag.2.Key=owner', 'Description=Nightly']) {
        const broken = verifyRpcV1(verifier({ method, params: tampered(request, needle) }));
        expect(broken.ok ? '' : broken.code).toBe('SignatureDoesNotMatch');
      }
      const wrongSecret = verifyRpcV1(verifier({ method, params, secretFor: () => `${SECRET}x` }));
      expect(wrongSecret.ok ? '' : wrongSecret.code).toBe('SignatureDoesNotMatch');
    });
  }

  it("accepts @alicloud/openapi-client with signatureAlgorithm 'v2' (query, Format=json, SecurityToken)", async () => {
    const { host, requests } = await start();
    await openApiRpcCall({
      host,
      accessKeyId: AK,
      accessKeySecret: SECRET,
      securityToken: 'sts-token-value',
      signatureAlgorithm: 'v2',
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      query: { ...createReplicationJobRequest, ...createReplicationJobDisks },
    });
    const [request] = requests;
    if (request === undefined) throw new Error('no request captured');
    expect(request.method).toBe('POST');
    expect(request.body).toHaveLength(0);
    const params = paramsOf(request);
    expect(params).toContainEqual(['Format', 'json']);
    expect(params).toContainEqual(['Disks.Data.1.Part.1.Path', '/data']);
    expect(verifyRpcV1(verifier({ method: 'POST', params }))).toMatchObject({ ok: true, securityToken: 'sts-token-value' });
    const broken = verifyRpcV1(verifier({ method: 'POST', params: tampered(request, 'Disks.System.Size=50') }));
    expect(broken.ok ? '' : broken.code).toBe('SignatureDoesNotMatch');
  });
});
