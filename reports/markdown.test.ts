import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../src/checks/finding.ts';
import type { RunResult } from '../src/runner/run-result.ts';
import { hostile, inconclusiveResult, noCreateLine, sampleFinding, sampleResult, shrunkFinding } from './fixtures.ts';
import { renderMarkdown } from './markdown.ts';

const smc = 'alibaba-smc/CreateReplicationJob@current';

/**
 * What keeps Markdown well-formed, line by line: every fence closed by a run of as many backticks or
 * more, `<details>` and `</details>` balanced outside fences (inside one they are text), every table
 * row with as many cells as its header. Returns the problems found.
 */
function malformations(md: string): string[] {
  const problems: string[] = [];
  let fence: string | undefined;
  let details = 0;
  let cells: number | undefined;
  for (const [i, line] of md.split('\n').entries()) {
    if (fence !== undefined) {
      if (/^`+$/.test(line) && line.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^(`{3,})/.exec(line);
    if (open) {
      fence = open[1]!;
      continue;
    }
    details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    if (details < 0) problems.push(`line ${i + 1}: </details> closes nothing`);
    // A table's cells: the `|` not escaped, less the leading one.
    const row = line.startsWith('|') ? line.replace(/\\\|/g, '').split('|').length - 2 : undefined;
    if (row !== undefined && cells !== undefined && row !== cells) problems.push(`line ${i + 1}: ${row} cells in a table of ${cells}`);
    cells = row === undefined ? undefined : (cells ?? row);
  }
  if (fence !== undefined) problems.push(`a fence of ${fence} is never closed`);
  if (details > 0) problems.push(`${details} <details> never closed`);
  return problems;
}

/** The shown findings' reproductions, one `<details>` each. */
function shown(md: string): number {
  return md.match(/^<details>/gm)?.length ?? 0;
}

describe('the well-formedness check of these tests', () => {
  it('finds an unclosed fence, unbalanced <details> and a table row with a cell too many', () => {
    expect(malformations('a\n\n```\ncurl\n````\n\n<details><summary>x</summary>\n\n````\n</details>\n```\n\n````\n\n</details>\n')).toEqual([]);
    expect(malformations('<details>\n\n````\ncurl\n```\n\n</details>\n')).toEqual(['a fence of ```` is never closed', '1 <details> never closed']);
    expect(malformations('</details>\n<details>\n')).toEqual(['line 1: </details> closes nothing']);
    expect(malformations('| a | b |\n|---|---|\n| x \\| y | z |\n| 1 | 2 | 3 |\n')).toEqual(['line 4: 3 cells in a table of 2']);
  });
});

describe('renderMarkdown', () => {
  it('opens a failing run with its verdict and coverage, then coverage and findings per API, then the top findings with minimal reproductions', () => {
    const md = renderMarkdown(sampleResult());
    const paragraphs = md.split('\n\n');
    expect(paragraphs[0]).toBe('# ❌ Conformance: failed');
    expect(paragraphs[1]).toBe(
      '1 finding of severity violation. 12 cases sent, 3 findings, seed 42.\\\nCoverage: 3 of 4 testable rules conclusive (75%, minimum 90%). What was not tested, and why: under *Not tested* below.',
    );
    expect(md).toContain(
      '| API | tested conclusively | inconclusive | not covered | not testable | violation | drift | info |\n|---|---:|---:|---:|---:|---:|---:|---:|\n' +
        `| ${smc} | 3 of 4 (75%) | 1 | 0 | 0 | 1 | 1 | 1 |\n`,
    );
    // The shrunk reproduction's curl, not the finding's, collapsed.
    expect(md).toContain(
      `### ❌ \`SystemDiskSize.maximum\` · \`${smc}\`: 1 violation\n\n❌ **violation-rejected** \`accepted_invalid_request\``,
    );
    expect(md).toContain("<details><summary>Minimal reproduction (shrunk in 6 requests)</summary>\n\n```\ncurl -sS -X POST 'http://127.0.0.1:9101/' --data-binary 'SystemDiskSize=2049'\n```\n\n</details>");
    expect(md).not.toContain("--data-binary 'Action=CreateReplicationJob&SystemDiskSize=2049'\n```\n\n</details>\n\n### ⚠️ `Frequency");
    // The drift, not shrunk: its own curl. The info finding never fails the run: counted, not shown.
    expect(md).toContain("<details><summary>Reproduction</summary>\n\n```\ncurl -sS -X POST 'http://127.0.0.1:9101/' --data-binary 'Action=CreateReplicationJob&SystemDiskSize=2049'\n```");
    expect(md).toContain('2 failing findings (1 violation, 1 drift) on 2 rules');
    expect(md).not.toContain('ambiguous_reading_rejects');
    expect(md.indexOf('## Coverage and findings per API')).toBeLessThan(md.indexOf('## Top findings'));
    expect(md.indexOf('## Top findings')).toBeLessThan(md.indexOf('## Not tested'));
    expect(malformations(md)).toEqual([]);
  });

  it('keeps endpoint bytes as text outside code', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('Error code ]]&gt;&lt;!-- &amp; "quotes"');
    expect(md.split('## Not tested')[1]).toContain('(&lt;script&gt;window.__pwned = true&lt;/script&gt;)');
    // Outside code spans and fences no tag of the endpoint's gets through.
    const prose = md.replace(/^(`{3,})\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]*`/g, '');
    expect(prose).not.toMatch(/<script|<img/);
  });

  it('ends an inconclusive run with what was not tested and why: the mode, the families without a conclusive answer, answers by reason', () => {
    const md = renderMarkdown(inconclusiveResult());
    const paragraphs = md.split('\n\n');
    expect(paragraphs[0]).toBe('# ❔ Conformance: inconclusive');
    expect(paragraphs[1]).toContain('Coverage: 4 of 7 testable rules conclusive (57.1%, minimum 90%)');
    expect(md).toContain(`| ${smc} | 2 of 4 (50%) | 1 | 1 | 1 | 0 | 0 | 1 |`);
    expect(md).toContain('| huawei-dcs/CreateMigrationTask | 2 of 3 (66.6%) | 1 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('## Top findings\n\nNo failing findings. 1 info finding');
    const notTested = md.split('## Not tested\n\n')[1]!;
    expect(notTested.startsWith(`- ${noCreateLine}\n\n3 of 7 testable families without a conclusive answer:\n\n- \`${smc}\` · \`Frequency.maximum\` (inconclusive): 4 answers refused authentication`)).toBe(true);
    expect(notTested).toContain('- `huawei-dcs/CreateMigrationTask` · `bandwidth.maximum` (inconclusive): 3 answers throttled (APIGW.0308)');
    expect(notTested).toContain('(not-covered): every source server of the profile already has an incomplete job');
    // In inconclusiveReasons order, whatever the order of the counts.
    expect(notTested).toContain('Inconclusive answers by reason:\n\n| reason | cases |\n|---|---:|\n| authentication | 4 |\n| throttling | 3 |\n| creating-not-allowed | 5 |\n');
    expect(notTested).toContain('(&lt;/script&gt;&lt;img src=x onerror="window.__pwned=true"&gt;)');
    expect(notTested).not.toContain('<img');
    expect(malformations(md)).toEqual([]);
  });

  it('lists at most 30 families without a conclusive answer and says how many more there are', () => {
    const result = inconclusiveResult();
    const uncovered = Array.from({ length: 42 }, (_, i) => ({ api: 'a', rule: `R${i}.maximum`, state: 'inconclusive' as const, reason: 'throttled' }));
    const md = renderMarkdown({ ...result, coverage: { ...result.coverage, uncovered } });
    const section = md.split('without a conclusive answer:\n\n')[1]!.split('\n\n')[0]!;
    expect(section.split('\n')).toHaveLength(31);
    expect(section).toContain('`R29.maximum`');
    expect(section).not.toContain('`R30.maximum`');
    expect(section.split('\n').at(-1)).toBe('- …and 12 more in report.json / report.html.');
  });

  it('leaves out the not-tested section when everything testable was tested', () => {
    const result = sampleResult();
    const md = renderMarkdown({ ...result, inconclusive: {}, coverage: { ...result.coverage, uncovered: [] } });
    expect(md).not.toContain('## Not tested');
    expect(md).not.toContain('Inconclusive answers');
    expect(md.split('\n\n')[1]).not.toContain('Not tested');
  });

  it('groups findings by rule, most severe first, one per check and code, and says how many more there are', () => {
    const drifts = Array.from({ length: 40 }, (_, i) => sampleFinding({ severity: 'drift', rule: 'Frequency.maximum', check: 'error-code-documented', code: `code_${i % 4}`, caseId: `d#${i}` }));
    const violations = Array.from({ length: 30 }, (_, i) => sampleFinding({ rule: `R${i}.maximum`, caseId: `v#${i}` }));
    const md = renderMarkdown(sampleResult([...drifts, shrunkFinding(), ...violations, shrunkFinding({ caseId: 'v#again' })]));
    const headings = md.match(/^### .*$/gm)!;
    // Violations before drift, the rule with most findings first; twenty rules at the most.
    expect(headings[0]).toBe(`### ❌ \`SystemDiskSize.maximum\` · \`${smc}\`: 2 violations`);
    expect(headings[1]).toBe(`### ❌ \`R0.maximum\` · \`${smc}\`: 1 violation`);
    expect(headings).toHaveLength(20);
    expect(headings.every((h) => h.startsWith('### ❌'))).toBe(true);
    expect(md).not.toContain('Frequency.maximum` · ');
    expect(shown(md)).toBe(20);
    expect(md).toContain('… 52 more findings in report.json / report.html.\n');

    const onlyDrift = renderMarkdown(sampleResult(drifts));
    expect(onlyDrift.match(/^### .*$/gm)).toEqual([`### ⚠️ \`Frequency.maximum\` · \`${smc}\`: 40 drifts`]);
    // Four codes of one check: three shown.
    expect(onlyDrift.match(/^⚠️ \*\*error-code-documented\*\* `code_\d`/gm)).toEqual(['⚠️ **error-code-documented** `code_0`', '⚠️ **error-code-documented** `code_1`', '⚠️ **error-code-documented** `code_2`']);
    expect(onlyDrift).toContain('… 37 more findings in report.json / report.html.');
    expect(malformations(md)).toEqual([]);
  });

  it('shows a stateful finding as its minimal call sequence', () => {
    const request = { method: 'POST', url: 'http://127.0.0.1:9101/', headers: {} };
    const sequence = [{ request, status: 200, curl: 'curl first' }, { request, status: 200, curl: 'curl second' }];
    const md = renderMarkdown(sampleResult([sampleFinding({ rule: '(stateful) unique-job-name', check: 'stateful', sequence })]));
    expect(md).toContain('<details><summary>Minimal call sequence (2 calls)</summary>\n\n```\n# 1: answered 200\ncurl first\n# 2: answered 200\ncurl second\n```\n\n</details>');
  });

  it('stays under 64 KiB for a run of 10,000 findings (huge and multi-byte curls among them), with the verdict, the per-API table and a note on what it left out', () => {
    const md = renderMarkdown(largeRun(10_000));
    const bytes = Buffer.byteLength(md, 'utf8');
    expect(bytes).toBeLessThan(64 * 1024);
    // Most of the room is used: the findings are not dropped for nothing.
    expect(bytes).toBeGreaterThan(48 * 1024);
    expect(md.split('\n')[0]).toBe('# ❌ Conformance: failed');
    expect(md).toContain('Coverage: 0 of 2000 testable rules conclusive');
    for (const api of apis) expect(md).toMatch(new RegExp(`^\\| ${api.replace(/[|\\]/g, '\\\\$&').replace(/[.*+?^${}()[\]]/g, '\\$&')} \\| 0 of 400 \\(0%\\) \\| 400 \\| 0 \\| 0 \\| \\d+ \\| \\d+ \\| \\d+ \\|$`, 'm'));
    const failing = largeRun(10_000).findings.filter((f) => f.severity !== 'info').length;
    const more = /^… (\d+) more findings in report\.json \/ report\.html\.$/m.exec(md);
    expect(Number(more?.[1]) + shown(md)).toBe(failing);
    expect(shown(md)).toBeGreaterThan(0);
    for (const curl of [hugeCurl, multiByteCurl]) expect(md).toMatch(new RegExp(`_Cut to \\d+ of ${Buffer.byteLength(curl)} bytes to keep this summary under 64 KiB`));
    const families = md.split('without a conclusive answer:\n\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(families.length).toBeGreaterThan(1);
    expect(Number(/^- …and (\d+) more in report\.json \/ report\.html\.$/.exec(families.at(-1)!)?.[1]) + families.length - 1).toBe(2_000);
    // Cut between characters: no half of a multi-byte character (a lone surrogate) in the text.
    expect(md).toContain("--data-binary 'Description=迁移任务😀迁移任务😀");
    expect(md).not.toContain('\uFFFD');
    expect(Buffer.from(md, 'utf8').toString('utf8')).toBe(md);
    expect(malformations(md)).toEqual([]);
  });
});

/** The APIs of `largeRun`, one with a `|` and multi-byte characters in its name. */
const apis = [smc, 'alibaba-smc/CreateReplicationJob@2019', 'huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask', 'test/迁移|任务😀'];
const checks = ['violation-rejected', 'valid-accepted', 'no-server-error', 'error-code-documented', 'response-schema', 'status-documented'];

const hugeCurl = `curl -sS -X POST 'http://127.0.0.1:9101/' --data-binary '${'Name=a````b</details>&'.repeat(9_000)}'`;
// The first cut falls inside a character: 67 bytes of ASCII, then 16-byte runs of 3- and 4-byte characters.
const multiByteCurl = `curl -sS -X POST 'http://127.0.0.1:9101/' --data-binary 'Description=${'迁移任务😀'.repeat(2_000)}'`;

/**
 * A failed run of `n` findings over 5 APIs, 300 rules and 6 checks: every third curl about 200 KB with
 * backtick runs and `</details>` in it, every sixth multi-byte (Chinese and emoji); a shrunk reproduction
 * on every fourth; 2,000 families without a conclusive answer and long not-tested lines.
 */
function largeRun(n: number): RunResult {
  const curlOf = (i: number) => (i % 3 === 0 ? hugeCurl : i % 3 === 1 && i % 2 === 0 ? multiByteCurl : `curl -sS 'http://127.0.0.1:9101/?case=${i}'`);
  const severityOf = (i: number): Severity => (i % 11 === 0 ? 'info' : i % 4 === 0 ? 'drift' : 'violation');
  const findings: Finding[] = Array.from({ length: n }, (_, i) =>
    sampleFinding({
      api: apis[i % apis.length]!,
      rule: `Param${i % 300}.maximum`,
      check: checks[i % checks.length]!,
      code: `code_${i % 7}`,
      severity: severityOf(i),
      caseId: `case#${i}`,
      message: `Finding ${i}: 迁移任务 ${'😀'.repeat(i % 500)}`,
      curl: curlOf(i),
      ...(i % 4 === 0 ? { shrunk: { request: { method: 'POST', url: 'http://127.0.0.1:9101/', headers: {} }, curl: curlOf(i + 5), requests: 9 } } : {}),
    }),
  );
  const uncovered = Array.from({ length: 2_000 }, (_, i) => ({ api: apis[i % apis.length]!, rule: `Param${i}.minimum`, state: 'inconclusive' as const, reason: `throttled ${'迁'.repeat(500)}` }));
  const result = sampleResult(findings);
  return {
    ...result,
    reason: `${n} findings of severity violation`,
    inconclusive: { throttling: 5_000, authentication: 12, 'unresponsive-stop': 3 },
    coverage: {
      percent: 0,
      minimum: 100,
      testable: 2_000,
      covered: 0,
      byApi: apis.map((api) => ({ api, testable: 400, covered: 0, inconclusive: 400, notCovered: 0, notTestable: 0 })),
      uncovered,
      notTested: Array.from({ length: 60 }, (_, i) => `${apis[i % apis.length]}: ${'valid acceptance, '.repeat(60)} not tested: no-create mode`),
    },
  };
}
