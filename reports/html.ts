import type { RunResult } from '../src/runner/run-result.ts';
import { inconclusiveReasons } from '../src/checks/outcome.ts';
import { findingsWords } from '../src/checks/finding-log.ts';
import { coverageLine, inconclusiveCounts } from './format-finding.ts';
import { escapeHtml, renderPage } from './page.ts';

const style = `
header.passed{background:var(--good)}header.failed{background:var(--bad)}header.inconclusive{background:var(--unsure)}header.interrupted{background:var(--warn)}
header #coverage{margin-bottom:4px}header .not-tested{font-size:13px;opacity:.9}
td.passed{background:#e6f4ea}td.failed{background:#fce8e6;font-weight:600}td.info{background:#fef7e0}td.none{color:#9aa0a6}
td.cov-covered{background:#e6f4ea}td.cov-inconclusive{background:#e3eaf2;color:#34495e}td.cov-not-covered{background:#fdebd3;font-weight:600}td.cov-not-testable{background:#f0f2f5;color:#5f6368}
.matrix{max-height:420px;overflow:auto}
.filters label{margin-right:12px}.filters select{margin-left:4px}
.finding{border-top:1px solid #e3e6ea;padding:8px 0}.finding:first-child{border-top:0}
.sev.violation{background:var(--bad)}.sev.drift{background:var(--warn)}.sev.info{background:var(--quiet)}
#coverage-by-api{margin:6px 0}.pager{margin-top:8px}
`;

/** The page's script: renders everything from the embedded data with the frame's `el` (textContent only: endpoint bytes never become markup). */
const script = `
const data = JSON.parse(document.getElementById('page-data').textContent);
const reasons = data.reasons;
const coverage = document.getElementById('coverage');
coverage.append(...data.notTested.map((line) => el('div', { class: 'not-tested' }, 'Not tested: ' + line)));
const checks = [...new Set(data.rules.flatMap((r) => Object.keys(r.checks)))].sort();
const matrix = document.getElementById('matrix');
const head = el('tr', {}, el('th', {}, 'API'), el('th', {}, 'rule'), el('th', {}, 'kind'), el('th', {}, 'cases'), el('th', {}, 'conclusive'), el('th', {}, 'coverage'), ...checks.map((c) => el('th', {}, c)), el('th', {}, 'readings'));
const table = el('table', {}, el('thead', {}, head));
const body = el('tbody');
for (const r of data.rules) {
  const why = r.coverageReason ?? (Object.keys(r.inconclusive).length > 0 ? 'no conclusive answer: ' + reasons.filter((k) => r.inconclusive[k]).map((k) => r.inconclusive[k] + ' ' + k).join(', ') : r.coverage);
  const row = el('tr', { 'data-api': r.api, 'data-rule': r.rule, 'data-coverage': r.coverage }, el('td', {}, r.api), el('td', {}, r.rule), el('td', {}, r.kind),
    el('td', { class: r.cases === 0 ? 'none' : '' }, String(r.cases)), el('td', { class: 'conclusive' + (r.conclusive === 0 ? ' none' : '') }, String(r.conclusive)),
    el('td', { class: 'coverage cov-' + r.coverage, title: why }, r.coverage));
  for (const c of checks) { const state = r.checks[c]; row.append(el('td', { class: state ?? 'none' }, state ?? '–')); }
  row.append(el('td', { class: 'readings' }, (r.readings ?? []).map((o) => o.contradiction + ': ' + (o.consistent.length > 0 ? o.consistent.join(' or ') : 'no single reading') + ' (' + o.probes + ' probe' + (o.probes === 1 ? '' : 's') + ')').join('; ')));
  body.append(row);
}
table.append(body); matrix.append(table);
const filters = { severity: document.getElementById('f-severity'), check: document.getElementById('f-check'), api: document.getElementById('f-api') };
for (const c of [...new Set(data.findings.map((f) => f.check))].sort()) filters.check.append(el('option', { value: c }, c));
for (const a of [...new Set(data.findings.map((f) => f.api))].sort()) filters.api.append(el('option', { value: a }, a));
let page = 0; const perPage = 50;
const list = document.getElementById('findings'); const pager = document.getElementById('pager');
function render() {
  const wanted = data.findings.filter((f) => (!filters.severity.value || f.severity === filters.severity.value) && (!filters.check.value || f.check === filters.check.value) && (!filters.api.value || f.api === filters.api.value));
  list.replaceChildren(); const pages = Math.max(1, Math.ceil(wanted.length / perPage)); page = Math.min(page, pages - 1);
  for (const f of wanted.slice(page * perPage, page * perPage + perPage)) {
    const curl = f.shrunk ? f.shrunk.curl : f.curl;
    const button = el('button', { class: 'copy' }, 'Copy curl'); button.addEventListener('click', () => copy(curl, button));
    const item = el('div', { class: 'finding', 'data-severity': f.severity },
      el('div', {}, el('span', { class: 'sev ' + f.severity }, f.severity), el('b', {}, f.check), ' · ', f.api, ' · ', f.rule ?? '(valid request)', ' · ', el('span', { class: 'muted' }, f.caseId)),
      el('div', {}, f.message));
    if (f.documented !== undefined) item.append(el('div', { class: 'muted' }, 'Documented: ' + JSON.stringify(f.documented)));
    if (f.received !== undefined) item.append(el('div', { class: 'muted' }, 'Received: ' + JSON.stringify(f.received)));
    item.append(el('div', {}, 'Request' + (f.shrunk ? ' (shrunk in ' + f.shrunk.requests + ' requests)' : '') + ':'), el('pre', { class: 'curl' }, curl), button);
    if (f.sequence) item.append(el('div', {}, 'Minimal call sequence (' + f.sequence.length + ' calls):'), el('pre', { class: 'sequence' }, f.sequence.map((c, i) => '# ' + (i + 1) + ': answered ' + (c.status ?? 'nothing') + '\\n' + c.curl).join('\\n')));
    if (f.response) item.append(el('div', {}, 'Response ' + f.response.status + ':'), el('pre', {}, f.response.body));
    list.append(item);
  }
  pager.replaceChildren(el('span', { class: 'muted' }, wanted.length + ' findings, page ' + (page + 1) + ' of ' + pages + ' '));
  const prev = el('button', {}, '‹ previous'); prev.disabled = page === 0; prev.addEventListener('click', () => { page -= 1; render(); });
  const next = el('button', {}, 'next ›'); next.disabled = page >= pages - 1; next.addEventListener('click', () => { page += 1; render(); });
  pager.append(prev, ' ', next);
}
for (const f of Object.values(filters)) f.addEventListener('change', () => { page = 0; render(); });
render();
`;

/** report.html: one self-contained page — verdict with coverage, inconclusive answers by reason, rules × checks matrix with coverage, filterable findings with copyable reproductions. */
export function renderHtml(result: RunResult): string {
  const inconclusive = inconclusiveCounts(result.inconclusive);
  const byApi = result.coverage.byApi
    .map((a) => `<tr><td>${escapeHtml(a.api)}</td><td>${a.testable}</td><td>${a.covered}</td><td>${a.inconclusive}</td><td>${a.notCovered}</td><td>${a.notTestable}</td></tr>`)
    .join('');
  return renderPage({
    title: `Conformance ${result.verdict}`,
    tone: result.verdict,
    header: `<h1 id="verdict">Conformance: ${escapeHtml(result.verdict.toUpperCase())}</h1>
<div id="coverage"><div>${escapeHtml(coverageLine(result.coverage))}</div></div>
<div id="reason">${escapeHtml(result.reason)} · ${result.casesSent} cases · ${findingsWords(result)} · seed ${result.seed}${result.strict ? ' · strict' : ''}</div>`,
    main: `<section><h2>Run</h2><div>Targets: ${result.targets.map((t) => `${escapeHtml(t.api)} at ${escapeHtml(t.endpoint)}`).join('; ') || 'none'}</div>
<table id="coverage-by-api"><thead><tr><th>API</th><th>testable</th><th>covered</th><th>inconclusive</th><th>not covered</th><th>not testable</th></tr></thead><tbody>${byApi}</tbody></table>
<div id="inconclusive">Inconclusive answers: ${inconclusive.map(([reason, n]) => `<span data-reason="${escapeHtml(reason)}">${escapeHtml(reason)} ${n}</span>`).join(' · ') || 'none'}</div>
<div>Rerun: <code>${escapeHtml(result.rerun)}</code></div></section>
<section><h2>Rules × checks</h2><div class="matrix" id="matrix"></div></section>
<section><h2>Findings</h2><div class="filters">
<label>Severity<select id="f-severity"><option value="">all</option><option value="violation">violation</option><option value="drift">drift</option><option value="info">info</option></select></label>
<label>Check<select id="f-check"><option value="">all</option></select></label>
<label>API<select id="f-api"><option value="">all</option></select></label></div>
<div id="findings"></div><div class="pager" id="pager"></div></section>`,
    style,
    data: { rules: result.rules, findings: result.findings, notTested: result.coverage.notTested, reasons: inconclusiveReasons },
    script,
  });
}
