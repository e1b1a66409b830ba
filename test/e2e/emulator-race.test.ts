import { describe, expect, it } from 'vitest';
import { loadProfile, type TargetProfile } from '../../src/profile/load-profile.ts';
import { manySources, send, smc } from '../helpers/emulator-cases.ts';
import { startEmulator } from '../helpers/start-emulator.ts';

// 200 sources, so that one-job-per-source never limits the races below unless a test wants it to.
const base = loadProfile();
const profile: TargetProfile = {
  targets: {
    'alibaba-smc': {
      ...base.targets['alibaba-smc']!,
      fixtures: { ...base.targets['alibaba-smc']!.fixtures, sources: manySources('s-race', 200) },
    },
  },
};

/** 200 creates sent at once to a fresh server with `quota`; the answers, and the jobs the emulator holds afterwards. */
async function race(quota: number, paramsOf: (i: number) => Record<string, unknown>) {
  const server = await startEmulator({ profile, quota });
  const answers = await Promise.all(Array.from({ length: 200 }, async (_, i) => ({ i, ...(await send(smc(server.url, paramsOf(i)))) })));
  return { answers: answers.map((a) => ({ ...a, body: a.body as { JobId?: string; Code?: string } })), jobs: [...server.emulator.resources('alibaba-smc/CreateReplicationJob@current').values()] };
}

describe('200 concurrent creates', () => {
  it('never exceed the quota', async () => {
    const { answers, jobs } = await race(37, (i) => ({ RegionId: 'cn-hangzhou', SourceId: `s-race${i}` }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(37);
    expect(answers.filter((a) => a.body.Code === 'QuotaExceeded.ReplicationJob')).toHaveLength(163);
    expect(jobs).toHaveLength(37);
  });

  it('never create two jobs with one name', async () => {
    const { answers, jobs } = await race(1000, (i) => ({ RegionId: 'cn-hangzhou', SourceId: `s-race${i}`, Name: 'sameName' }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.Code === 'ReplicationJobName.Duplicate')).toHaveLength(199);
    expect(jobs).toHaveLength(1);
  });

  it('return one JobId per ClientToken and create one job', async () => {
    const { answers, jobs } = await race(1000, () => ({ RegionId: 'cn-hangzhou', SourceId: 's-race0', ClientToken: 'one-token-for-all' }));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.JobId)).size).toBe(1);
    expect(jobs).toHaveLength(1);
  });

  it('racing on one quota, shared names and shared tokens at once, keep every rule', async () => {
    const names = ['nameA', 'nameB', 'nameC', 'nameD', 'nameE'];
    const tokenOf = (i: number) => (i % 4 === 0 ? undefined : `token-${i % 10}`);
    const { answers, jobs } = await race(23, (i) => ({
      RegionId: 'cn-hangzhou',
      SourceId: `s-race${i}`,
      ...(i % 3 === 0 ? { Name: names[i % names.length] } : {}),
      ...(tokenOf(i) ? { ClientToken: tokenOf(i) } : {}),
    }));
    expect(jobs.length).toBeLessThanOrEqual(23);
    const named = jobs.flatMap((j) => (typeof j.request['Name'] === 'string' ? [j.request['Name']] : []));
    expect(new Set(named).size).toBe(named.length);
    for (let t = 0; t < 10; t++) {
      const ids = new Set(answers.filter((a) => tokenOf(a.i) === `token-${t}` && a.status === 200).map((a) => a.body.JobId));
      expect(ids.size, `token-${t}`).toBeLessThanOrEqual(1);
    }
    // Every JobId answered is a job the emulator holds, and every job was answered to someone.
    expect(new Set(answers.flatMap((a) => (a.status === 200 ? [a.body.JobId] : [])))).toEqual(new Set(jobs.map((j) => j.id)));
    expect(answers.every((a) => a.status === 200 || ['QuotaExceeded.ReplicationJob', 'ReplicationJobName.Duplicate'].includes(a.body.Code ?? ''))).toBe(true);
  });
});
