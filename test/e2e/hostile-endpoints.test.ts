import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { answerWithoutEnd } from '../helpers/endless-answer.ts';

// Endpoints nobody on the team wrote a contract for: each answers every request the same hostile way.
// The run must end by itself and never pass, on loopback and on a host name outside loopback (safe mode).

const root = fileURLToPath(new URL('../../', import.meta.url));
const remoteHosts = path.join(root, 'test/helpers/remote-hosts.ts');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(closers.map((close) => close())));

type Vendor = 'alibaba' | 'huawei';
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** Bytes sent as they are instead of the body as JSON. */
  readonly raw?: string;
}

const requestId = 'C8B26B44-0189-443E-9816-D951F59623A9';
const vendorOf = (seen: Seen): Vendor => (seen.url.startsWith('/v2/') ? 'huawei' : 'alibaba');
const error = (vendor: Vendor, status: number, code: string, message: string): Answer =>
  vendor === 'alibaba' ? { status, body: { RequestId: requestId, HostId: 'smc.aliyuncs.com', Code: code, Message: message } } : { status, body: { error_code: code, error_msg: message, error_ext_msg: null } };
const authError = (vendor: Vendor) => (vendor === 'alibaba' ? error(vendor, 400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.') : error(vendor, 401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail'));
const throttled = (vendor: Vendor): Answer => ({ ...(vendor === 'alibaba' ? error(vendor, 400, 'Throttling.User', 'Request was denied due to user flow control.') : error(vendor, 429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit')), headers: { 'retry-after': '0' } });
/** The pre-flight request: no SourceId (SMC), an empty body (DCS). */
const isPreflight = (seen: Seen): boolean => (vendorOf(seen) === 'alibaba' ? !seen.body.includes('SourceId=') && seen.body.includes('Action=CreateReplicationJob') : seen.body.trim() === '{}');
const missing = (vendor: Vendor): Answer => (vendor === 'alibaba' ? error(vendor, 400, 'MissingParameter', 'The input parameter "SourceId" that is mandatory for processing this request is not supplied.') : error(vendor, 400, 'DCS.4062', 'Invalid task_name parameter in the request.'));


/** A server on 127.0.0.1 that answers every request with `answer(request)`, never ('hang'), or without end ('endless'). */
async function hostile(answer: (seen: Seen) => Answer | 'hang' | 'endless'): Promise<number> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const reply = answer({ method: req.method ?? '', url: req.url ?? '', body });
      if (reply === 'hang') return;
      if (reply === 'endless') return answerWithoutEnd(res);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return (server.address() as AddressInfo).port;
}

/** Writes a profile whose targets point at `host:port`. */
async function profileAt(host: string, port: number): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-hostile-'));
  const profile = loadProfile();
  const endpoint = `http://${host}:${port}`;
  const file = path.join(dir, 'profile.json');
  await writeFile(file, JSON.stringify({ targets: { 'alibaba-smc': { ...profile.targets['alibaba-smc'], endpoint }, 'huawei-dcs': { ...profile.targets['huawei-dcs'], endpoint } } }));
  return { dir, file };
}

/** Runs the CLI in a child process that resolves `*.conformance.test` to 127.0.0.1 (its vitest workers too). */
async function run(args: readonly string[]): Promise<{ code: number | null; out: string; err: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', remoteHosts, path.join(root, 'src/cli/main.ts'), 'run', ...args], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${remoteHosts}`.trim() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out, err, seconds: (performance.now() - started) / 1000 };
}

const apis = { alibaba: 'alibaba-smc/CreateReplicationJob@current', huawei: 'huawei-dcs/CreateOnlineMigrationTask' } as const;
const hosts = [
  ['loopback', '127.0.0.1'],
  ['a host name outside loopback (safe mode)', 'target.conformance.test'],
] as const;
const small = ['--seed', '3', '--valid', '2', '--per-rule', '1', '--timeout', '2000'];

describe.each(hosts)('on %s', (_where, host) => {
  describe.each(['alibaba', 'huawei'] as const)('%s', (vendor) => {
    it('stops at pre-flight with exit 3 and one line naming the code when every answer is an authentication error', { timeout: 60_000 }, async () => {
      const { file } = await profileAt(host, await hostile((seen) => authError(vendorOf(seen))));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, result.err).toBe(3);
      const lines = result.err.trim().split('\n');
      expect(lines, result.err).toHaveLength(1);
      expect(lines[0]).toContain(vendor === 'alibaba' ? 'SignatureDoesNotMatch' : 'APIGW.0301');
      expect(lines[0]).toMatch(/refused the credentials .*check the/);
    });

    it('stops at pre-flight with exit 3 and one line when every answer is a redirect to a login page', { timeout: 60_000 }, async () => {
      const { file } = await profileAt(host, await hostile(() => ({ status: 302, body: null, raw: '', headers: { location: 'https://sso.conformance.test/login', 'content-type': 'text/html' } })));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, result.err).toBe(3);
      const lines = result.err.trim().split('\n');
      expect(lines, result.err).toHaveLength(1);
      expect(lines[0]).toContain(`does not serve ${apis[vendor]}: 302 to https://sso.conformance.test/login`);
    });

    it('stops at pre-flight with exit 3 and one line when every answer is a portal page with status 200', { timeout: 60_000 }, async () => {
      const { file } = await profileAt(host, await hostile(() => ({ status: 200, body: null, raw: '<html><body>Welcome to the network</body></html>', headers: { 'content-type': 'text/html' } })));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, result.err).toBe(3);
      const lines = result.err.trim().split('\n');
      expect(lines, result.err).toHaveLength(1);
      expect(lines[0]).toContain(`does not answer like ${apis[vendor]}: status 200 with a body that is not JSON (text/html)`);
    });

    it('stops at pre-flight with exit 3 naming the code when every answer is throttling', { timeout: 60_000 }, async () => {
      const { file } = await profileAt(host, await hostile((seen) => throttled(vendorOf(seen))));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, result.err).toBe(3);
      expect(result.err).toContain(vendor === 'alibaba' ? 'Throttling.User' : 'APIGW.0308');
      expect(result.err).toContain('kept throttling');
    });

    it('never passes an endpoint that validates nothing and answers every refusal with an authentication error', { timeout: 120_000 }, async () => {
      // It accepts whatever carries the required parameters, and refuses the rest, pre-flight included, as unauthenticated.
      const accepts = (seen: Seen) => (vendorOf(seen) === 'alibaba' ? seen.body.includes('SourceId=') || seen.body.includes('Action=DeleteReplicationJob') : /"(name|task_id_list)"/.test(seen.body));
      const success = (seen: Seen): Answer => ({ status: 200, body: vendorOf(seen) === 'alibaba' ? { RequestId: requestId, JobId: 'j-0123456789abcdefghij' } : { instance_id: '0b7b8f4c-2a3e-4a3e-9f1e-3c2f2b1a0e9d', task_id_list: [] } });
      const { file } = await profileAt(host, await hostile((seen) => (accepts(seen) ? success(seen) : authError(vendorOf(seen)))));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, result.err).toBe(3);
      expect(result.err).toContain(vendor === 'alibaba' ? 'SignatureDoesNotMatch' : 'APIGW.0301');
    });

    it('ends inconclusive (exit 4), never passed, when every answer after pre-flight is an authentication error', { timeout: 120_000 }, async () => {
      const { file, dir } = await profileAt(host, await hostile((seen) => (isPreflight(seen) ? missing(vendorOf(seen)) : authError(vendorOf(seen)))));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small, '--report-dir', path.join(dir, 'reports')]);
      expect(result.code, `${result.out}\n${result.err}`).toBe(4);
      expect(result.out).toMatch(/^INCONCLUSIVE: /);
      expect(result.out).toMatch(/inconclusive answers: authentication \d+/);
      const report = JSON.parse(await readFile(path.join(dir, 'reports', 'report.json'), 'utf8')) as { verdict: string; coverage: { covered: number; testable: number }; inconclusive: Record<string, number>; rules: { rule: string; coverage: string }[] };
      expect(report.verdict).toBe('inconclusive');
      // At most what looks like the pre-flight request (a missing required parameter, wire-level cases lacking them all) gets a conclusive answer.
      const covered = report.rules.filter((r) => r.coverage === 'covered' && !r.rule.startsWith('(wire) ')).map((r) => r.rule);
      expect(covered.filter((r) => r !== (vendor === 'alibaba' ? 'SourceId.required' : 'name.required'))).toEqual([]);
      expect(report.coverage.covered).toBeLessThan(report.coverage.testable);
      expect(report.inconclusive['authentication']).toBeGreaterThan(0);
    });

    it('stops sending after consecutive throttling mid-run and ends inconclusive in bounded time', { timeout: 120_000 }, async () => {
      const { file } = await profileAt(host, await hostile((seen) => (isPreflight(seen) ? missing(vendorOf(seen)) : throttled(vendorOf(seen)))));
      const result = await run(['--profile', file, '--api', apis[vendor], ...small]);
      expect(result.code, `${result.out}\n${result.err}`).toBe(4);
      expect(result.out).toMatch(/^INCONCLUSIVE: /);
      expect(result.out).toMatch(/inconclusive answers: .*throttling \d+/);
      // Enough cases to outlast the throttling streak: the run stops sending instead of retrying each one.
      if (vendor === 'alibaba') expect(result.out).toMatch(/the run stopped sending[^]*throttled-stop \d+/);
    });
  });

  it('stops sending when the endpoint stops answering mid-run, and ends inconclusive in bounded time', { timeout: 120_000 }, async () => {
    // The endpoint answers the pre-flight request, then nothing: a request without SourceId mid-run hangs too.
    let requests = 0;
    const { file } = await profileAt(host, await hostile((seen) => ((requests += 1) === 1 && isPreflight(seen) ? missing(vendorOf(seen)) : 'hang')));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small, '--timeout', '300']);
    // Timeouts are findings (no-server-error) and the run never passes; it stops after a streak of them.
    expect(result.code, `${result.out}\n${result.err}`).not.toBe(0);
    expect(result.out).toMatch(/unresponsive-stop \d+/);
    expect(result.out).toContain('got no answer');
  });

  // A conforming API behind a proxy that answers for it after pre-flight: nothing of the API's was judged.
  const layers: [string, Answer][] = [
    ['an SSO redirect', { status: 302, body: null, raw: '', headers: { location: 'https://sso.conformance.test/login', 'content-type': 'text/html' } }],
    ["nginx's 401 page", { status: 401, body: null, raw: '<html><body><h1>401 Authorization Required</h1></body></html>', headers: { 'content-type': 'text/html' } }],
    ["nginx's 429 page", { status: 429, body: null, raw: '<html><body><h1>429 Too Many Requests</h1></body></html>', headers: { 'content-type': 'text/html', 'retry-after': '0' } }],
    ["a gateway's 503 with Retry-After", { status: 503, body: null, raw: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', headers: { 'content-type': 'text/html', 'retry-after': '0' } }],
  ];
  it.each(layers)('ends inconclusive (exit 4) without a single violation when a proxy answers every case after pre-flight with %s', { timeout: 120_000 }, async (_what, answer) => {
    const { file, dir } = await profileAt(host, await hostile((seen) => (isPreflight(seen) ? missing(vendorOf(seen)) : answer)));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small, '--report-dir', path.join(dir, 'reports')]);
    expect(result.code, `${result.out}\n${result.err}`).toBe(4);
    expect(result.out).toMatch(/^INCONCLUSIVE: /);
    const report = JSON.parse(await readFile(path.join(dir, 'reports', 'report.json'), 'utf8')) as { findingCounts: { check: string; code: string; severity: string }[] };
    expect(report.findingCounts.filter((c) => c.severity === 'violation')).toEqual([]);
  });

  it("stops at pre-flight with exit 3 and one line when every answer is nginx's 502 page (the API behind it is down)", { timeout: 60_000 }, async () => {
    const { file } = await profileAt(host, await hostile(() => ({ status: 502, body: null, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } })));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small]);
    expect(result.code, result.err).toBe(3);
    const lines = result.err.trim().split('\n');
    expect(lines, result.err).toHaveLength(1);
    expect(lines[0]).toContain('with 502 and no error code, a proxy\'s: the API behind it is not answering');
  });

  it("reports nginx's 502 page after pre-flight as server errors (no-server-error) and nothing about its shape", { timeout: 120_000 }, async () => {
    const page: Answer = { status: 502, body: null, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } };
    const { file, dir } = await profileAt(host, await hostile((seen) => (isPreflight(seen) ? missing(vendorOf(seen)) : page)));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small, '--report-dir', path.join(dir, 'reports')]);
    expect(result.code, `${result.out}\n${result.err}`).toBe(1);
    const report = JSON.parse(await readFile(path.join(dir, 'reports', 'report.json'), 'utf8')) as { findingCounts: { check: string; severity: string }[] };
    expect([...new Set(report.findingCounts.filter((c) => c.severity === 'violation').map((c) => c.check))]).toEqual(['no-server-error']);
  });

  it('stops with exit 3 when the endpoint never answers', { timeout: 60_000 }, async () => {
    const { file } = await profileAt(host, await hostile(() => 'hang'));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small, '--timeout', '300']);
    expect(result.code, result.err).toBe(3);
    expect(result.err).toContain('no response before the timeout');
  });

  it('stops with exit 3 and one line when every answer is a body without end, long before the timeout', { timeout: 60_000 }, async () => {
    const { file } = await profileAt(host, await hostile(() => 'endless'));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small, '--timeout', '30000']);
    expect(result.code, result.err).toBe(3);
    const lines = result.err.trim().split('\n');
    expect(lines, result.err).toHaveLength(1);
    expect(lines[0]).toMatch(/answered the pre-flight request .* with an answer body of more than \d+ bytes/);
    // Well before the 30 s timeout: the bound, not the clock, ended the read.
    expect(result.seconds).toBeLessThan(25);
  });

  it('stops sending when every answer after pre-flight is a body without end, and never passes', { timeout: 120_000 }, async () => {
    let requests = 0;
    const { file } = await profileAt(host, await hostile((seen) => ((requests += 1) === 1 && isPreflight(seen) ? missing(vendorOf(seen)) : 'endless')));
    const result = await run(['--profile', file, '--api', apis.alibaba, ...small]);
    expect(result.code, `${result.out}\n${result.err}`).not.toBe(0);
    expect(result.out).toMatch(/unresponsive-stop \d+/);
    expect(result.out).toContain('bodies without end');
  });
});

describe('a conforming endpoint outside loopback (safe mode)', () => {
  it('passes only with every violation rule refused conclusively, and says valid acceptance was not tested', { timeout: 120_000 }, async () => {
    const server: EmulatorServer = await startEmulatorServer(createEmulator());
    closers.push(server.close);
    const { file, dir } = await profileAt('smc.conformance.test', Number(new URL(server.url).port));
    const result = await run(['--profile', file, '--api', apis.alibaba, '--seed', '4', '--valid', '2', '--per-rule', '1', '--report-dir', path.join(dir, 'reports')]);
    expect(result.code, `${result.out}\n${result.err}`).toBe(0);
    expect(result.out).toMatch(/^PASSED: /);
    expect(result.out).toMatch(/not tested: .*valid acceptance.* not tested: its cases may create resources: no-create mode \(--allow-create to test it\)/);
    // Nothing was created on a target outside loopback.
    expect(server.emulator.resources('alibaba-smc/CreateReplicationJob@current').size).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'reports', 'report.json'), 'utf8')) as { rules: { rule: string; coverage: string }[] };
    const violationRules = report.rules.filter((r) => r.coverage !== 'not-testable');
    expect(violationRules.length).toBeGreaterThan(50);
    expect(violationRules.filter((r) => r.coverage !== 'covered')).toEqual([]);
  });
});
