import { describe, expect, it } from 'vitest';
import { parseRpcRequest } from '../rpc-request.ts';
import { serializeFormUrlEncoded } from '../form-urlencoded.ts';
import { signAcs3, verifyAcs3 } from './alibaba-acs3.ts';
import { signRpcV1, verifyRpcV1 } from './alibaba-rpc-v1.ts';
import { signHuawei, verifyHuawei } from './huawei-sdk-hmac-sha256.ts';
import { receiveRequest, splitTarget } from './received-request.ts';

describe('splitTarget', () => {
  it('splits origin-form and absolute-form targets', () => {
    expect(splitTarget('/?Action=X&A=1')).toEqual({ path: '/', query: 'Action=X&A=1' });
    expect(splitTarget('/v2/p/migration-task')).toEqual({ path: '/v2/p/migration-task', query: '' });
    expect(splitTarget('https://smc.aliyuncs.com?x=1#frag')).toEqual({ path: '/', query: 'x=1' });
    expect(splitTarget('')).toEqual({ path: '/', query: '' });
  });
});

describe('verifiers on web Requests', () => {
  const now = new Date();
  const keys = { secretFor: (id: string) => (id === 'ak' ? 'sk' : undefined), now, maxSkewMs: 60_000, seenNonce: () => false };

  it('RPC v1 via parseRpcRequest', async () => {
    const signed = signRpcV1({
      method: 'POST',
      params: [['Action', 'CreateReplicationJob'], ['Name', "x y*(z)'"]],
      accessKeyId: 'ak',
      accessKeySecret: 'sk',
      timestamp: now,
      nonce: 'n',
    });
    const request = new Request('https://smc.aliyuncs.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: serializeFormUrlEncoded(signed.params),
    });
    const { params, problems } = await parseRpcRequest(request);
    expect(problems).toEqual([]);
    expect(verifyRpcV1({ ...keys, method: request.method, params }).ok).toBe(true);
  });

  it('ACS3 and Huawei via receiveRequest (Host taken from the URL)', async () => {
    const acs3 = signAcs3({
      method: 'POST',
      host: 'smc.aliyuncs.com',
      query: [['Name', "x y*(z)'"]],
      action: 'CreateReplicationJob',
      version: '2019-06-01',
      accessKeyId: 'ak',
      accessKeySecret: 'sk',
      date: now,
      nonce: 'n',
    });
    const { host: _host, ...acs3Headers } = acs3.headers;
    const acs3Request = await receiveRequest(new Request(`https://smc.aliyuncs.com${acs3.target}`, { method: 'POST', headers: acs3Headers }));
    expect(acs3Request.headers.get('host')).toBe('smc.aliyuncs.com');
    expect(verifyAcs3({ ...keys, request: acs3Request }).ok).toBe(true);

    const url = 'https://dcs.cn-north-4.myhuaweicloud.com/v2/p/migration-task';
    const huawei = signHuawei({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}', ak: 'ak', sk: 'sk', date: now });
    const huaweiRequest = await receiveRequest(new Request(url, { method: 'POST', headers: huawei.headers, body: '{}' }));
    expect(verifyHuawei({ ...keys, request: huaweiRequest }).ok).toBe(true);
  });
});
