import type { RunResult } from '../src/runner/run-result.ts';
import { brief, bySeverity, countByCheck } from './format-finding.ts';

const icon = { passed: '✅', failed: '❌', interrupted: '⏸️' } as const;

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** summary.md: fits a CI job summary — verdict, counts by check and severity, the top findings with reproductions. */
export function renderMarkdown(result: RunResult, top = 20): string {
  const lines = [
    `# ${icon[result.verdict]} Conformance: ${result.verdict}`,
    '',
    `${result.reason}. ${result.casesSent} cases sent, ${result.findings.length} findings, seed ${result.seed}${result.strict ? ', strict' : ''}.`,
    '',
    `Targets: ${result.targets.map((t) => `\`${t.api}\` at ${t.endpoint}`).join(', ') || 'none'}. Rerun: \`${result.rerun}\``,
    '',
    '| check | violation | drift | info |',
    '|---|---:|---:|---:|',
    ...[...countByCheck(result.findings)].map(([check, c]) => `| ${check} | ${c.violation} | ${c.drift} | ${c.info} |`),
    '',
  ];
  const shown = bySeverity(result.findings).filter((f) => f.severity !== 'info').slice(0, top);
  if (shown.length > 0) lines.push('## Top findings', '');
  for (const f of shown) {
    lines.push(`### [${f.severity}] ${cell(f.api)} · ${cell(f.rule ?? '(valid request)')} · ${f.check}`, '', cell(f.message), '');
    if (f.documented !== undefined) lines.push(`- documented: \`${cell(brief(f.documented)).replace(/`/g, "'")}\``);
    if (f.received !== undefined) lines.push(`- received: \`${cell(brief(f.received)).replace(/`/g, "'")}\``);
    if (f.response) lines.push(`- response: ${f.response.status} \`${cell(brief(f.response.body)).replace(/`/g, "'")}\``);
    if (f.sequence) lines.push('', `Minimal call sequence (${f.sequence.length} calls):`, '', fence(f.sequence.map((c, i) => `# ${i + 1}: answered ${c.status ?? 'nothing'}\n${c.curl}`).join('\n')), '');
    else lines.push('', fence(f.shrunk?.curl ?? f.curl), '');
  }
  const rest = result.findings.filter((f) => f.severity !== 'info').length - shown.length;
  if (rest > 0) lines.push(`…and ${rest} more in report.json.`, '');
  return `${lines.join('\n')}\n`;
}
