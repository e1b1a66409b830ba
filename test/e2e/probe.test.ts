import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load.ts';
import type { BoundResult, LimitBound, ProbeResult } from '../../src/probe/probe-result.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { cli } from '../helpers/cli.ts';
import { startEmulator } from '../helpers/start-emulator.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const remoteHosts = path.join(root, 'test/helpers/remote-hosts.ts');
const editions = { '2019': 'alibaba-smc/CreateReplicationJob@2019', current: 'alibaba-smc/CreateReplicationJob@current' } as const;

/** The range, length and count rules of a contract, by id. */
function limitRules(api: string): string[] {
  return loadContract(api)
    .rules.filter((r) => r.kind === 'range' || r.kind === 'length' || r.kind === 'count')
    .map((r) => r.id);
}

function isLimit(bound: BoundResult): bound is LimitBound {
  return bound.kind === 'range' || bound.kind === 'length' || bound.kind === 'count';
}

/** Runs `probe … --json` in-process and reads its result. */
async function probe(args: readonly string[]): Promise<{ code: number; result: ProbeResult; err: string }> {
  const { code, out, err } = await cli(['probe', '--json', '--seed', '11', ...args]);
  expect(out, err).toMatch(/^\{/);
  return { code, result: JSON.parse(out) as ProbeResult, err };
}

/** A profile whose SMC target is `endpoint`, naming `edition`. */
async function smcProfile(endpoint: string, edition: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-probe-'));
  const file = path.join(dir, 'profile.json');
  await writeFile(file, JSON.stringify({ targets: { 'alibaba-smc': { ...loadProfile().targets['alibaba-smc'], endpoint, edition } } }));
  return file;
}

describe('probe against the embedded emulator', () => {
  it.each(Object.values(editions))('reports every rule of %s as matching, each range, length and count in at most 40 requests', { timeout: 120_000 }, async (api) => {
    const { code, result, err } = await probe(['--api', api]);
    expect(code, err).toBe(0);
    for (const bound of result.bounds) expect(bound.verdict, `${bound.rule}: ${bound.why}`).toBe('matches');
    expect(result.bounds.filter(isLimit).map((b) => b.rule).sort()).toEqual(limitRules(api).sort());
    for (const bound of result.bounds.filter(isLimit)) {
      expect(bound, bound.why).toMatchObject({ verdict: 'matches', observed: bound.documented });
      expect(bound.requests).toBeLessThanOrEqual(40);
      expect(bound.lastAccepted?.size).toBe(bound.documented);
      // On the RPC wire an empty value leaves a parameter unset: a length bound of 1 is the smallest one can see, with no refusal below it.
      if (bound.kind === 'length' && bound.side === 'lower' && bound.documented === 1) expect(bound.firstRejected).toBeNull();
      else {
        expect(bound.firstRejected?.size).toBe(bound.side === 'upper' ? bound.documented + 1 : bound.documented - 1);
        expect(bound.firstRejected?.curl).toMatch(/^curl /);
      }
    }
    // A time window's edges, in seconds from now: placed to the second, within the whole second a request's time is rounded to.
    const edges = result.bounds.filter((b): b is LimitBound => b.kind === 'timeWindow');
    expect(edges.map((b) => b.rule).sort()).toEqual(loadContract(api).rules.filter((r) => r.kind === 'timeWindow').map((r) => r.id).sort());
    for (const edge of edges) {
      expect(Math.abs((edge.observed ?? Number.NaN) - edge.documented), edge.why).toBeLessThanOrEqual(1);
      expect(edge.requests).toBeLessThanOrEqual(40);
    }
    expect(result.closest).toBe(api);
    expect(result.leftBehind).toEqual([]);
  });
});

describe('probe names the closest edition', () => {
  // The cross-edition probes keep to rules that tell the editions apart, and to ones they share.
  const telling = ['--rule', 'SystemDiskSize.maximum', '--rule', 'SystemDiskSize.minimum', '--rule', 'Name.maxLength'];
  it.each([
    ['2019', editions['2019'], telling],
    ['2019', editions.current, [...telling, '--rule', 'Frequency.maximum', '--rule', 'MaxNumberOfImageToKeep.maximum']],
    ['current', editions.current, telling],
    ['current', editions['2019'], telling],
  ] as const)('of a server like `serve --edition %s`, probed with the contract of %s', { timeout: 120_000 }, async (edition, api, rules) => {
    const server = await startEmulator({ edition });
    const { code, result, err } = await probe(['--api', api, '--profile', await smcProfile(server.url, edition), ...rules]);
    expect(code, err).toBe(0);
    expect(result.closest).toBe(editions[edition]);
    const scores = Object.fromEntries(result.editions.map((e) => [e.api, e]));
    expect(scores[editions[edition]]).toMatchObject({ disagree: 0 });
    expect(scores[editions[edition === '2019' ? 'current' : '2019']]?.disagree).toBeGreaterThan(0);
    // Every job a probe created was deleted before the next request.
    expect(server.emulator.resources(editions[edition]).size).toBe(0);
  });
});

/** Bounds moved one unit past the documents and far past them (several times the bound), per edition. */
const moved = {
  [editions.current]: {
    'one unit past': { 'SystemDiskSize.maximum': 2049, 'SystemDiskSize.minimum': 19, 'Name.maxLength': 129, 'ClientToken.maxLength': 65, 'Tag.maxItems': 21, 'Frequency.maximum': 169, 'DataDisk.Size.minimum': 19 },
    'far past': { 'SystemDiskSize.maximum': 6144, 'DataDisk.Size.maximum': 131072, 'Name.maxLength': 512, 'ClientToken.maxLength': 256, 'Tag.maxItems': 80, 'Frequency.maximum': 672, 'DataDisk.Size.minimum': 4 },
    'stricter than documented': { 'SystemDiskSize.maximum': 1024, 'Tag.maxItems': 5, 'Frequency.minimum': 2 },
  },
  [editions['2019']]: {
    'one unit past': { 'SystemDiskSize.maximum': 501, 'Description.maxLength': 129 },
    'far past': { 'SystemDiskSize.maximum': 2000, 'Description.maxLength': 600, 'ReplicationParameters.maxLength': 8192 },
    'stricter than documented': { 'DataDisk.maxItems': 15, 'ImageName.minLength': 3 },
  },
} as const;

describe('probe against emulators whose bounds were moved', () => {
  const runs = Object.entries(moved).flatMap(([api, byDistance]) => Object.entries(byDistance).map(([distance, bounds]) => [api, distance, bounds] as const));
  it.each(runs)('%s, %s: reports each moved bound exactly as drift, within 40 requests each', { timeout: 180_000 }, async (api, _distance, bounds) => {
    const drift = Object.entries(bounds).flatMap(([rule, n]) => ['--drift', `${rule}=${n}`]);
    const rules = Object.keys(bounds).flatMap((rule) => ['--rule', rule]);
    const { code, result, err } = await probe(['--api', api, ...drift, ...rules, '--fail-on', 'drift']);
    expect(code, err).toBe(1);
    for (const [rule, n] of Object.entries(bounds)) {
      const bound = result.bounds.find((b) => b.rule === rule);
      expect(bound, rule).toMatchObject({ verdict: 'drift', observed: n });
      expect(bound?.requests, rule).toBeLessThanOrEqual(40);
      expect(bound?.lastAccepted?.size, rule).toBe(n);
    }
  });
});

describe('probe against an emulator whose time windows were moved', () => {
  // Edges moved by a duration in seconds; the first second accepted after an exclusive lower edge is one past it.
  it.each([
    ['ScheduledStartTime.timeWindow.notAfter', 45 * 86_400, 45 * 86_400, 'several days past'],
    ['ScheduledStartTime.timeWindow.after', 3600, 3601, 'an hour later'],
    ['ValidTime.timeWindow.after', 3600, 3600, 'days earlier'],
    ['ValidTime.timeWindow.notAfter', 100 * 86_400, 100 * 86_400, 'ten days past'],
  ])('%s moved to %i s: drift, placed to the second (%s), within 40 requests', { timeout: 60_000 }, async (rule, seconds, edge) => {
    const { code, result, err } = await probe(['--api', editions.current, '--drift', `${rule}=${seconds}`, '--rule', rule, '--fail-on', 'drift']);
    expect(code, err).toBe(1);
    const bound = result.bounds[0] as LimitBound;
    expect(bound.verdict, bound.why).toBe('drift');
    // The endpoint reads its clock a little after the request's time was built, rounded down to the second.
    expect(Math.abs((bound.observed ?? Number.NaN) - edge), bound.why).toBeLessThanOrEqual(1);
    expect(bound.requests).toBeLessThanOrEqual(40);
  });

  it('an endpoint a minute off our clock matches: an edge within the tolerance is as documented', { timeout: 60_000 }, async () => {
    const { code, result, err } = await probe(['--api', editions.current, '--drift', 'ScheduledStartTime.timeWindow.notAfter=2592060', '--rule', 'ScheduledStartTime.timeWindow.notAfter']);
    expect(code, err).toBe(0);
    expect(result.bounds[0]).toMatchObject({ verdict: 'matches', documented: 2_592_000 });
    expect(Math.abs(((result.bounds[0] as LimitBound).observed ?? Number.NaN) - 2_592_060)).toBeLessThanOrEqual(1);
  });
});

/** An endpoint that answers every request with `answer`, counting them. */
async function fakeEndpoint(answer: (request: http.IncomingMessage) => { status: number; body: unknown }) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests: () => requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

const requestId = 'C8B26B44-0189-443E-9816-D951F59623A9';

describe('probe takes no bound from an answer that says nothing about it', () => {
  it('reports bounds inconclusive (exit 4) when every refusal names another parameter', { timeout: 60_000 }, async () => {
    const endpoint = await fakeEndpoint(() => ({ status: 400, body: { RequestId: requestId, Code: 'InvalidParameter', Message: 'The specified value of parameter "SourceId" is not valid.' } }));
    try {
      const { code, result, err } = await probe(['--api', editions.current, '--profile', await smcProfile(`http://127.0.0.1:${endpoint.port}`, 'current'), '--rule', 'SystemDiskSize.maximum', '--rule', 'Name.maxLength']);
      expect(code, err).toBe(4);
      for (const bound of result.bounds) {
        expect(bound).toMatchObject({ verdict: 'inconclusive', observed: null, inconclusive: { 'other-parameter': 3 } });
        expect(bound.requests).toBe(3);
      }
      expect(result.closest).toBeNull();
    } finally {
      await endpoint.close();
    }
  });

  it('stops at pre-flight with exit 3 when the endpoint refuses the credentials, sending nothing else', { timeout: 60_000 }, async () => {
    const endpoint = await fakeEndpoint(() => ({ status: 400, body: { RequestId: requestId, Code: 'SignatureDoesNotMatch', Message: 'The request signature does not conform to Aliyun standards.' } }));
    try {
      const { code, err } = await cli(['probe', '--api', editions.current, '--profile', await smcProfile(`http://127.0.0.1:${endpoint.port}`, 'current')]);
      expect(code, err).toBe(3);
      expect(err).toContain('SignatureDoesNotMatch');
      expect(endpoint.requests()).toBe(1);
    } finally {
      await endpoint.close();
    }
  });

  it('calls an endpoint that accepts every size drift, with the farthest size it sent, never a bound', { timeout: 60_000 }, async () => {
    const endpoint = await fakeEndpoint(() => ({ status: 200, body: { RequestId: requestId, JobId: `j-${Math.random().toString(36).slice(2)}` } }));
    try {
      const { code, result, err } = await probe(['--api', editions.current, '--profile', await smcProfile(`http://127.0.0.1:${endpoint.port}`, 'current'), '--rule', 'Tag.maxItems', '--rule', 'Frequency.minimum']);
      expect(code, err).toBe(0);
      expect(result.bounds.find((b) => b.rule === 'Tag.maxItems')).toMatchObject({ verdict: 'drift', observed: null, end: 'unbounded', between: { accepted: 1024 } });
      expect(result.bounds.find((b) => b.rule === 'Frequency.minimum')).toMatchObject({ verdict: 'drift', observed: null, end: 'unbounded', between: { accepted: -(2 ** 31) } });
    } finally {
      await endpoint.close();
    }
  });
});

describe('probe is safe outside loopback', () => {
  it('refuses (exit 2) to probe a host outside loopback without --allow-create, sending nothing', async () => {
    const endpoint = await fakeEndpoint(() => ({ status: 200, body: {} }));
    try {
      const { code, err } = await cli(['probe', '--api', editions.current, '--profile', await smcProfile(`http://target.conformance.test:${endpoint.port}`, 'current')]);
      expect(code).toBe(2);
      expect(err).toContain('--allow-create');
      expect(endpoint.requests()).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it('with --allow-create probes it, deletes every job it created, and writes drift.json, drift.md and drift.html', { timeout: 120_000 }, async () => {
    const server = await startEmulator({ edition: 'current' });
    const port = new URL(server.url).port;
    const reportDir = await mkdtemp(path.join(tmpdir(), 'mc-probe-reports-'));
    const args = ['--import', remoteHosts, path.join(root, 'src/cli/main.ts'), 'probe', '--api', editions.current, '--profile', await smcProfile(`http://target.conformance.test:${port}`, 'current'), '--allow-create', '--rule', 'Name.maxLength', '--rule', 'Tag.maxItems', '--report-dir', reportDir, '--seed', '4'];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, err).toBe(0);
    expect(server.emulator.resources(editions.current).size).toBe(0);
    const written = JSON.parse(await readFile(path.join(reportDir, 'drift.json'), 'utf8')) as ProbeResult;
    expect(written.bounds.map((b) => [b.rule, b.verdict])).toEqual([
      ['Name.maxLength', 'matches'],
      ['Tag.maxItems', 'matches'],
    ]);
    expect(await readFile(path.join(reportDir, 'drift.md'), 'utf8')).toContain('Name.maxLength');
    expect(await readFile(path.join(reportDir, 'drift.html'), 'utf8')).toContain('Tag.maxItems');
  });
});

/** Every documented reading that is not a contract's default, with the operations that have it and the rules it touches. */
function otherReadings(): { api: string; contradiction: string; reading: string; rules: string[]; transforms: boolean }[] {
  return Object.values({ ...editions, dcs: 'huawei-dcs/CreateMigrationTask' }).flatMap((api) =>
    loadContract(api).readings.flatMap((c) => c.readings.slice(1).map((r) => ({ api, contradiction: c.id, reading: r.id, rules: [...c.touchedRules], transforms: r.transform !== undefined }))),
  );
}

describe('probe against emulators that follow other documented readings', () => {
  // A conforming endpoint may read the documents' contradictions another way: the probe must call it
  // conforming, and say which reading it follows.
  it.each(otherReadings())('$api with $contradiction=$reading: every rule it touches matches, following that reading', { timeout: 120_000 }, async ({ api, contradiction, reading, rules, transforms }) => {
    const server = await startEmulator({ apis: [api], readings: new Map([[contradiction, reading]]) });
    const product = api.split('/')[0] as string;
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-probe-'));
    const file = path.join(dir, 'profile.json');
    await writeFile(file, JSON.stringify({ targets: { [product]: { ...(loadProfile().targets as Record<string, object>)[product], endpoint: server.url } } }));
    const { code, result, err } = await probe(['--api', api, '--profile', file, ...rules.flatMap((r) => ['--rule', r])]);
    expect(code, err).toBe(0);
    const named = (bound: BoundResult) => (isLimit(bound) ? [] : bound.followed.filter((words) => words.includes(`${contradiction}=`)));
    for (const bound of result.bounds) {
      expect(bound.verdict, `${bound.rule}: ${bound.why}`).toBe('matches');
      // Where the answers tell the contradiction's readings apart, they name the one followed.
      for (const words of named(bound)) expect(words, bound.rule).toContain(`${contradiction}=${reading}`);
    }
    // The values tried tell it (a reading that changes requests before validation, null as absent, is told by the run's type probes).
    if (!transforms) expect(result.bounds.some((bound) => named(bound).length > 0)).toBe(true);
  });
});

describe('probe names the values a faulty emulator accepts against the documents', () => {
  it.each([
    [editions.current, 'enum-unenforced', 'NetMode.enum', 'accepts unlisted value'],
    [editions.current, 'conditional-unenforced', 'VSwitchId.requiredWhen.NetMode', 'accepts condition holds, property missing'],
    [editions.current, 'tag-prefix-accepted', 'Tag.Key.forbiddenPrefixes', 'accepts starts with "aliyun'],
    ['huawei-dcs/CreateMigrationTask', 'dcs-target-id-optional', 'target_instance.id.required', 'accepts missing'],
  ] as const)('%s with the fault %s: %s drifts', { timeout: 60_000 }, async (api, fault, rule, words) => {
    const server = await startEmulator({ apis: [api], faults: [fault] });
    const product = api.split('/')[0] as string;
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-probe-'));
    const file = path.join(dir, 'profile.json');
    await writeFile(file, JSON.stringify({ targets: { [product]: { ...(loadProfile().targets as Record<string, object>)[product], endpoint: server.url } } }));
    const { code, result, err } = await probe(['--api', api, '--profile', file, '--rule', rule, '--fail-on', 'drift']);
    expect(code, err).toBe(1);
    const bound = result.bounds[0];
    expect(bound?.verdict, bound?.why).toBe('drift');
    expect(bound?.why).toContain(words);
    expect(bound?.lastAccepted?.curl).toMatch(/^curl /);
  });

  it('takes nothing from an emulator that answers validation errors with 500: every rule inconclusive, exit 4', { timeout: 60_000 }, async () => {
    const server = await startEmulator({ apis: [editions.current], faults: ['validation-500'] });
    const { code, result, err } = await probe(['--api', editions.current, '--profile', await smcProfile(server.url, 'current'), '--rule', 'TargetType.enum', '--rule', 'SystemDiskSize.maximum', '--rule', 'SourceId.required']);
    expect(code, err).toBe(4);
    for (const bound of result.bounds) expect(bound.verdict, `${bound.rule}: ${bound.why}`).toBe('inconclusive');
  });
});
