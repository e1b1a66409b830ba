import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type Emulator, type EmulatorServer } from '../../emulator/index.ts';
import type { Finding } from '../../src/checks/finding.ts';
import type { ApiId } from '../../src/contract/apis.ts';
import { loadProfile, type AlibabaSmcTarget, type TargetProfile } from '../../src/profile/load-profile.ts';
import type { Target } from '../../src/runner/target.ts';
import { runStatefulChecks, statefulFamilies, type StatefulCheckOptions } from '../../src/stateful/index.ts';

const api: ApiId = 'alibaba-smc/CreateReplicationJob@current';
const base = loadProfile();
const baseSmc = base.targets['alibaba-smc']!;
const closers: (() => Promise<void>)[] = [];
afterAll(async () => void (await Promise.all(closers.map((close) => close()))));

/** The default SMC target with another quota, sources or edition. */
function smcProfile(changes: Partial<AlibabaSmcTarget> = {}): TargetProfile {
  return { targets: { 'alibaba-smc': { ...baseSmc, ...changes } } };
}

/** 200 Available sources, none with all 16 data disks; the default VPCs. */
const manySources = Array.from({ length: 200 }, (_, i) => ({ id: `s-many${String(i).padStart(16, '0')}`, state: 'Available', systemDiskUsedGiB: 10, dataDisks: [{ index: 1, usedGiB: 5 }] })) as AlibabaSmcTarget['fixtures']['sources'];

/** An emulator of the profile on 127.0.0.1, and a target pointing at it (or at `endpoint`, a proxy in front of it). */
async function emulated(profile: TargetProfile, faults: string[] = []): Promise<{ emulator: Emulator; server: EmulatorServer; target: (endpoint?: string) => Target; jobs: () => number }> {
  const emulator = createEmulator({ profile, faults });
  const server = await startEmulatorServer(emulator);
  closers.push(() => server.close());
  const smc = profile.targets['alibaba-smc']!;
  return { emulator, server, target: (endpoint = server.url) => ({ vendor: 'alibaba', config: { ...smc, endpoint } }), jobs: () => emulator.resources(`alibaba-smc/CreateReplicationJob@${smc.edition}`).size };
}

type ProxyAction = 'forward' | 'reset' | 'hang' | { status: number; headers?: Record<string, string>; body: string };

/**
 * A proxy on 127.0.0.1 in front of `upstream`: `decide` sees each request (numbered from 1; `fresh` when
 * it is the first on its connection) and forwards it, breaks the connection, never answers, or answers itself.
 */
async function proxy(upstream: string, decide: (n: number, request: { method: string; url: string; body: string; fresh: boolean }) => ProxyAction): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const used = new WeakSet<object>();
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer(async (req, res) => {
    n += 1;
    const body = await read(req);
    const fresh = !used.has(req.socket);
    used.add(req.socket);
    const action = decide(n, { method: req.method ?? 'GET', url: req.url ?? '/', body, fresh });
    if (action === 'reset') return void req.socket.destroy();
    if (action === 'hang') return;
    if (action !== 'forward') return void res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers }).end(action.body);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)) as [string, string][]);
    const answer = await fetch(new URL(req.url ?? '/', upstream), { method: req.method ?? 'GET', headers, ...(body === '' ? {} : { body }) });
    const out = Object.fromEntries([...answer.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)));
    res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n };
}

const isDelete = (request: { url: string; body: string }) => /Action=DeleteReplicationJob/.test(`${request.url}&${request.body}`);
const violations = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'violation');
const run = (options: Partial<StatefulCheckOptions> & Pick<StatefulCheckOptions, 'target'>) => runStatefulChecks({ api, seed: 7, ...options });

describe('the quota rule, reached on purpose', () => {
  const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
  const profile = smcProfile({ quota: 5, fixtures: { ...baseSmc.fixtures, sources: manySources } });

  it.each(['quota-unenforced', 'quota-off-by-one'])('%s: every one of 10 seeds reports job-quota with the directed scenario', async (fault) => {
    const { emulator, target, jobs } = await emulated(profile, [fault]);
    for (const seed of seeds) {
      emulator.reset();
      const result = await run({ target: target(), seed, runs: 20 });
      const quota = violations(result.findings).find((f) => f.rule === '(stateful) job-quota' && f.check === 'stateful-scenario');
      expect(quota?.code, `seed ${seed}`).toBe('accepted_against_rule');
      // Five creates on five free sources, then the sixth, accepted.
      expect(quota?.sequence?.length).toBe(6);
      expect(result.outcomes.find((o) => o.rule === '(stateful) job-quota')?.findings.violation).toBeGreaterThan(0);
      expect(jobs()).toBe(0);
    }
  });

  it('passes the conforming emulator for every seed, with job-quota covered', async () => {
    const { emulator, target, jobs } = await emulated(profile);
    for (const seed of seeds) {
      emulator.reset();
      const result = await run({ target: target(), seed, runs: 20 });
      expect(violations(result.findings).map((f) => f.message)).toEqual([]);
      const quota = result.outcomes.find((o) => o.rule === '(stateful) job-quota');
      expect(quota?.coverage).toBe('covered');
      expect(quota?.conclusive).toBeGreaterThanOrEqual(6);
      expect(jobs()).toBe(0);
    }
  });

  it('is not testable where the fixtures cannot reach the quota, and says so with the numbers', async () => {
    const { target } = await emulated(smcProfile({ quota: 1000 }));
    const available = baseSmc.fixtures.sources.filter((s) => s.state === 'Available').length;
    const result = await run({ target: target(), families: new Set(['(stateful) job-quota']) });
    const quota = result.outcomes.find((o) => o.rule === '(stateful) job-quota');
    expect(quota?.coverage).toBe('not-testable');
    expect(quota?.coverageReason).toContain(`quota 1000 needs 1001 Available sources, the profile has ${available}`);
    expect(result.calls).toBe(0);
  });

  it('is not testable above the cap of jobs a run creates, even with sources enough', async () => {
    const { target } = await emulated(smcProfile({ quota: 60, fixtures: { ...baseSmc.fixtures, sources: manySources } }));
    const result = await run({ target: target(), families: new Set(['(stateful) job-quota']) });
    const quota = result.outcomes.find((o) => o.rule === '(stateful) job-quota');
    expect(quota?.coverage).toBe('not-testable');
    expect(quota?.coverageReason).toMatch(/quota 60 needs 61 jobs.*at most 50/);
    expect(result.calls).toBe(0);
  });
});

describe('stateful conformance', () => {
  it.each([
    ['current', 1000, ['(stateful) job-quota']],
    ['current', 2, []],
    ['2019', 2, ['(stateful) image-name-unique-in-region']],
  ] as const)('passes the %s emulator as documented (quota %i): every family covered but %j, no job left', async (edition, quota, notTestable) => {
    const { target, jobs } = await emulated(smcProfile({ edition, quota }));
    const result = await runStatefulChecks({ api: `alibaba-smc/CreateReplicationJob@${edition}`, target: target(), seed: 7 });
    expect(violations(result.findings).map((f) => f.message)).toEqual([]);
    expect(result.calls).toBeGreaterThan(100);
    expect(result.outcomes.filter((o) => o.coverage === 'not-testable').map((o) => o.rule)).toEqual(notTestable);
    expect(result.outcomes.filter((o) => o.coverage !== 'not-testable' && o.coverage !== 'covered').map((o) => `${o.rule}: ${o.coverage} ${o.coverageReason ?? ''}`)).toEqual([]);
    expect(result.outcomes.every((o) => o.kind === 'stateful' && o.rule.startsWith('(stateful) '))).toBe(true);
    expect(result.outcomes.map((o) => o.rule)).toContain('(stateful) sequences');
    expect(jobs()).toBe(0);
  });

  const faulty: readonly [string, string][] = [
    ['names-not-unique', 'unique-job-name'],
    ['busy-source-accepted', 'one-incomplete-job-per-source'],
    ['unavailable-source-accepted', 'source-must-be-available'],
    ['quota-off-by-one', 'job-quota'],
    ['quota-unenforced', 'job-quota'],
    ['idempotency-ignored', 'client-token-idempotency'],
    ['image-name-reuse', 'image-name-used-by-job'],
    ['wrong-code-duplicate-name', 'unique-job-name'],
    ['vswitch-mismatch-accepted', 'vswitch-in-vpc'],
  ];

  it.each(faulty)('%s: the directed scenario names %s, and so does a shrunk random sequence', async (fault, rule) => {
    const { emulator, target, jobs } = await emulated(smcProfile({ quota: 2 }), [fault]);
    const directed = await run({ target: target(), families: new Set(statefulFamilies(api).filter((f) => f !== '(stateful) sequences')) });
    const found = violations(directed.findings).filter((f) => f.check === 'stateful-scenario');
    expect(found.map((f) => f.rule)).toContain(`(stateful) ${rule}`);
    expect(directed.outcomes.find((o) => o.rule === `(stateful) ${rule}`)?.checks['stateful-scenario']).toBe('failed');
    expect(jobs()).toBe(0);

    emulator.reset();
    const random = await run({ target: target(), families: new Set(['(stateful) sequences']) });
    const failure = violations(random.findings).find((f) => f.check === 'stateful-sequence');
    expect(failure?.rule).toBe(`(stateful) ${rule}`);
    // Shrunk: a few calls (a concurrent retry counts five).
    expect(failure?.sequence?.length).toBeGreaterThan(0);
    expect(failure?.sequence?.length).toBeLessThanOrEqual(6);
    for (const call of failure?.sequence ?? []) expect(call.curl).toMatch(/^curl /);
    expect(jobs()).toBe(0);
  });

  it('deletes what it created when interrupted, and counts the families it did not reach as interrupted', async () => {
    const { server, target, jobs } = await emulated(smcProfile());
    const controller = new AbortController();
    const front = await proxy(server.url, (n) => {
      if (n === 10) controller.abort();
      return 'forward';
    });
    const result = await run({ target: target(front.url), signal: controller.signal });
    expect(controller.signal.aborted).toBe(true);
    expect(jobs()).toBe(0);
    expect(result.outcomes.find((o) => o.rule === '(stateful) sequences')?.inconclusive.interrupted).toBe(1);
  });

  it('tests nothing in no-create mode or where nothing can be deleted, and says why', async () => {
    // Nothing is sent: the endpoints are never contacted.
    const remote = await run({ target: { vendor: 'alibaba', config: { ...baseSmc, endpoint: 'http://192.0.2.1:9' } } });
    expect(remote.calls).toBe(0);
    expect(new Set(remote.outcomes.map((o) => `${o.coverage}: ${o.coverageReason}`))).toEqual(new Set(['not-testable: call sequences create resources: no-create mode (--allow-create to test them)']));
    const kept = await run({ target: { vendor: 'alibaba', config: { ...baseSmc, endpoint: 'http://127.0.0.1:9', cleanup: 'none' } } });
    expect(kept.calls).toBe(0);
    expect(kept.outcomes.every((o) => o.coverage === 'not-testable' && /cleanup "none"/.test(o.coverageReason ?? ''))).toBe(true);
  });
});

describe('failures are never dropped', () => {
  it('a connection reset inside a random sequence is a no-server-error finding naming the call', async () => {
    const { server, target, jobs } = await emulated(smcProfile());
    let reset: string | undefined;
    let done = false;
    // The first create from the 15th request on (well inside the sequences, not a cleanup delete), each time it comes until it
    // comes on a new connection: a kept-alive one closed before any answer may be the server's idle close, so the request goes
    // out again on another; on a new one the reset is the endpoint's.
    const front = await proxy(server.url, (n, request) => {
      if (done || isDelete(request)) return 'forward';
      if (reset === undefined && n >= 15) reset = request.body;
      if (request.body !== reset) return 'forward';
      done = request.fresh;
      return 'reset';
    });
    const result = await run({ target: target(front.url), families: new Set(['(stateful) sequences']) });
    const failure = result.findings.find((f) => f.check === 'no-server-error');
    expect(failure).toMatchObject({ code: 'transport_failure', severity: 'violation', rule: '(stateful) sequences' });
    expect(failure?.message).toMatch(/connection reset|socket|other side closed/i);
    expect(failure?.request.body).toContain('Action=CreateReplicationJob');
    expect(failure?.curl).toMatch(/^curl /);
    expect(result.outcomes.find((o) => o.rule === '(stateful) sequences')?.inconclusive.transport).toBe(1);
    expect(jobs()).toBe(0);
  });

  it('a call that hangs past the timeout inside a directed scenario is a finding, and leaves the rule inconclusive', async () => {
    const { server, target, jobs } = await emulated(smcProfile());
    // unique-job-name: the first create builds the state, the second (the hanging one) is the rule's call.
    const front = await proxy(server.url, (n) => (n === 2 ? 'hang' : 'forward'));
    const result = await run({ target: target(front.url), families: new Set(['(stateful) unique-job-name']), timeoutMs: 300 });
    expect(result.findings.find((f) => f.check === 'no-server-error')).toMatchObject({ code: 'transport_failure', severity: 'violation', rule: '(stateful) unique-job-name' });
    expect(result.findings.find((f) => f.check === 'no-server-error')?.sequence?.length).toBe(2);
    const outcome = result.outcomes.find((o) => o.rule === '(stateful) unique-job-name');
    expect(outcome?.coverage).toBe('inconclusive');
    expect(outcome?.inconclusive.transport).toBe(1);
    expect(jobs()).toBe(0);
  });

  it('a failing cleanup delete is a cleanup_failed finding naming what was left, and stops further calls', async () => {
    const { server, target, emulator } = await emulated(smcProfile());
    const front = await proxy(server.url, (_, request) => (isDelete(request) ? { status: 500, body: '{"Code":"InternalError","Message":"boom","RequestId":"r"}' } : 'forward'));
    const result = await run({ target: target(front.url), families: new Set(['(stateful) unique-job-name', '(stateful) one-incomplete-job-per-source']) });
    const left = [...emulator.resources(`alibaba-smc/CreateReplicationJob@${baseSmc.edition}`).keys()];
    expect(left).toHaveLength(1);
    const cleanup = result.findings.find((f) => f.code === 'cleanup_failed');
    expect(cleanup?.message).toContain(left[0]);
    expect(cleanup?.rule).toMatch(/^\(stateful\) /);
    // The run stopped: the second family was never sent, for it would have met the job left behind.
    const unsent = result.outcomes.find((o) => o.rule === '(stateful) unique-job-name');
    expect(unsent?.cases).toBe(0);
    expect(unsent?.coverage).toBe('not-covered');
    expect(unsent?.coverageReason).toMatch(/cleanup delete failed/);
  });
});

describe('referenced DCS resources', () => {
  const dcs = base.targets['huawei-dcs']!;
  async function dcsServer(faults: string[] = []): Promise<EmulatorServer> {
    const server = await startEmulatorServer(createEmulator({ faults }));
    closers.push(() => server.close());
    return server;
  }
  const dcsTarget = (endpoint: string): Target => ({ vendor: 'huawei', config: { ...dcs, endpoint } });
  const apis = ['huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask'] as const;

  it.each(apis)('pass on the emulator as documented, every rule covered: %s', async (dcsApi) => {
    const result = await runStatefulChecks({ api: dcsApi, target: dcsTarget((await dcsServer()).url), seed: 3 });
    expect(result.findings).toEqual([]);
    expect(result.calls).toBeGreaterThan(20);
    expect(result.outcomes.map((o) => o.coverage)).toEqual(result.outcomes.map(() => 'covered'));
    expect(result.outcomes.map((o) => o.rule)).toContain('(stateful) project-exists');
  });

  it.each([
    ['dcs-unknown-target-accepted', 'huawei-dcs/CreateMigrationTask', '(stateful) target-instance-exists'],
    ['dcs-unknown-vpc-accepted', 'huawei-dcs/CreateOnlineMigrationTask', '(stateful) vpc-exists'],
  ] as const)('%s is caught', async (fault, dcsApi, rule) => {
    const result = await runStatefulChecks({ api: dcsApi, target: dcsTarget((await dcsServer([fault])).url), seed: 3 });
    expect(violations(result.findings).map((f) => f.rule)).toContain(rule);
  });

  it('throttling answers are inconclusive, never violations', async () => {
    const server = await dcsServer();
    const front = await proxy(server.url, () => ({ status: 429, headers: { 'retry-after': '0' }, body: '{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}' }));
    const result = await runStatefulChecks({ api: 'huawei-dcs/CreateOnlineMigrationTask', target: dcsTarget(front.url), seed: 3, calls: 3 });
    expect(result.findings).toEqual([]);
    for (const outcome of result.outcomes) {
      expect(outcome.coverage, outcome.rule).toBe('inconclusive');
      expect(outcome.inconclusive.throttling, outcome.rule).toBeGreaterThan(0);
    }
  });

  it('a failing cleanup delete is a cleanup_failed finding', async () => {
    const server = await dcsServer();
    const front = await proxy(server.url, (_, request) => (request.method === 'DELETE' ? 'reset' : 'forward'));
    const result = await runStatefulChecks({ api: 'huawei-dcs/CreateMigrationTask', target: dcsTarget(front.url), seed: 3, calls: 2 });
    const cleanup = result.findings.find((f) => f.code === 'cleanup_failed');
    expect(cleanup?.rule).toBe('(stateful) target-instance-exists');
    expect(cleanup?.message).toMatch(/Left on the target, delete by hand: [0-9a-f]{32} \(connection reset/);
  });
});
