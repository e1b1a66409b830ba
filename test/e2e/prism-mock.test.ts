import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, schemasDir } from '../../src/contract/load.ts';
import type { Rule } from '../../src/contract/rule.ts';
import { compileSchema } from '../../src/contract/validator.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { cli, type CliOutput } from '../helpers/cli.ts';

// The suite against a Prism mock server (`prism mock`) of our own exported OpenAPI documents: one RPC
// operation (a form body) and one REST operation (a JSON body). A mock validates requests with the
// document's standard JSON Schema and answers every valid one with the documented success example and
// every refusal with an error body generated from the envelope's schema (`"Code": "string"`); it knows
// no delete call and no state. So the run can never pass, and what it finds is where the mock (and so
// any tool reading only the OpenAPI document) cannot enforce the contract.

const root = fileURLToPath(new URL('../../', import.meta.url));
const prismBin = path.join(root, 'node_modules/.bin/prism');
const smc = 'alibaba-smc/CreateReplicationJob@current';
const dcs = 'huawei-dcs/CreateOnlineMigrationTask';

interface Finding {
  readonly check: string;
  readonly code: string;
  readonly severity: string;
  readonly api?: string;
  readonly rule?: string;
  readonly request?: { readonly body?: string };
}
interface Report {
  readonly verdict: string;
  readonly seed: number;
  readonly casesSent: number;
  readonly findings: readonly Finding[];
}

interface Prism {
  readonly endpoint: string;
  readonly child: ChildProcess;
  log: string;
}
const prisms: Prism[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `prism mock` of one document on 127.0.0.1, resolved once it says it listens. */
async function startPrism(document: string): Promise<Prism> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismBin, 'mock', '-h', '127.0.0.1', '-p', String(port), document], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const prism: Prism = { endpoint: `http://127.0.0.1:${port}`, child, log: '' };
  prisms.push(prism);
  // Keep the tail of its (verbose) log for the failure messages; reading it also keeps the pipes flowing.
  const keep = (chunk: Buffer) => (prism.log = (prism.log + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not listen within 30 s:\n${prism.log}`)), 30_000);
    const listening = () => {
      if (!prism.log.includes(`Prism is listening on ${prism.endpoint}`)) return;
      clearTimeout(timer);
      child.stdout?.off('data', listening);
      resolve();
    };
    child.stdout?.on('data', listening);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`prism exited (${code}) before it listened:\n${prism.log}`))));
  });
  return prism;
}

async function stopPrism(prism: Prism): Promise<void> {
  const { child } = prism;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

afterAll(async () => {
  await Promise.all(prisms.map(stopPrism));
});

/**
 * Whether the exported document cannot make a mock refuse a violation of `rule`, as Prism reads it:
 * - an entry of a list, or the count of one: on the wire they are numbered names (`DataDisk.1.Size`,
 *   `Tag.2.Key`), the document's `patternProperties`, and Prism's form (and query) deserializer keeps
 *   only the names of a schema's `properties`;
 * - a time window: `x-timeWindow` is our keyword, outside standard JSON Schema;
 * - a requirement whose condition is a number or a boolean (`NetMode=2`, `RunOnce=false`): Prism holds
 *   the form's values as text when it evaluates `if`, so `const: 2` never matches "2".
 */
function uncheckableByMock(rule: Rule): boolean {
  const when = (rule.params['when'] as { equals?: unknown } | undefined)?.equals;
  return rule.pointer.includes('/*') || rule.kind === 'count' || rule.kind === 'timeWindow' || (rule.kind === 'conditional' && when !== undefined && typeof when !== 'string');
}

describe('run against a Prism mock of the exported OpenAPI documents', () => {
  let result: CliOutput;
  let reportDir = '';

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-prism-'));
    const exported = await cli(['export', 'openapi', '--all', '--out-dir', path.join(dir, 'openapi')]);
    expect(exported.code, exported.err).toBe(0);
    const [smcPrism, dcsPrism] = await Promise.all([startPrism(path.join(dir, 'openapi', `${smc}.openapi.json`)), startPrism(path.join(dir, 'openapi', `${dcs}.openapi.json`))]);

    const profile = loadProfile();
    const smcTarget = profile.targets['alibaba-smc'];
    const dcsTarget = profile.targets['huawei-dcs'];
    if (!smcTarget || !dcsTarget) throw new Error('the default profile has no target of each vendor');
    const index = (i: number) => String(i).padStart(4, '0');
    const profileFile = path.join(dir, 'profile.json');
    await writeFile(
      profileFile,
      JSON.stringify({
        targets: {
          'alibaba-smc': {
            ...smcTarget,
            endpoint: smcPrism?.endpoint,
            // A mock has no delete call: every accepted create uses up its fixture, so the run gets many.
            cleanup: 'none',
            // Signature 1.0 over POST puts Signature in the form body, where no OpenAPI security scheme
            // (apiKey: query, header or cookie) can name it: Prism answers 401 to every such request.
            // ACS3 signs in the Authorization header, the document's `acs3` scheme.
            credentials: { accessKeyId: 'AKIDPRISM', accessKeySecret: 'PrismSecretNotUsed', signature: 'acs3' },
            fixtures: { ...smcTarget.fixtures, sources: Array.from({ length: 300 }, (_, i) => ({ id: `s-prism${index(i)}`, state: 'Available', systemDiskUsedGiB: 1, dataDisks: Array.from({ length: 16 }, (_, d) => ({ index: d + 1, usedGiB: 1 })) })) },
          },
          'huawei-dcs': {
            ...dcsTarget,
            endpoint: dcsPrism?.endpoint,
            cleanup: 'none',
            credentials: { ak: 'AKPRISM', sk: 'PrismSecretNotUsed' },
            fixtures: { ...dcsTarget.fixtures, redisInstances: Array.from({ length: 300 }, (_, i) => ({ id: `prism-instance-${index(i)}`, name: `prism-target-${i}` })) },
          },
        },
      }),
    );
    reportDir = path.join(dir, 'reports');
    // --timeout: Prism never answers a body that is not JSON (the malformed-json wire case) and the
    // case waits its full timeout.
    result = await cli(['run', '--profile', profileFile, '--api', smc, '--api', dcs, '--seed', '7', '--budget', '40', '--timeout', '3000', '--report-dir', reportDir]);
  }, 120_000);

  const report = async (): Promise<Report> => JSON.parse(await readFile(path.join(reportDir, 'report.json'), 'utf8')) as Report;
  const rules = new Map<string, ReadonlyMap<string, Rule>>();
  const rulesOf = (api: string): ReadonlyMap<string, Rule> => {
    const byId = rules.get(api) ?? new Map(loadContract(api).rules.map((rule) => [rule.id, rule]));
    rules.set(api, byId);
    return byId;
  };

  it('ends with a verdict, without a crash, and writes every report; report.json matches its schema', async () => {
    const tail = `${result.out}\n${result.err}\n--- prism logs ---\n${prisms.map((p) => p.log.slice(-3_000)).join('\n')}`;
    // 0 passed, 1 failed, 4 inconclusive: never 2 (usage, a bad profile) nor 3 (an unreachable or refusing target).
    expect([0, 1, 4], tail).toContain(result.code);
    expect(result.out).toMatch(/^(PASSED|FAILED|INCONCLUSIVE): /);
    expect(result.err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(result.err).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError|Unhandled)\b/);
    for (const name of ['report.json', 'junit.xml', 'summary.md', 'report.html']) expect((await readFile(path.join(reportDir, name), 'utf8')).length, name).toBeGreaterThan(0);
    const validate = compileSchema(JSON.parse(await readFile(path.join(schemasDir, 'report.schema.json'), 'utf8')) as Record<string, unknown>);
    const json: unknown = await report();
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect((json as Report).seed).toBe(7);
    expect((json as Report).casesSent).toBeGreaterThan(0);
  });

  it('fails: Prism accepts violations of rules the exported document cannot make it check', async () => {
    const { verdict, findings } = await report();
    expect(result.code).toBe(1);
    expect(verdict).toBe('failed');
    const accepted = findings.filter((f) => f.code === 'accepted_invalid_request');
    expect(accepted.length).toBeGreaterThan(0);
    // x-timeWindow is beyond any mock: a request outside the window is accepted with the success example.
    expect(accepted.some((f) => f.api === smc && rulesOf(smc).get(f.rule ?? '')?.kind === 'timeWindow')).toBe(true);
    // And nothing else: every rule the document states in standard JSON Schema on a parameter Prism
    // reads (a scalar of the form body, the JSON body) is enforced, so a violation of it is refused.
    const enforceable = accepted.filter((f) => {
      const rule = rulesOf(f.api ?? '').get(f.rule ?? '');
      return rule === undefined || !uncheckableByMock(rule);
    });
    expect(enforceable.map((f) => `${f.api} ${f.rule}`)).toEqual([]);
  });

  it('refuses a valid request only where a requirement is met by list entries Prism does not read', async () => {
    const { findings } = await report();
    // TargetType=Image requires DataDisk (a list), given as DataDisk.N.* names that Prism's form
    // deserializer drops, so Prism answers that the requirement is not met. Every other valid request,
    // and every valid DCS request (a JSON body, all standard JSON Schema), is accepted.
    const refused = findings.filter((f) => f.code === 'rejected_valid_request');
    for (const finding of refused) {
      expect(finding.api).toBe(smc);
      expect(finding.request?.body).toMatch(/(^|&)TargetType=Image(&|$)/);
      expect(finding.request?.body).toMatch(/(^|&)DataDisk\.\d+\./);
    }
    expect(findings.filter((f) => f.api === dcs && (f.check === 'valid-accepted' || f.check === 'violation-rejected'))).toEqual([]);
  });

  it('reads the mock answers as conformance problems of the target: undocumented error codes, never passed', async () => {
    const { findings } = await report();
    // Refusals carry the envelope's schema filled with "string": a code no catalogue documents.
    for (const api of [smc, dcs]) expect(findings.some((f) => f.api === api && f.code === 'undocumented_error_code'), api).toBe(true);
  });
});
