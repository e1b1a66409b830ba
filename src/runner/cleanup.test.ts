import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import { systemClock } from '../keywords/clock.ts';
import { loadProfile } from '../profile/load-profile.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { createCleaner } from './cleanup.ts';
import { answeredOf } from './send-case.ts';

const contract = loadContract('alibaba-smc/CreateReplicationJob@current');
const target = { vendor: 'alibaba' as const, config: loadProfile().targets['alibaba-smc']! };
const request = { method: 'POST', url: 'http://127.0.0.1/', headers: {} };
const answer = (status: number, body: unknown) => answeredOf(contract, { request, response: { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, durationMs: 1, attempts: 1 } as Exchange);
const created = answer(200, { RequestId: 'r', JobId: 'j-1' });

describe('createCleaner', () => {
  it('deletes again once after a passing server error, and names what is left only after that', async () => {
    const answers = [answer(503, { RequestId: 'r', Code: 'ServiceUnavailable', Message: 'm' }), answer(200, { RequestId: 'r' })];
    let deletes = 0;
    const clean = createCleaner(contract, target, systemClock, async () => answers[deletes++] as ReturnType<typeof answer>);
    expect(await clean({ RegionId: 'cn-hangzhou' }, [created])).toEqual({ created: true, kept: false, leftBehind: [] });
    expect(deletes).toBe(2);

    let failing = 0;
    const stuck = createCleaner(contract, target, systemClock, async () => ((failing += 1), answer(500, { RequestId: 'r', Code: 'InternalError', Message: 'm' })));
    expect(await stuck({ RegionId: 'cn-hangzhou' }, [created])).toMatchObject({ created: true, kept: true, leftBehind: [{ id: 'j-1' }] });
    expect(failing).toBe(2);
  });

  it('deletes once when the refusal is the API\'s answer to the delete', async () => {
    let deletes = 0;
    const clean = createCleaner(contract, target, systemClock, async () => ((deletes += 1), answer(400, { RequestId: 'r', Code: 'IncorrectJobStatus', Message: 'm' })));
    expect(await clean({ RegionId: 'cn-hangzhou' }, [created])).toMatchObject({ kept: true, leftBehind: [{ id: 'j-1', why: '400 IncorrectJobStatus' }] });
    expect(deletes).toBe(1);
  });
});
