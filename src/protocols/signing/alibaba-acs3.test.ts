import { afterEach, describe, expect, it } from 'vitest';
import { flattenRpcParams } from '../rpc-params.ts';
import { type CaptureServer, startCaptureServer } from '../testing/capture-server.ts';
import { flip, withHeader } from '../testing/tamper.ts';
import { createReplicationJobDisks, createReplicationJobRequest } from '../testing/fixtures.ts';
import { openApiRpcCall } from '../testing/sdk-clients.ts';
import { ALIBABA_DEFAULT_MAX_SKEW_MS } from './alibaba-auth-error.ts';
import { type VerifyAcs3Input, parseAcs3Authorization, signAcs3, verifyAcs3 } from './alibaba-acs3.ts';
import { EMPTY_SHA256_HEX } from './crypto.ts';
import type { ReceivedRequest } from './received-request.ts';
import { parseAlibabaTimestamp } from './timestamps.ts';

const AK = 'LTAI5tTestAccessKeyId';
const SECRET = 'TestAccessKeySecret';

function verifier(request: ReceivedRequest, overrides: Partial<VerifyAcs3Input> = {}): VerifyAcs3Input {
  const seen = new Set<string>();
  return {
    request,
    secretFor: (id) => (id === AK ? SECRET : undefined),
    now: new Date(),
    maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS,
    seenNonce: (nonce) => seen.has(nonce) || (seen.add(nonce), false),
    ...overrides,
  };
}

const codeOf = (result: ReturnType<typeof verifyAcs3>): string => (result.ok ? 'ok' : result.code);

describe('ACS3 documented examples', () => {
  // Alibaba "Request syntax and signature method V3" signature example:
  // https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
  const docExample = (date: string, nonce: string) =>
    signAcs3({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      query: [
        ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
        ['RegionId', 'cn-shanghai'],
      ],
      action: 'RunInstances',
      version: '2014-05-26',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
      date: new Date(date),
      nonce,
    });

  it('reproduces the canonical request, string to sign and Authorization of the V3 doc', () => {
    const signed = docExample('2023-10-26T10:22:32Z', '3156853299f313e23d1673dc12e1703d');
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${EMPTY_SHA256_HEX}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY_SHA256_HEX,
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(signed.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;' +
        'x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  it('reproduces the header-table example of the zh V3 pages (x-acs-date 09:01:01Z)', () => {
    // help.aliyun.com "ROA风格请求体&签名机制" Authorization example value.
    const signed = docExample('2023-10-26T09:01:01Z', 'd410180a5abf7fe235dd9b74aca91fc0');
    expect(signed.signature).toBe('e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804');
  });
});

describe('verifyAcs3 on our own signer', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const body = 'RegionId=cn-hangzhou&Name=a%20b';
  const signed = signAcs3({
    method: 'POST',
    host: 'smc.aliyuncs.com',
    query: flattenRpcParams(createReplicationJobRequest),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    action: 'CreateReplicationJob',
    version: '2019-06-01',
    accessKeyId: AK,
    accessKeySecret: SECRET,
    securityToken: 'sts',
    date: now,
    nonce: 'nonce-1',
  });
  const request: ReceivedRequest = {
    method: 'POST',
    target: signed.target,
    headers: new Headers(signed.headers),
    body: new TextEncoder().encode(body),
  };

  it('signs content-type, host and every x-acs-* header, not accept', () => {
    expect(signed.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-acs-accesskey-id',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-security-token',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
    expect(parseAcs3Authorization(signed.authorization)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      credential: AK,
      signedHeaders: signed.signedHeaders,
      signature: signed.signature,
    });
  });

  it('accepts it', () => {
    expect(verifyAcs3(verifier(request, { now }))).toEqual({
      ok: true,
      accessKeyId: AK,
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      nonce: 'nonce-1',
      date: now,
      securityToken: 'sts',
      signedHeaders: signed.signedHeaders,
      canonicalRequest: signed.canonicalRequest,
      stringToSign: signed.stringToSign,
    });
  });

  it('maps each failure to the reference code and status', () => {
    const check = (input: ReceivedRequest, code: string, status: number, overrides: Partial<VerifyAcs3Input> = {}) => {
      const result = verifyAcs3(verifier(input, { now, ...overrides }));
      expect(result.ok ? ['ok'] : [result.code, result.httpStatus]).toEqual([code, status]);
      return result;
    };
    check(withHeader(request, 'authorization', null), 'MissingParameter', 400);
    for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-action', 'x-acs-content-sha256']) {
      check(withHeader(request, name, null), 'MissingParameter', 400);
    }
    check(withHeader(request, 'authorization', 'ACS3-HMAC-SHA256 Credential=x'), 'IncompleteSignature', 400);
    check(withHeader(request, 'authorization', signed.authorization.replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3')), 'IncompleteSignature', 400);
    check(withHeader(request, 'authorization', signed.authorization.replace('host;', '')), 'IncompleteSignature', 400);
    check(withHeader(request, 'authorization', signed.authorization.replace('content-type;host', 'host;content-type')), 'IncompleteSignature', 400);
    check(withHeader(request, 'content-type', null), 'IncompleteSignature', 400);
    check(withHeader(request, 'x-acs-date', '2026-01-01T00:00Z'), 'InvalidTimeStamp.Format', 400);
    check(request, 'InvalidTimeStamp.Expired', 400, { now: new Date(now.getTime() + 32 * 60_000) });
    check(request, 'InvalidAccessKeyId.NotFound', 404, { secretFor: () => undefined });
    const mismatch = check(request, 'SignatureDoesNotMatch', 400, { secretFor: () => 'wrong' });
    expect(mismatch.ok ? '' : mismatch.message).toBe(
      `Specified signature is not matched with our calculation. server string to sign is:${signed.stringToSign}`,
    );
    expect(mismatch.ok ? '' : mismatch.canonicalRequest).toBe(signed.canonicalRequest);
    check({ ...request, method: 'PUT' }, 'SignatureDoesNotMatch', 400);
    check({ ...request, target: flip(request.target, 'RegionId=cn-hangzhou') }, 'SignatureDoesNotMatch', 400);
    check({ ...request, target: `${request.target}&Extra=1` }, 'SignatureDoesNotMatch', 400);
    check(withHeader(request, 'x-acs-action', 'CreateReplicationJoc'), 'SignatureDoesNotMatch', 400);
    check({ ...request, body: new TextEncoder().encode(flip(body, 'Name=a')) }, 'SignatureDoesNotMatch', 400);
    check(request, 'SignatureNonceUsed', 400, { seenNonce: () => true });
    // Unsigned extra headers do not matter.
    expect(verifyAcs3(verifier(withHeader(request, 'user-agent', 'anything'), { now })).ok).toBe(true);
  });
});

describe('ACS3 over the wire', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async () => {
    server = await startCaptureServer(() => ({ status: 200, body: '{"RequestId":"r-1","JobId":"j-1"}' }));
    return server;
  };
  const only = (requests: ReceivedRequest[]): ReceivedRequest => {
    expect(requests).toHaveLength(1);
    const [request] = requests;
    if (request === undefined) throw new Error('no request');
    return request;
  };

  it('signs the exact bytes our own signer sends (fetch)', async () => {
    const { origin, host, requests } = await start();
    const body = 'RegionId=cn-hangzhou&Description=%E4%B8%AD%2A';
    const signed = signAcs3({
      method: 'POST',
      host,
      query: flattenRpcParams({ ...createReplicationJobRequest, ...createReplicationJobDisks }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      accessKeyId: AK,
      accessKeySecret: SECRET,
      date: new Date(),
      nonce: crypto.randomUUID(),
    });
    const { host: _host, ...headers } = signed.headers; // fetch derives Host from the URL (same value)
    await fetch(`${origin}${signed.target}`, { method: 'POST', headers, body });
    const request = only(requests);
    expect(request.target).toBe(signed.target);
    expect(verifyAcs3(verifier(request)).ok).toBe(true);
    expect(codeOf(verifyAcs3(verifier({ ...request, body: request.body.map((b, i) => (i === 3 ? b ^ 1 : b)) })))).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('accepts @alicloud/openapi-client (default ACS3) CreateReplicationJob and matches its signature', async () => {
    const { host, requests } = await start();
    const query = { ...createReplicationJobRequest, ...createReplicationJobDisks };
    await expect(
      openApiRpcCall({ host, accessKeyId: AK, accessKeySecret: SECRET, action: 'CreateReplicationJob', version: '2019-06-01', query }),
    ).resolves.toMatchObject({ body: { JobId: 'j-1' } });
    const request = only(requests);
    expect(request.headers.get('x-acs-content-sha256')).toBe(EMPTY_SHA256_HEX);
    const result = verifyAcs3(verifier(request));
    expect(result).toMatchObject({ ok: true, accessKeyId: AK, action: 'CreateReplicationJob', version: '2019-06-01' });

    // Cross-check: our signer reproduces the SDK's signature from the same inputs.
    const ours = signAcs3({
      method: 'POST',
      host,
      query: flattenRpcParams(query),
      headers: { 'x-acs-credentials-provider': request.headers.get('x-acs-credentials-provider') ?? '' },
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      accessKeyId: AK,
      accessKeySecret: SECRET,
      date: parseAlibabaTimestamp(request.headers.get('x-acs-date') ?? '') ?? new Date(Number.NaN),
      nonce: request.headers.get('x-acs-signature-nonce') ?? '',
    });
    expect(ours.authorization).toBe(request.headers.get('authorization'));

    for (const needle of ['RegionId=cn-hangzhou', 'Disks.Data.1.Part.1.Path=%2Fdata', 'Description=Nightly']) {
      expect(codeOf(verifyAcs3(verifier({ ...request, target: flip(request.target, needle) })))).toBe('SignatureDoesNotMatch');
    }
    expect(codeOf(verifyAcs3(verifier(withHeader(request, 'x-acs-version', '2019-06-02'))))).toBe('SignatureDoesNotMatch');
    expect(codeOf(verifyAcs3(verifier(request, { secretFor: () => `${SECRET}x` })))).toBe('SignatureDoesNotMatch');
  });

  it('accepts @alicloud/openapi-client with a form body and STS token', async () => {
    const { host, requests } = await start();
    await openApiRpcCall({
      host,
      accessKeyId: AK,
      accessKeySecret: SECRET,
      securityToken: 'sts-token-value',
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      query: { RegionId: 'cn-hangzhou' },
      body: { SourceId: 's-1', Description: "a b*(c)!'中", Tag: [{ Key: 'k', Value: 'v' }] },
    });
    const request = only(requests);
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request.body.length).toBeGreaterThan(0);
    const result = verifyAcs3(verifier(request));
    expect(result).toMatchObject({ ok: true, securityToken: 'sts-token-value' });
    expect(result.ok ? result.signedHeaders : []).toEqual(expect.arrayContaining(['content-type', 'x-acs-security-token']));

    const body = new TextDecoder().decode(request.body);
    const flipped = { ...request, body: new TextEncoder().encode(flip(body, 'SourceId=s-1')) };
    expect(codeOf(verifyAcs3(verifier(flipped)))).toBe('SignatureDoesNotMatch');
    expect(codeOf(verifyAcs3(verifier(withHeader(request, 'x-acs-security-token', 'sts-token-valuf'))))).toBe('SignatureDoesNotMatch');
  });
});
