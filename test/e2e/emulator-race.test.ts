import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { loadProfile, type TargetProfile } from '../../src/profile/load-profile.ts';
import { manySources, smc } from '../helpers/emulator-cases.ts';

// 200 sources, so that one-job-per-source never limits the races below.
const base = loadProfile();
const profile: TargetProfile = {
  targets: {
    'alibaba-smc': {
      ...base.targets['alibaba-smc']!,
      fixtures: { ...base.targets['alibaba-smc']!.fixtures, sources: manySources('s-race', 200) },
    },
  },
};

const servers: EmulatorServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

async function race(quota: number, paramsOf: (i: number) => Record<string, unknown>) {
  const emulator = createEmulator({ profile, quota });
  const server = await startEmulatorServer(emulator);
  servers.push(server);
  const answers = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const request = smc(server.url, paramsOf(i));
      const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
      return { status: response.status, body: (await response.json()) as { JobId?: string; Code?: string } };
    }),
  );
  return { answers, jobs: emulator.store.smc!.jobs };
}

describe('200 concurrent creates', () => {
  it('never exceed the quota', async () => {
    const { answers, jobs } = await race(37, (i) => ({ RegionId: 'cn-hangzhou', SourceId: `s-race${i}` }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(37);
    expect(answers.filter((a) => a.body.Code === 'QuotaExceeded.ReplicationJob')).toHaveLength(163);
    expect(jobs.size).toBe(37);
  });

  it('never create two jobs with one name', async () => {
    const { answers, jobs } = await race(1000, (i) => ({ RegionId: 'cn-hangzhou', SourceId: `s-race${i}`, Name: 'same-name' }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.Code === 'ReplicationJobName.Duplicate')).toHaveLength(199);
    expect(jobs.size).toBe(1);
  });

  it('return one JobId per ClientToken and create one job', async () => {
    const { answers, jobs } = await race(1000, () => ({ RegionId: 'cn-hangzhou', SourceId: 's-race0', ClientToken: 'one-token-for-all' }));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.JobId)).size).toBe(1);
    expect(jobs.size).toBe(1);
  });
});
