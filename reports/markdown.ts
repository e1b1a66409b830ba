import type { Finding } from '../src/checks/finding.ts';
import { totalOf, type FindingCount } from '../src/checks/finding-log.ts';
import type { RunResult } from '../src/runner/run-result.ts';
import { brief, bySeverity, countBySeverity, coverageLine, inconclusiveCounts, percent, severities } from './format-finding.ts';
import { byteLength, cell, clipBytes, code, fence, markdownLimit, text } from './markdown-text.ts';

const icon = { passed: '✅', failed: '❌', inconclusive: '❔', interrupted: '⏸️' } as const;
const severityIcon = { violation: '❌', drift: '⚠️', info: 'ℹ️' } as const;

/**
 * Bytes each part of the summary may take, so that no run, however large, pushes the verdict and the
 * per-API table out: the head and the table are written first, the findings get what is left.
 */
const budget = { head: 4 * 1024, apis: 8 * 1024, notTested: 12 * 1024, curl: 3 * 1024 };

/** Rules with failing findings shown, most severe first; findings shown per rule (one per check and code). */
const rulesShown = 20;
const perRule = 3;
/** Families not tested conclusively listed before pointing at the other reports. */
const uncoveredShown = 30;

const elsewhere = 'report.json / report.html';

/** `n thing` or `n things`. */
function count(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}

/**
 * The leading `blocks` (each one or more lines) that fit in `room` bytes, then the note `more(left)` on
 * the `total - shown` left out, when any are: room for the note is always kept.
 */
function fit(blocks: readonly string[], room: number, total: number, more: (left: number) => string): string[] {
  const reserve = byteLength(more(total)) + 1;
  const shown: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const size = byteLength(block) + 1;
    if (used + size + reserve > room) break;
    shown.push(block);
    used += size;
  }
  return total > shown.length ? [...shown, more(total - shown.length)] : shown;
}

/** Bytes of `lines` joined by newlines, with the newline after the last. */
function sizeOf(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + byteLength(line) + 1, 0);
}

/** The verdict, why, the coverage line, the targets and how to rerun. */
function head(result: RunResult): string[] {
  const { coverage } = result;
  const notTested = coverage.notTested.length > 0 || coverage.uncovered.length > 0 ? ' What was not tested, and why: under *Not tested* below.' : '';
  const lines = [
    `# ${icon[result.verdict]} Conformance: ${result.verdict}`,
    '',
    // One paragraph: a hard line break (trailing backslash) keeps the coverage line under the reason.
    `${text(brief(result.reason, 400))}. ${result.casesSent} cases sent, ${count(totalOf(result.findingCounts), 'finding')}, seed ${result.seed}${result.strict ? ', strict' : ''}.\\`,
    `${coverageLine(coverage)}.${notTested}`,
    '',
    `Rerun: ${code(brief(result.rerun, 600))}`,
    '',
    result.targets.length > 0 ? 'Targets:' : 'Targets: none.',
    '',
  ];
  const targets = result.targets.map((t) => `- ${code(brief(t.api, 200))} at ${text(brief(t.endpoint, 200))}${t.edition ? ` (edition ${text(brief(t.edition, 40))})` : ''}`);
  if (targets.length === 0) return lines;
  return [...lines, ...fit(targets, budget.head - sizeOf(lines) - 1, targets.length, (left) => `- …and ${count(left, 'more target')} in ${elsewhere}.`), ''];
}

/** Per API: families tested conclusively of those testable, the others by state, findings by severity. */
function apiTable(result: RunResult): string[] {
  const findings = countBySeverity(result.findingCounts, (f) => f.api);
  const rows = result.coverage.byApi.map((a) => {
    const f = findings.get(a.api) ?? { violation: 0, drift: 0, info: 0 };
    const tested = `${a.covered} of ${a.testable} (${percent(a.testable === 0 ? 100 : (100 * a.covered) / a.testable)}%)`;
    return `| ${cell(brief(a.api, 200))} | ${tested} | ${a.inconclusive} | ${a.notCovered} | ${a.notTestable} | ${f.violation} | ${f.drift} | ${f.info} |`;
  });
  const header = ['## Coverage and findings per API', '', '| API | tested conclusively | inconclusive | not covered | not testable | violation | drift | info |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
  return [...header, ...fit(rows, budget.apis - sizeOf(header) - 1, rows.length, (left) => `\n…and ${count(left, 'more API')} in ${elsewhere}.`), ''];
}

/** A reproduction in a fenced block, cut to the curl budget with a note when it is longer. */
function reproduction(curl: string): string {
  const size = byteLength(curl);
  if (size <= budget.curl) return fence(curl);
  const shown = clipBytes(curl, budget.curl);
  return `${fence(shown)}\n\n_Cut to ${byteLength(shown)} of ${size} bytes to keep this summary under 64 KiB: ${elsewhere} has the whole command._`;
}

/** One finding: its check and code, what was seen, and its minimal reproduction collapsed. */
function findingBlock(f: Finding): string {
  const seen = [
    ...(f.documented === undefined ? [] : [`documented ${code(brief(f.documented))}`]),
    ...(f.received === undefined ? [] : [`received ${code(brief(f.received))}`]),
    ...(f.response ? [`response ${f.response.status} ${code(brief(f.response.body))}`] : []),
  ];
  const [summary, curl] = f.sequence
    ? [`Minimal call sequence (${f.sequence.length} calls)`, f.sequence.map((c, i) => `# ${i + 1}: answered ${c.status ?? 'nothing'}\n${c.curl}`).join('\n')]
    : [f.shrunk ? `Minimal reproduction (shrunk in ${count(f.shrunk.requests, 'request')})` : 'Reproduction', f.shrunk?.curl ?? f.curl];
  const title = `${severityIcon[f.severity]} **${text(f.check)}** ${code(brief(f.code, 80))} (case ${code(brief(f.caseId, 120))}): ${text(brief(f.message, 400))}`;
  // An HTML block ends at a blank line, so the fence between blank lines is Markdown inside <details>.
  return [seen.length > 0 ? `${title}\\\n${seen.join(' · ')}` : title, '', `<details><summary>${summary}</summary>`, '', reproduction(curl), '', '</details>', ''].join('\n');
}

/** Failing findings grouped by API and rule: most severe first, then the most findings. */
function groupsOf(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.api}\u0000${f.rule ?? ''}`;
    const group = groups.get(key) ?? [];
    group.push(f);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].map((g) => g.sort(bySeverity));
  return sorted.sort((a, b) => bySeverity(a[0]!, b[0]!) || b.length - a.length || a[0]!.api.localeCompare(b[0]!.api) || (a[0]!.rule ?? '').localeCompare(b[0]!.rule ?? ''));
}

/** A group's first finding of each check and code (the most severe, the group being sorted), `perRule` at the most. */
function firstOfEachKind(group: readonly Finding[]): Finding[] {
  const first = new Map<string, Finding>();
  for (const f of group) {
    if (first.size === perRule) break;
    const kind = `${f.check}\u0000${f.code}`;
    if (!first.has(kind)) first.set(kind, f);
  }
  return [...first.values()];
}

/** Severity counts in words, most severe first: `2 violations, 1 drift`. */
function severityWords(counts: readonly FindingCount[]): string {
  return severities.flatMap((s) => {
    const n = totalOf(counts, (f) => f.severity === s);
    return n > 0 ? [count(n, s)] : [];
  }).join(', ');
}

/** The top failing findings by rule, as many as fit in `room`, each with its minimal reproduction. */
function topFindings(result: RunResult, room: number): string[] {
  // Counted from every finding; shown from those kept whole (the first few of each kind).
  const failing = result.findings.filter((f) => f.severity !== 'info');
  const failingCounts = result.findingCounts.filter((f) => f.severity !== 'info');
  const failingTotal = totalOf(failingCounts);
  const info = totalOf(result.findingCounts) - failingTotal;
  const infoLine = info > 0 ? ` ${count(info, 'info finding')} (never failing the run: readings the endpoint follows…) in ${elsewhere}.` : '';
  if (failing.length === 0) return ['## Top findings', '', `No failing findings.${infoLine}`, ''];
  const groups = groupsOf(failing);
  const intro = [
    '## Top findings',
    '',
    `${count(failingTotal, 'failing finding')} (${severityWords(failingCounts)}) on ${count(groups.length, 'rule')}; the most severe rules first, one finding per check and code of each.${infoLine}`,
    '',
  ];
  // One block per finding shown; a rule's heading goes with its first finding so it never stands alone.
  const blocks = groups.slice(0, rulesShown).flatMap((group) => {
    const first = group[0]!;
    const ofGroup = failingCounts.filter((c) => c.api === first.api && c.rule === first.rule);
    const heading = `### ${severityIcon[first.severity]} ${code(brief(first.rule ?? '(valid request)', 200))} · ${code(brief(first.api, 200))}: ${severityWords(ofGroup)}`;
    return firstOfEachKind(group).map((f, i) => (i === 0 ? `${heading}\n\n${findingBlock(f)}` : findingBlock(f)));
  });
  // Every block ends in a blank line (the note too), so the section needs none of its own.
  return [...intro, ...fit(blocks, room - sizeOf(intro), failingTotal, (left) => `… ${count(left, 'more finding')} in ${elsewhere}.\n`)];
}

/** What the run did not test and why: the mode's limits, the families without a conclusive answer, inconclusive answers by reason. */
function notTested(result: RunResult): string[] {
  const { coverage } = result;
  const reasons = inconclusiveCounts(result.inconclusive);
  if (coverage.notTested.length === 0 && coverage.uncovered.length === 0 && reasons.length === 0) return [];
  const lines = ['## Not tested', ''];
  if (coverage.notTested.length > 0) {
    const modeLines = coverage.notTested.map((line) => `- ${text(brief(line, 400))}`);
    lines.push(...fit(modeLines, budget.notTested / 4, modeLines.length, (left) => `- …and ${count(left, 'more line')} in ${elsewhere}.`), '');
  }
  const table = reasons.length > 0 ? ['Inconclusive answers by reason:', '', '| reason | cases |', '|---|---:|', ...reasons.map(([reason, n]) => `| ${reason} | ${n} |`), ''] : [];
  if (coverage.uncovered.length > 0) {
    const families = coverage.uncovered.slice(0, uncoveredShown).map((u) => `- ${code(brief(u.api, 200))} · ${code(brief(u.rule, 200))} (${u.state}): ${text(brief(u.reason, 300))}`);
    const intro = [`${coverage.uncovered.length} of ${coverage.testable} testable families without a conclusive answer:`, ''];
    const room = budget.notTested - sizeOf(lines) - sizeOf(intro) - sizeOf(table) - 1;
    lines.push(...intro, ...fit(families, room, coverage.uncovered.length, (left) => `- …and ${left} more in ${elsewhere}.`), '');
  }
  return [...lines, ...table];
}

/**
 * summary.md, what a person reads first in a CI job summary or a pull-request comment: the verdict and
 * coverage; per API the families tested conclusively, inconclusive or not covered and the findings by
 * severity; the top failing findings grouped by rule, each with its minimal reproduction collapsed;
 * then what was not tested and why. Under {@link markdownLimit} bytes of UTF-8 whatever the run's size:
 * each part has its budget, and what does not fit is named with a note pointing at the other reports.
 */
export function renderMarkdown(result: RunResult): string {
  const [top, apis, rest] = [head(result), apiTable(result), notTested(result)];
  // Sizes count a newline after every line, the last one included: the whole is their sum, kept under the limit.
  const findings = topFindings(result, markdownLimit - 1 - sizeOf(top) - sizeOf(apis) - sizeOf(rest));
  return `${[...top, ...apis, ...findings, ...rest].join('\n').trimEnd()}\n`;
}
