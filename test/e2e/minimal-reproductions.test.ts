import { afterAll, describe, expect, it } from 'vitest';
import type { ApiId } from '../../src/contract/apis.ts';
import { startEmbeddedTargets, type EmbeddedTargets } from '../../src/cli/embedded-targets.ts';
import { runApi } from '../../src/runner/run-api.ts';

// A failing case is reported as the smallest request that still fails the same check the same way.
const started: EmbeddedTargets[] = [];
afterAll(async () => Promise.all(started.map((s) => s.close())));

/** The business parameters of an RPC form body: protocol and signature parameters left out. */
function businessParameters(body: string): Map<string, string> {
  const protocol = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken']);
  return new Map([...new URLSearchParams(body)].filter(([name]) => !protocol.has(name)));
}

const api: ApiId = 'alibaba-smc/CreateReplicationJob@current';
const rows = [
  // fault, rule, the parameters the smallest reproduction may hold besides the required RegionId and SourceId
  { fault: 'range-off-by-one', rule: 'SystemDiskSize.maximum', allowed: ['SystemDiskSize'], expect: { SystemDiskSize: '2049' } },
  { fault: 'conditional-unenforced', rule: 'VSwitchId.requiredWhen.NetMode', allowed: ['NetMode'], expect: { NetMode: '2' } },
  { fault: 'tag-prefix-accepted', rule: 'Tag.Key.forbiddenPrefixes', allowed: ['Tag.1.Key'], expect: { 'Tag.1.Key': /^(aliyun|acs:|https?:\/\/)/ } },
] as const satisfies readonly { fault: string; rule: string; allowed: readonly string[]; expect: Record<string, string | RegExp> }[];

describe('minimal reproductions', () => {
  it.each(rows)('$rule against $fault: the required parameters and what breaks the rule, nothing else', async ({ fault, rule, allowed, expect: values }) => {
    const embedded = await startEmbeddedTargets(undefined, { faults: [fault] });
    started.push(embedded);
    const output = await runApi({ api, target: embedded.targets[api]!, seed: 17, rules: new Set([rule]), plan: { perRule: 3, boundaries: 1 }, shrink: { cases: 5, requests: 40 } });
    const finding = output.findings.find((f) => f.rule === rule && f.check === 'violation-rejected');
    expect(finding, JSON.stringify(output.findings.map((f) => [f.check, f.code]))).toBeDefined();
    const shrunk = finding?.shrunk;
    expect(shrunk, 'the finding carries its smallest reproduction').toBeDefined();
    const parameters = businessParameters(shrunk?.request.body ?? '');
    expect([...parameters.keys()].filter((name) => !['RegionId', 'SourceId', ...allowed].includes(name)), shrunk?.curl).toEqual([]);
    for (const [name, value] of Object.entries(values)) expect(parameters.get(name), shrunk?.curl).toMatch(typeof value === 'string' ? new RegExp(`^${value}$`) : value);
    // Smaller than what was generated, in a bounded number of requests, and still failing the same way.
    expect((shrunk?.request.body ?? '').length).toBeLessThan((finding?.request.body ?? '').length);
    expect(shrunk?.requests).toBeGreaterThan(0);
    expect(shrunk?.requests).toBeLessThanOrEqual(40);
    expect(shrunk?.curl).toContain('Action=CreateReplicationJob');
  });
});
