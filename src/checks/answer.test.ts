import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { answerAbout, classifyAnswer, fromLayerInFront } from './answer.ts';
import { adapterOf } from '../adapters/index.ts';

const smc = loadContract('alibaba-smc/CreateReplicationJob@current');
const dcs = loadContract('huawei-dcs/CreateMigrationTask');
const request = { method: 'POST', url: 'http://127.0.0.1/', headers: {} };

function answerOf(contract: typeof smc, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const exchange: Exchange = { request, response: { status, headers: { 'content-type': 'application/json', ...headers }, body: text }, durationMs: 1, attempts: 1 };
  return classifyAnswer(contract, exchange, adapterOf(contract).parseBody(exchange.response));
}

describe('classifyAnswer', () => {
  it('gives each code the class its catalogue gives it', () => {
    const cases: [typeof smc, number, string, string][] = [
      [smc, 400, 'InvalidParameter', 'validation'],
      [smc, 400, 'SourceServerState.Invalid', 'state'],
      [smc, 400, 'SignatureDoesNotMatch', 'authentication'],
      [smc, 403, 'Forbidden.RAM', 'authorization'],
      [smc, 403, 'EntityNotExist.Role', 'authorization'],
      [smc, 400, 'Throttling.User', 'throttling'],
      [smc, 404, 'InvalidAction.NotFound', 'gateway'],
      [smc, 500, 'InternalError', 'server'],
      [smc, 400, 'InvalidParam.Value', 'undocumented-code'],
      [dcs, 400, 'DCS.4062', 'validation'],
      [dcs, 404, 'DCS.3022', 'state'],
      [dcs, 401, 'APIGW.0301', 'authentication'],
      [dcs, 429, 'APIGW.0308', 'throttling'],
    ];
    for (const [contract, status, code, expected] of cases) {
      const body = contract === smc ? { RequestId: 'r', Code: code, Message: 'm' } : { error_code: code, error_msg: 'm' };
      expect(answerOf(contract, status, body).class, code).toBe(expected);
    }
  });

  it('reads a bare status by its HTTP meaning, and a 2xx as success whatever its body', () => {
    expect(answerOf(smc, 429, 'slow down').class).toBe('throttling');
    expect(answerOf(smc, 401, '').class).toBe('authentication');
    expect(answerOf(smc, 403, '<html>').class).toBe('authorization');
    expect(answerOf(smc, 404, 'not found').class).toBe('gateway');
    // A redirect (to a login page, another host): nothing there judged the request.
    expect(answerOf(smc, 302, '').class).toBe('gateway');
    expect(answerOf(smc, 307, '<html>').class).toBe('gateway');
    expect(answerOf(smc, 502, 'bad gateway').class).toBe('server');
    expect(answerOf(smc, 503, 'Service Unavailable').class).toBe('server');
    // A 503 that says when to come back is throttling, retried as such.
    expect(answerOf(smc, 503, 'Service Unavailable', { 'retry-after': '2' }).class).toBe('throttling');
    // So is one with the vendor's code for it: unavailable for now, not a fault of the request's handling.
    expect(answerOf(smc, 503, { RequestId: 'r', Code: 'ServiceUnavailable', Message: 'm' }, { 'retry-after': '1' })).toMatchObject({ class: 'throttling', code: 'ServiceUnavailable' });
    expect(answerOf(smc, 503, { RequestId: 'r', Code: 'ServiceUnavailable', Message: 'm' }).class).toBe('server');
    expect(answerOf(smc, 400, 'Bad Request').class).toBe('no-code');
    expect(answerOf(smc, 200, { Code: 'InvalidParameter' }).class).toBe('success');
    expect(classifyAnswer(smc, { request, failure: { kind: 'timeout', message: 'x' }, durationMs: 1, attempts: 1 }, {}).class).toBe('transport');
  });

  it('tells an answer of a layer in front of the API (no code, a bare status of such a layer) from the API\'s own', () => {
    expect(fromLayerInFront(answerOf(smc, 429, '<html>429 Too Many Requests</html>'))).toBe(true);
    expect(fromLayerInFront(answerOf(smc, 401, '<html>401 Authorization Required</html>'))).toBe(true);
    expect(fromLayerInFront(answerOf(smc, 302, ''))).toBe(true);
    expect(fromLayerInFront(answerOf(smc, 404, 'not found'))).toBe(true);
    expect(fromLayerInFront(answerOf(smc, 502, '<html>502 Bad Gateway</html>'))).toBe(true);
    // The API's own: a documented code of those classes, an error without a code, a server error of its own, a success.
    expect(fromLayerInFront(answerOf(smc, 400, { RequestId: 'r', Code: 'Throttling.User', Message: 'm' }))).toBe(false);
    expect(fromLayerInFront(answerOf(smc, 503, { RequestId: 'r', Code: 'ServiceUnavailable', Message: 'm' }))).toBe(false);
    expect(fromLayerInFront(answerOf(smc, 400, 'Bad Request'))).toBe(false);
    expect(fromLayerInFront(answerOf(smc, 500, 'Internal Server Error'))).toBe(false);
    expect(fromLayerInFront(answerOf(smc, 200, { RequestId: 'r' }))).toBe(false);
  });

  it('reads the parameter a validation message names, with the catalogued message as the template', () => {
    expect(answerOf(smc, 400, { Code: 'InvalidParameter', Message: 'The specified value of parameter "DataDisk.2.Size" is not valid. It must be greater than 10 GiB.' }).parameter).toBe('DataDisk.2.Size');
    expect(answerOf(smc, 400, { Code: 'MissingParameter', Message: 'The input parameter "VSwitchId" that is mandatory for processing this request is not supplied.' }).parameter).toBe('VSwitchId');
    expect(answerOf(dcs, 400, { error_code: 'DCS.4062', error_msg: 'Invalid backup_files.bucket_name parameter in the request.' }).parameter).toBe('backup_files.bucket_name');
    expect(answerOf(smc, 400, { Code: 'InvalidParameter', Message: 'Something else entirely.' }).parameter).toBeUndefined();
  });

  it('takes only a parameter of the request: a template left unfilled or filled with a word of the service names none', () => {
    const dcsMessage = (message: string) => answerOf(dcs, 400, { error_code: 'DCS.4062', error_msg: message }).parameter;
    expect(dcsMessage('Invalid {0} parameter in the request.')).toBeUndefined();
    expect(dcsMessage('Invalid body parameter in the request.')).toBeUndefined();
    // A parameter in another naming style is still the parameter.
    expect(dcsMessage('Invalid taskName parameter in the request.')).toBe('taskName');
    expect(dcsMessage('Invalid backupFiles.files[0].updateAt parameter in the request.')).toBe('backupFiles.files[0].updateAt');
  });
});

describe('answerAbout', () => {
  const named = (parameter: string) => ({ class: 'validation' as const, parameter });
  it('ties a named parameter to the values a case changed, their parts and their parents', () => {
    expect(answerAbout(named('DataDisk.1.Size'), ['/DataDisk/0/Size'])).toBe('yes');
    expect(answerAbout(named('DataDisk'), ['/DataDisk/0/Size'])).toBe('yes');
    expect(answerAbout(named('backup_files.files[0].file_name'), ['/backup_files/files'])).toBe('yes');
    expect(answerAbout(named('Name'), ['/SystemDiskSize'])).toBe('no');
    expect(answerAbout({ class: 'validation' }, ['/SystemDiskSize'])).toBe('unknown');
  });
  it('reads names in any style: snake_case, camelCase and PascalCase are one name', () => {
    expect(answerAbout(named('taskName'), ['/task_name'])).toBe('yes');
    expect(answerAbout(named('backupFiles.files[0].updateAt'), ['/backup_files/files/0/update_at'])).toBe('yes');
    expect(answerAbout({ class: 'undocumented-code', text: 'Invalid.Param the task_name is too long' }, ['/TaskName'])).toBe('yes');
  });
  it('searches an undocumented code and its message for the parameter names', () => {
    expect(answerAbout({ class: 'undocumented-code', text: 'InvalidSystemDiskSize.ValueNotSupported the value is too big' }, ['/SystemDiskSize'])).toBe('yes');
    expect(answerAbout({ class: 'undocumented-code', text: 'Bad.Request something' }, ['/SystemDiskSize'])).toBe('unknown');
  });
});
