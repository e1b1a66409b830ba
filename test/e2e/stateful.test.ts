import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import type { ApiId } from '../../src/contract/apis.ts';
import { loadProfile, type TargetProfile } from '../../src/profile/load-profile.ts';
import type { Target } from '../../src/runner/target.ts';
import { runDcsReferences } from '../../src/stateful/run-dcs-references.ts';
import { runStateful } from '../../src/stateful/run-stateful.ts';

const api: ApiId = 'alibaba-smc/CreateReplicationJob@current';
const base = loadProfile();
const profileWithQuota = (quota: number): TargetProfile => ({ targets: { 'alibaba-smc': { ...base.targets['alibaba-smc']!, quota } } });
const servers: EmulatorServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

/** An emulator with the faults; the quota is small enough for sequences to reach only where the quota is under test. */
async function targetWith(faults: string[] = [], quota = faults.includes('quota-off-by-one') ? 2 : 1000): Promise<{ target: Target; jobs: () => number }> {
  const profile = profileWithQuota(quota);
  const emulator = createEmulator({ profile, faults });
  const server = await startEmulatorServer(emulator);
  servers.push(server);
  return { target: { vendor: 'alibaba', config: { ...profile.targets['alibaba-smc']!, endpoint: server.url } }, jobs: () => emulator.store.smc!.jobs.size };
}

const faulty: readonly [string, string][] = [
  ['names-not-unique', 'unique-job-name'],
  ['busy-source-accepted', 'one-incomplete-job-per-source'],
  ['unavailable-source-accepted', 'source-must-be-available'],
  ['quota-off-by-one', 'job-quota'],
  ['idempotency-ignored', 'client-token-idempotency'],
  ['image-name-reuse', 'image-name-used-by-job'],
  ['wrong-code-duplicate-name', 'unique-job-name'],
  ['vswitch-mismatch-accepted', 'vswitch-in-vpc'],
];

describe('stateful conformance', () => {
  it.each([1000, 2])('passes the emulator as documented (quota %i), and leaves no job behind', async (quota) => {
    const { target, jobs } = await targetWith([], quota);
    const result = await runStateful({ api, target, seed: 7 });
    expect(result.findings.filter((f) => f.severity === 'violation').map((f) => f.message)).toEqual([]);
    expect(result.calls).toBeGreaterThan(100);
    expect(jobs()).toBe(0);
  });

  it.each(faulty)('%s: reports the minimal call sequence under %s', async (fault, rule) => {
    const { target, jobs } = await targetWith([fault]);
    const result = await runStateful({ api, target, seed: 7 });
    const failure = result.findings.find((f) => f.severity === 'violation');
    expect(failure?.rule).toBe(rule);
    expect(failure?.check).toBe('stateful-sequence');
    expect(failure?.sequence?.length).toBeGreaterThan(0);
    // Shrunk: a few calls (a concurrent retry counts five).
    expect(failure?.sequence?.length).toBeLessThanOrEqual(6);
    for (const call of failure?.sequence ?? []) expect(call.curl).toMatch(/^curl /);
    expect(jobs()).toBe(0);
  });

  it('deletes what it created when interrupted', async () => {
    const { target, jobs } = await targetWith();
    const controller = new AbortController();
    let sent = 0;
    const counting: Target = { ...target };
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      sent += 1;
      if (sent === 25) controller.abort();
      return originalFetch(...args);
    }) as typeof fetch;
    try {
      await runStateful({ api, target: counting, seed: 9, signal: controller.signal });
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(controller.signal.aborted).toBe(true);
    expect(jobs()).toBe(0);
  });
});

describe('referenced DCS resources', () => {
  async function dcsTarget(faults: string[] = []): Promise<Target> {
    const server = await startEmulatorServer(createEmulator({ faults }));
    servers.push(server);
    return { vendor: 'huawei', config: { ...base.targets['huawei-dcs']!, endpoint: server.url } };
  }

  it.each(['huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask'] as const)('pass on the emulator as documented: %s', async (dcsApi) => {
    const result = await runDcsReferences({ api: dcsApi, target: await dcsTarget(), seed: 3 });
    expect(result.findings).toEqual([]);
    expect(result.calls).toBeGreaterThan(20);
  });

  it.each([
    ['dcs-unknown-target-accepted', 'huawei-dcs/CreateMigrationTask', '(stateful) target-instance-exists'],
    ['dcs-unknown-vpc-accepted', 'huawei-dcs/CreateOnlineMigrationTask', '(stateful) vpc-exists'],
  ] as const)('%s is caught', async (fault, dcsApi, rule) => {
    const result = await runDcsReferences({ api: dcsApi, target: await dcsTarget([fault]), seed: 3 });
    expect(result.findings.find((f) => f.severity === 'violation')?.rule).toBe(rule);
  });
});
