import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSchema } from '../src/contract/validator.ts';
import { schemasDir } from '../src/contract/load.ts';
import type { SchemaNode } from '../src/contract/schema-node.ts';
import type { RunResult } from '../src/runner/run-result.ts';
import { hostile, inconclusiveResult, sampleFinding, sampleResult } from './fixtures.ts';
import { renderJson, renderJunit, writeReports } from './index.ts';

/** The test cases of a junit.xml, by name, with their bodies. */
function testcases(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<testcase classname="[^"]*" name="([^"]*)" time="0">(.*?)<\/testcase>/gs)].map((m) => [m[1]!, m[2]!]));
}

describe('writeReports', () => {
  it('writes the four reports', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-reports-'));
    const files = await writeReports(sampleResult(), dir);
    expect(files.map((f) => path.basename(f))).toEqual(['report.json', 'junit.xml', 'summary.md', 'report.html']);
    const json = JSON.parse(await readFile(files[0]!, 'utf8')) as RunResult;
    expect(json).toMatchObject({ seed: 42, verdict: 'failed', coverage: { covered: 3, testable: 4 }, inconclusive: { 'undocumented-code': 2 } });
    expect(json.findings).toHaveLength(3);
    expect(json.rules).toHaveLength(4);
  });
});

describe('renderJunit', () => {
  it('has one test case per rule and check of covered families, a failure for the violation, and escapes everything', () => {
    const xml = renderJunit(sampleResult());
    const cases = testcases(xml);
    expect([...cases.keys()]).toEqual([
      '(valid) · valid-accepted',
      'SystemDiskSize.maximum · violation-rejected',
      'SystemDiskSize.maximum · no-server-error',
      'ImageName.requiredWhen.TargetType · ambiguous-rule',
      'Frequency.maximum',
    ]);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(cases.get('SystemDiskSize.maximum · violation-rejected')).toContain('<failure ');
    // The shrunk request is the reproduction.
    expect(cases.get('SystemDiskSize.maximum · violation-rejected')).toContain("--data-binary &apos;SystemDiskSize=2049&apos;");
    expect(xml).toContain('tests="5" failures="1" skipped="1"');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/]]>(?!<)/);
  });

  it('marks families not covered, inconclusive or not testable as one skipped test case each, with the reason', () => {
    const xml = renderJunit(inconclusiveResult());
    const cases = testcases(xml);
    expect(xml.match(/<failure /g)).toBeNull();
    expect(cases.get('Frequency.maximum')).toBe(`<skipped message="inconclusive: 4 answers refused authentication (${hostile.closeScript.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')})"/>`);
    expect(cases.get('(stateful) one incomplete job per source')).toBe('<skipped message="not-covered: every source server of the profile already has an incomplete job"/>');
    expect(cases.get('bandwidth.maximum')).toBe('<skipped message="inconclusive: 3 answers throttled (APIGW.0308)"/>');
    expect(cases.get('(valid)')).toBe('<skipped message="not-testable: no-create mode: a valid request would create a job"/>');
    // No per-check test case for a family that was not covered; covered ones keep theirs.
    expect([...cases.keys()].filter((name) => name.startsWith('Frequency.maximum'))).toEqual(['Frequency.maximum']);
    expect(cases.get('SystemDiskSize.maximum · violation-rejected')).toBe('');
    expect(xml.match(/<skipped /g)).toHaveLength(4);
    expect(xml).toContain('<testsuites name="migration-conformance" tests="9" failures="0" skipped="4"');
    expect(xml).not.toContain('<img');
  });

  it('names the inconclusive reasons when a family has no reason in words', () => {
    const result = inconclusiveResult();
    const rules = result.rules.map(({ coverageReason, ...r }) => (r.rule === 'bandwidth.maximum' ? { ...r, inconclusive: { server: 1, throttling: 3 } } : { ...r, ...(coverageReason === undefined ? {} : { coverageReason }) }));
    expect(testcases(renderJunit({ ...result, rules })).get('bandwidth.maximum')).toBe('<skipped message="inconclusive: no conclusive answer: 3 throttling, 1 server"/>');
  });

  it('fails an inconclusive family that has a failing finding', () => {
    const result = inconclusiveResult();
    const xml = renderJunit({ ...result, findings: [sampleFinding({ rule: 'Frequency.maximum', check: 'no-server-error', code: 'server_error', message: 'answered 500' })] });
    const cases = testcases(xml);
    expect(cases.has('Frequency.maximum')).toBe(false);
    expect(cases.get('Frequency.maximum · no-server-error')).toMatch(/^<failure message="answered 500" type="server_error">/);
    expect(cases.get('Frequency.maximum · violation-rejected')).toMatch(/^<skipped message="inconclusive: /);
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });

  it('fails drift test cases only in strict runs', () => {
    const strict = { ...sampleResult([sampleFinding({ severity: 'drift', check: 'violation-rejected' })]), strict: true };
    expect(renderJunit(strict).match(/<failure /g)).toHaveLength(1);
    expect(renderJunit({ ...strict, strict: false }).match(/<failure /g)).toBeNull();
  });

  it('fails an inconclusive family on drift only in strict runs', () => {
    expect(testcases(renderJunit({ ...sampleResult(), strict: true })).get('Frequency.maximum · error-code-documented')).toMatch(/^<failure /);
    expect(testcases(renderJunit(sampleResult())).get('Frequency.maximum')).toMatch(/^<skipped message="inconclusive: 2 answers with an error code in no catalogue \(&lt;script&gt;/);
  });
});

describe('renderJson', () => {
  const validate = compileSchema(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')) as SchemaNode);

  it.each([
    ['a failed run', sampleResult],
    ['an inconclusive run', inconclusiveResult],
  ])('writes what schemas/report.schema.json describes: %s', (_, fixture) => {
    const report: unknown = JSON.parse(renderJson(fixture()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes every field of the run result', () => {
    for (const result of [sampleResult(), inconclusiveResult()]) expect(JSON.parse(renderJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('the schema refuses what a report cannot hold', () => {
    const report = JSON.parse(renderJson(inconclusiveResult())) as Record<string, unknown> & { rules: Record<string, unknown>[]; findings: Record<string, unknown>[] };
    const broken: [string, unknown][] = [
      ['an unknown verdict', { ...report, verdict: 'unknown' }],
      ['no coverage', { ...report, coverage: undefined }],
      ['an unknown inconclusive reason', { ...report, inconclusive: { ...(report['inconclusive'] as object), teapot: 1 } }],
      ['an unknown coverage state', { ...report, rules: [{ ...report.rules[0], coverage: 'partly' }] }],
      ['a rule without kind', { ...report, rules: [{ ...report.rules[0], kind: undefined }] }],
      ['an unknown case kind', { ...report, findings: [{ ...report.findings[0], case: { kind: 'fuzz', label: 'x', expected: {}, document: {} } }] }],
      ['shrunk in steps', { ...report, findings: [{ ...report.findings[0], shrunk: { request: { method: 'POST', url: 'u', headers: {} }, curl: 'c', steps: 3 } }] }],
    ];
    for (const [what, value] of broken) expect(validate(JSON.parse(JSON.stringify(value))), what).toBe(false);
  });

  it('keeps hostile bytes as data', () => {
    expect(JSON.parse(renderJson(sampleResult())).findings[0].response.body).toContain(hostile.script);
  });
});
