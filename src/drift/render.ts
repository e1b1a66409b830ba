import { changeKinds, isBreaking, type Change, type ContractDiff, type Effect } from './change.ts';

/** Longest value shown in text and Markdown (JSON has them whole). */
const maxValueLength = 100;

/** A change's FROM or TO value in words: `—` for nothing, lists joined, `{readings, rules}` as `readings: a, b; rules: …`. */
export function formatValue(value: unknown): string {
  const item = (v: unknown): string => (typeof v === 'string' && v !== '' && !v.includes(', ') ? v : JSON.stringify(v));
  let text: string;
  if (value === null || value === undefined) text = '—';
  else if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = value.length === 0 ? 'none' : value.map(item).join(', ');
  else if (typeof value === 'object') text = Object.entries(value).map(([key, v]) => `${key}: ${formatValue(v)}`).join('; ');
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

/** The changes in kind order (the order of `changeKinds`), each kind's changes in diff order. */
export function groupByKind(changes: readonly Change[]): [Change['kind'], Change[]][] {
  return changeKinds.flatMap((kind): [Change['kind'], Change[]][] => {
    const ofKind = changes.filter((c) => c.kind === kind);
    return ofKind.length === 0 ? [] : [[kind, ofKind]];
  });
}

function headline(diff: ContractDiff): string {
  const n = diff.changes.length;
  if (n === 0) return `${diff.from} → ${diff.to}: no changes`;
  const clients = diff.changes.filter((c) => c.impact.client === 'breaking').length;
  const implementations = diff.changes.filter((c) => c.impact.implementation === 'breaking').length;
  return `${diff.from} → ${diff.to}: ${n} change${n === 1 ? '' : 's'}, ${clients} breaking for clients, ${implementations} for implementations`;
}

/** One line per change, grouped by kind: rule, from → to, and the impact on each side. */
export function renderText(diff: ContractDiff): string {
  const lines = [headline(diff)];
  for (const [kind, changes] of groupByKind(diff.changes)) {
    const width = Math.min(48, Math.max(...changes.map((c) => c.rule.length)));
    lines.push('', `${kind} (${changes.length})`);
    for (const c of changes) lines.push(`  ${c.rule.padEnd(width)}  ${formatValue(c.from)} → ${formatValue(c.to)}  [client ${c.impact.client}, implementation ${c.impact.implementation}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A table cell in a code span: pipes escaped (GitHub tables split on them even there), backticks fenced. */
function codeCell(text: string): string {
  const escaped = text.replace(/\|/g, '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

const effectCell = (effect: Effect): string => (effect === 'breaking' ? '**breaking**' : effect);

/** A Markdown table for a pull-request comment: rule | change | from | to | client | implementation. */
export function renderMarkdown(diff: ContractDiff): string {
  const title = `**${headline(diff)}**`;
  if (diff.changes.length === 0) return `${title}\n`;
  const rows = groupByKind(diff.changes).flatMap(([, changes]) =>
    changes.map((c) => {
      const value = (v: unknown) => (v === null || v === undefined ? '—' : codeCell(formatValue(v)));
      return `| ${codeCell(c.rule)} | ${c.kind} | ${value(c.from)} | ${value(c.to)} | ${effectCell(c.impact.client)} | ${effectCell(c.impact.implementation)} |`;
    }),
  );
  return [title, '', '| rule | change | from | to | client | implementation |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

/** The diff as JSON: `{ from, to, changes: [{ rule, kind, from, to, impact, source }] }`. */
export function renderJson(diff: ContractDiff): string {
  const changes = diff.changes.map((c) => ({ rule: c.rule, kind: c.kind, from: c.from ?? null, to: c.to ?? null, impact: c.impact, source: c.source }));
  return `${JSON.stringify({ from: diff.from, to: diff.to, changes }, null, 2)}\n`;
}

/** Whether the diff holds a change that `--fail-on` names: one breaking for either side, or any. */
export function failsOn(diff: ContractDiff, threshold: 'breaking' | 'any'): boolean {
  return threshold === 'any' ? diff.changes.length > 0 : diff.changes.some(isBreaking);
}
