import { describe, expect, it } from 'vitest';
import { isFormContentType, parseRpcRequest, parseRpcRequestParts } from './rpc-request.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' };
const codes = (problems: ReadonlyArray<{ code: string; key: string }>): string[][] => problems.map((p) => [p.code, p.key]);

describe('parseRpcRequest', () => {
  it('reads the query string (newest SDK style)', async () => {
    const result = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/?Action=CreateReplicationJob&Tag.1.Key=a%20b&Name=x+y', { method: 'POST' }),
    );
    expect(result).toEqual({
      params: [
        ['Action', 'CreateReplicationJob'],
        ['Tag.1.Key', 'a b'],
        ['Name', 'x y'],
      ],
      problems: [],
    });
  });

  it('reads a form body (older SDK / pop-core POST style) after the query', async () => {
    const result = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/?Action=CreateReplicationJob', {
        method: 'POST',
        headers: form,
        body: 'RegionId=cn-hangzhou&Description=%E4%B8%AD%2A',
      }),
    );
    expect(result.params).toEqual([
      ['Action', 'CreateReplicationJob'],
      ['RegionId', 'cn-hangzhou'],
      ['Description', '中*'],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('keeps duplicates for the signature but reports them', async () => {
    const result = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/?RegionId=a&Tag.1.Key=k&Tag.1.Key=k2', { method: 'POST', headers: form, body: 'RegionId=b' }),
    );
    expect(result.params).toEqual([
      ['RegionId', 'a'],
      ['Tag.1.Key', 'k'],
      ['Tag.1.Key', 'k2'],
      ['RegionId', 'b'],
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-parameter', key: 'RegionId', message: expect.stringContaining('query and body') }),
      expect.objectContaining({ code: 'duplicate-parameter', key: 'Tag.1.Key', message: expect.stringContaining('(query)') }),
    ]);
  });

  it('tolerates broken percent-encoding and bad UTF-8', async () => {
    const result = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/?Name=100%&Bad=%FF%FE', { method: 'POST', headers: form, body: 'Desc=%E4%B8' }),
    );
    expect(result.params).toEqual([
      ['Name', '100%'],
      ['Bad', '\uFFFD\uFFFD'],
      ['Desc', '\uFFFD'],
    ]);
    expect(codes(result.problems)).toEqual([
      ['malformed-percent-encoding', 'Name'],
      ['invalid-utf8', 'Bad'],
      ['invalid-utf8', 'Desc'],
    ]);
  });

  it('reports raw non-UTF-8 body bytes, other content types and unreadable bodies', async () => {
    const raw = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/', { method: 'POST', headers: form, body: new Uint8Array([0x41, 0x3d, 0xff]) }),
    );
    expect(raw.params).toEqual([['A', '\uFFFD']]);
    expect(codes(raw.problems)).toEqual([['invalid-utf8', '']]);

    const json = await parseRpcRequest(
      new Request('https://smc.aliyuncs.com/?A=1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"B":2}' }),
    );
    expect(json.params).toEqual([['A', '1']]);
    expect(codes(json.problems)).toEqual([['unsupported-content-type', '']]);

    const used = new Request('https://smc.aliyuncs.com/?A=1', { method: 'POST', headers: form, body: 'B=2' });
    await used.text();
    const unreadable = await parseRpcRequest(used);
    expect(unreadable.params).toEqual([['A', '1']]);
    expect(codes(unreadable.problems)).toEqual([['body-unreadable', '']]);
  });

  it('caps the number of pairs across query and body', () => {
    const result = parseRpcRequestParts(
      { query: 'a=1&'.repeat(8), contentType: 'application/x-www-form-urlencoded', body: new TextEncoder().encode('b=1&'.repeat(8)) },
      { maxPairs: 10 },
    );
    expect(result.params).toHaveLength(10);
    expect(result.problems.filter((p) => p.code === 'too-many-parameters')).toHaveLength(1);
  });
});

describe('isFormContentType', () => {
  it('matches the essence only', () => {
    expect(isFormContentType('Application/X-WWW-Form-Urlencoded;charset=utf-8')).toBe(true);
    expect(isFormContentType('application/json')).toBe(false);
    expect(isFormContentType(null)).toBe(false);
  });
});
