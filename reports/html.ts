import type { RunResult } from '../src/runner/run-result.ts';
import { inconclusiveReasons } from '../src/checks/outcome.ts';
import { coverageLine, inconclusiveCounts } from './format-finding.ts';

/** JSON that can sit inside a <script> element: no `<`, so no `</script>` or `<!--` can end it early. */
function embeddable(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{padding:16px 24px;color:#fff}
header.passed{background:#1f7a3a}header.failed{background:#b3261e}header.inconclusive{background:#4a6278}header.interrupted{background:#8a6d00}
header h1{margin:0 0 4px;font-size:22px}header #coverage{margin-bottom:4px}header .not-tested{font-size:13px;opacity:.9}main{padding:16px 24px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 8px}table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #e3e6ea;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f5;position:sticky;top:0}
td.passed{background:#e6f4ea}td.failed{background:#fce8e6;font-weight:600}td.info{background:#fef7e0}td.none{color:#9aa0a6}
td.cov-covered{background:#e6f4ea}td.cov-inconclusive{background:#e3eaf2;color:#34495e}td.cov-not-covered{background:#fdebd3;font-weight:600}td.cov-not-testable{background:#f0f2f5;color:#5f6368}
.matrix{max-height:420px;overflow:auto}
.filters label{margin-right:12px}.filters select{margin-left:4px}
.finding{border-top:1px solid #e3e6ea;padding:8px 0}.finding:first-child{border-top:0}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;text-transform:uppercase;margin-right:6px;color:#fff}
.sev.violation{background:#b3261e}.sev.drift{background:#8a6d00}.sev.info{background:#5f6368}
pre{background:#f6f8fa;border:1px solid #e3e6ea;padding:6px;white-space:pre-wrap;word-break:break-all;max-height:180px;overflow:auto;margin:4px 0}
#coverage-by-api{margin:6px 0}button{cursor:pointer}.pager{margin-top:8px}.muted{color:#5f6368}
`;

/** The page's script: renders everything from the embedded data with textContent only (endpoint bytes never become markup). */
const script = `
const data = JSON.parse(document.getElementById('run-data').textContent);
const el = (tag, attrs = {}, ...children) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else e.setAttribute(k, v); } for (const c of children) e.append(c); return e; };
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
const copy = async (text, button) => {
  try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
  catch { const area = el('textarea'); area.value = text; document.body.append(area); area.select(); document.execCommand('copy'); area.remove(); button.textContent = 'Copied'; }
};
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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** report.html: one self-contained page — verdict with coverage, inconclusive answers by reason, rules × checks matrix with coverage, filterable findings with copyable reproductions. */
export function renderHtml(result: RunResult): string {
  const inconclusive = inconclusiveCounts(result.inconclusive);
  const byApi = result.coverage.byApi
    .map((a) => `<tr><td>${escapeHtml(a.api)}</td><td>${a.testable}</td><td>${a.covered}</td><td>${a.inconclusive}</td><td>${a.notCovered}</td><td>${a.notTestable}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Conformance ${escapeHtml(result.verdict)}</title><style>${style}</style></head>
<body>
<header class="${escapeHtml(result.verdict)}"><h1 id="verdict">Conformance: ${escapeHtml(result.verdict.toUpperCase())}</h1>
<div id="coverage"><div>${escapeHtml(coverageLine(result.coverage))}</div></div>
<div id="reason">${escapeHtml(result.reason)} · ${result.casesSent} cases · ${result.findings.length} findings · seed ${result.seed}${result.strict ? ' · strict' : ''}</div></header>
<main>
<section><h2>Run</h2><div>Targets: ${result.targets.map((t) => `${escapeHtml(t.api)} at ${escapeHtml(t.endpoint)}`).join('; ') || 'none'}</div>
<table id="coverage-by-api"><thead><tr><th>API</th><th>testable</th><th>covered</th><th>inconclusive</th><th>not covered</th><th>not testable</th></tr></thead><tbody>${byApi}</tbody></table>
<div id="inconclusive">Inconclusive answers: ${inconclusive.map(([reason, n]) => `<span data-reason="${escapeHtml(reason)}">${escapeHtml(reason)} ${n}</span>`).join(' · ') || 'none'}</div>
<div>Rerun: <code>${escapeHtml(result.rerun)}</code></div></section>
<section><h2>Rules × checks</h2><div class="matrix" id="matrix"></div></section>
<section><h2>Findings</h2><div class="filters">
<label>Severity<select id="f-severity"><option value="">all</option><option value="violation">violation</option><option value="drift">drift</option><option value="info">info</option></select></label>
<label>Check<select id="f-check"><option value="">all</option></select></label>
<label>API<select id="f-api"><option value="">all</option></select></label></div>
<div id="findings"></div><div class="pager" id="pager"></div></section>
</main>
<script type="application/json" id="run-data">${embeddable({ rules: result.rules, findings: result.findings, notTested: result.coverage.notTested, reasons: inconclusiveReasons })}</script>
<script>${script}</script>
</body></html>
`;
}
