import type { RunResult } from '../src/runner/run-result.ts';
import { brief, bySeverity, countByCheck, coverageLine, inconclusiveCounts } from './format-finding.ts';
import { cell, code, fence, text } from './markdown-text.ts';

const icon = { passed: '✅', failed: '❌', inconclusive: '❔', interrupted: '⏸️' } as const;

/** How many uncovered families the summary lists before pointing at report.json. */
const uncoveredShown = 30;

/**
 * summary.md: fits a CI job summary — verdict, the reason with the coverage and what was not tested,
 * coverage per API, inconclusive answers by reason, the families not covered, counts by check and
 * severity, the top findings with reproductions.
 */
export function renderMarkdown(result: RunResult, top = 20): string {
  const { coverage } = result;
  const lines = [
    `# ${icon[result.verdict]} Conformance: ${result.verdict}`,
    '',
    // One paragraph: a hard line break (trailing backslash) before the coverage line, the bullets follow it.
    `${text(result.reason)}. ${result.casesSent} cases sent, ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}, seed ${result.seed}${result.strict ? ', strict' : ''}.\\`,
    coverageLine(coverage),
    ...coverage.notTested.map((line) => `- Not tested: ${text(line)}`),
    '',
    `Targets: ${result.targets.map((t) => `${code(t.api)} at ${t.endpoint}`).join(', ') || 'none'}. Rerun: ${code(result.rerun)}`,
    '',
    '| API | testable | covered | inconclusive | not covered | not testable |',
    '|---|---:|---:|---:|---:|---:|',
    ...coverage.byApi.map((a) => `| ${cell(a.api)} | ${a.testable} | ${a.covered} | ${a.inconclusive} | ${a.notCovered} | ${a.notTestable} |`),
    '',
  ];
  const inconclusive = inconclusiveCounts(result.inconclusive);
  if (inconclusive.length > 0) {
    lines.push('## Inconclusive answers', '', '| reason | cases |', '|---|---:|', ...inconclusive.map(([reason, n]) => `| ${reason} | ${n} |`), '');
  }
  if (coverage.uncovered.length > 0) {
    lines.push('## Not covered', '');
    for (const u of coverage.uncovered.slice(0, uncoveredShown)) lines.push(`- ${code(u.api)} · ${code(u.rule)} (${u.state}): ${text(u.reason)}`);
    const more = coverage.uncovered.length - uncoveredShown;
    if (more > 0) lines.push(`- …and ${more} more in report.json.`);
    lines.push('');
  }
  lines.push('## Findings by check', '');
  if (result.findings.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| check | violation | drift | info |', '|---|---:|---:|---:|');
    lines.push(...[...countByCheck(result.findings)].map(([check, c]) => `| ${cell(check)} | ${c.violation} | ${c.drift} | ${c.info} |`), '');
  }
  const shown = bySeverity(result.findings).filter((f) => f.severity !== 'info').slice(0, top);
  if (shown.length > 0) lines.push('## Top findings', '');
  for (const f of shown) {
    lines.push(`### [${f.severity}] ${cell(f.api)} · ${cell(f.rule ?? '(valid request)')} · ${f.check}`, '', text(f.message), '');
    if (f.documented !== undefined) lines.push(`- documented: ${code(brief(f.documented))}`);
    if (f.received !== undefined) lines.push(`- received: ${code(brief(f.received))}`);
    if (f.response) lines.push(`- response: ${f.response.status} ${code(brief(f.response.body))}`);
    if (f.sequence) lines.push('', `Minimal call sequence (${f.sequence.length} calls):`, '', fence(f.sequence.map((c, i) => `# ${i + 1}: answered ${c.status ?? 'nothing'}\n${c.curl}`).join('\n')), '');
    else lines.push('', f.shrunk ? `Request (shrunk in ${f.shrunk.requests} requests):` : 'Request:', '', fence(f.shrunk?.curl ?? f.curl), '');
  }
  const rest = result.findings.filter((f) => f.severity !== 'info').length - shown.length;
  if (rest > 0) lines.push(`…and ${rest} more in report.json.`, '');
  return `${lines.join('\n')}\n`;
}
