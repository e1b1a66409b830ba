import fc from 'fast-check';
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorServer } from '../../emulator/index.ts';
import { loadContract } from '../../src/contract/load.ts';
import { flattenRpcParams } from '../../src/protocols/rpc-params.ts';
import { startEmulator } from '../helpers/start-emulator.ts';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulator();
});

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * Sends raw bytes with node:http (fetch would refuse some of them): the answer, or the failure as text.
 * The body is framed by Content-Length: without it, node sends a GET/DELETE/OPTIONS body unframed,
 * which is no longer HTTP (node's parser answers such bytes with a bare 400 before any handler runs).
 */
function raw(path: string, method: string, headers: Record<string, string>, body: Uint8Array | string): Promise<Answer | string> {
  const url = new URL(server.url);
  const framed = { ...headers, 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) };
  return new Promise((resolve) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method, headers: framed, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('timeout', () => (request.destroy(), resolve('timeout')));
    request.on('error', (error) => resolve(`error: ${error.message}`));
    request.end(body);
  });
}

/** An answer in a vendor's envelope: a 2xx, or a 4xx whose JSON body carries Code (SMC) or error_code (DCS). HEAD answers have no body. */
function isEnveloped(answer: Answer | string, method: string): boolean {
  if (typeof answer === 'string' || answer.status >= 500 || answer.status < 200) return false;
  if (answer.status < 300 || method === 'HEAD') return true;
  try {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    return typeof (body['Code'] ?? body['error_code']) === 'string';
  } catch {
    return false;
  }
}

const projectPath = '/v2/0b2c3d4e5f60718293a4b5c6d7e8f901';
const paths = fc.constantFrom('/', '/?Action=CreateReplicationJob&Version=2019-06-01', '/x?Action=CreateReplicationJob', `${projectPath}/migration-task`, `${projectPath}/migration/instance`, `${projectPath}/migration-tasks/delete`, '/v2/x/migration-tasks/delete', '/v2/%ZZ/migration-task');
const methods = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS', 'TRACE', 'PATCH');
const contentTypes = fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '');
const brokenEncodings = fc.constantFrom(
  'Action=CreateReplicationJob&Version=2019-06-01&SourceId=%E4%ZZ&RegionId=%',
  'Action=CreateReplicationJob&Version=2019-06-01&RegionId=%ED%A0%80&SourceId=%C0%AF',
  'Action=CreateReplicationJob&Action=CreateReplicationJob&Version=2019-06-01',
  'Tag.999999999.Key=a&Tag.0.Key=b&DataDisk.01.Size=1&Disks=1&Disks.System.Size=2',
  'Action=CreateReplicationJob&Version=2019-06-01&DataDisk.1.Part.1.Part.1.Part.1.Part.1.Block=true&' + 'a.'.repeat(100) + 'b=1',
  '{"task_name":',
  '{"task_name":"\ud800"}',
  '\u0000\u0001\u0002',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]',
  '{"task_name":"t","migration_type":"online_migration","migration_method":"full_amount_migration","target_instance":{"id":{"$ne":1}}}',
);
const bodies = fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.string({ unit: 'binary', maxLength: 300 }), brokenEncodings);

describe('the emulator under hostile input', () => {
  it('never answers 5xx, hangs or crashes; every answer is in a vendor envelope (bounded fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(paths, methods, contentTypes, bodies, async (path, method, type, body) => {
        const answer = await raw(path, method, type ? { 'content-type': type } : {}, body);
        expect(isEnveloped(answer, method), `${method} ${path} → ${JSON.stringify(answer).slice(0, 300)}`).toBe(true);
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('never fails on the example request with parameters dropped, doubled or renumbered', async () => {
    const example = flattenRpcParams(loadContract('alibaba-smc/CreateReplicationJob@current').examples.request);
    const edit = fc.constantFrom('keep', 'drop', 'double', 'renumber', 'empty');
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: example.length, maxLength: example.length }), fc.boolean(), async (edits, inQuery) => {
        const pairs = example.flatMap(([key, value], i): [string, string][] => {
          switch (edits[i]) {
            case 'drop':
              return [];
            case 'double':
              return [[key, value], [key, value]];
            case 'renumber':
              return [[key.replace(/\.\d+/, '.0'), value]];
            case 'empty':
              return [[key, '']];
            default:
              return [[key, value]];
          }
        });
        const form = new URLSearchParams([['Action', 'CreateReplicationJob'], ['Version', '2019-06-01'], ...pairs]).toString();
        const answer = inQuery ? await raw(`/?${form}`, 'GET', {}, '') : await raw('/', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, form);
        expect(isEnveloped(answer, 'POST'), JSON.stringify(answer).slice(0, 300)).toBe(true);
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('answers 10 MB bodies in the vendor envelope (413 for DCS), and keeps serving', async () => {
    const big = `Action=CreateReplicationJob&Version=2019-06-01&Name=${'a'.repeat(10 * 1024 * 1024)}`;
    const smcAnswer = await raw('/', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, big);
    expect(smcAnswer).toMatchObject({ status: 400, body: expect.stringContaining('"Code":"InvalidParameter"') });
    const dcsAnswer = await raw(`${projectPath}/migration-task`, 'POST', { 'content-type': 'application/json' }, JSON.stringify({ task_name: 'x'.repeat(10 * 1024 * 1024) }));
    expect(dcsAnswer).toMatchObject({ status: 413, body: expect.stringContaining('"error_code":"APIGW.0201"') });
    expect(await raw('/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=cn-hangzhou&SourceId=s-bp1e2fsl57knvuug0001', 'GET', {}, '')).toMatchObject({ status: 200 });
  });

  it('refuses a parameter given twice or a call without Action, in the vendor envelope', async () => {
    expect(await raw('/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=a&RegionId=b&SourceId=s-bp1e2fsl57knvuug0002', 'GET', {}, '')).toMatchObject({ status: 400, body: expect.stringContaining('InvalidParameter') });
    expect(await raw('/?Version=2019-06-01', 'GET', {}, '')).toMatchObject({ status: 400, body: expect.stringContaining('MissingParameter') });
  });
});
