import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSchema } from '../src/contract/validator.ts';
import { schemasDir } from '../src/contract/load.ts';
import type { SchemaNode } from '../src/contract/schema-node.ts';
import { hostile, sampleFinding, sampleResult } from './fixtures.ts';
import { renderJson, renderJunit, renderMarkdown, writeReports } from './index.ts';

describe('writeReports', () => {
  it('writes the four reports', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-reports-'));
    const files = await writeReports(sampleResult(), dir);
    expect(files.map((f) => path.basename(f))).toEqual(['report.json', 'junit.xml', 'summary.md', 'report.html']);
    const json = JSON.parse(await readFile(files[0]!, 'utf8')) as { findings: unknown[]; seed: number; verdict: string; rules: unknown[] };
    expect(json).toMatchObject({ seed: 42, verdict: 'failed' });
    expect(json.findings).toHaveLength(3);
    expect(json.rules).toHaveLength(3);
  });
});

describe('renderJunit', () => {
  it('has one test case per rule and check, a failure for the violation, and escapes everything', () => {
    const xml = renderJunit(sampleResult());
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/]]>(?!<)/);
  });
  it('fails drift test cases only in strict runs', () => {
    const strict = { ...sampleResult([sampleFinding({ severity: 'drift', check: 'violation-rejected' })]), strict: true };
    expect(renderJunit(strict).match(/<failure /g)).toHaveLength(1);
    expect(renderJunit({ ...strict, strict: false }).match(/<failure /g)).toBeNull();
  });
});

describe('renderMarkdown', () => {
  it('leads with the verdict, counts by check and severity, and shows reproductions', () => {
    const md = renderMarkdown(sampleResult());
    expect(md.split('\n')[0]).toBe('# ❌ Conformance: failed');
    expect(md).toContain('| violation-rejected | 1 | 0 | 0 |');
    expect(md).toContain("curl -sS -X POST 'http://127.0.0.1:9101/'");
    expect(md).not.toContain('ambiguous_reading_rejects');
  });
  it('keeps to the top findings and says how many more there are', () => {
    const many = Array.from({ length: 50 }, (_, i) => sampleFinding({ caseId: `c#${i}` }));
    const md = renderMarkdown(sampleResult(many));
    expect(md.match(/^### /gm)).toHaveLength(20);
    expect(md).toContain('…and 30 more in report.json.');
  });
});

describe('renderJson', () => {
  it('writes what schemas/report.schema.json describes', () => {
    const validate = compileSchema(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')) as SchemaNode);
    const report: unknown = JSON.parse(renderJson(sampleResult()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps hostile bytes as data', () => {
    expect(JSON.parse(renderJson(sampleResult())).findings[0].response.body).toContain(hostile.script);
  });
});
