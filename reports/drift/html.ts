import type { BoundResult, ProbeResult } from '../../src/probe/probe-result.ts';
import { escapeHtml, renderPage } from '../page.ts';
import { closestWords, documentedWords, exchangeWords, inconclusiveWords, observedWords, probeSummary, probeVerdict, telling } from './bound-words.ts';

const style = `
header.matches{background:var(--good)}header.drift{background:var(--warn)}header.inconclusive{background:var(--unsure)}
.sev.matches{background:var(--good)}.sev.drift{background:var(--warn)}.sev.inconclusive{background:var(--unsure)}
tr.drift td{background:#fef7e0}tr.closest td{font-weight:600}td.number{text-align:right}
.bound{border-top:1px solid #e3e6ea;padding:8px 0}.bound:first-of-type{border-top:0}.bound h3{font-size:14px;margin:0 0 4px}
ol.steps{display:flex;flex-wrap:wrap;gap:4px;list-style:none;padding:0;margin:4px 0}
ol.steps li{padding:0 6px;border-radius:3px;font-size:12px;font-variant-numeric:tabular-nums}
li.accepted{background:#e6f4ea}li.refused{background:#fce8e6}li.inconclusive{background:#e3eaf2}
`;

/** The copy buttons: each copies the curl of the block just before it. */
const script = `
for (const button of document.querySelectorAll('button.copy')) button.addEventListener('click', () => copy(button.previousElementSibling.textContent, button));
`;

function badge(verdict: BoundResult['verdict']): string {
  return `<span class="sev ${verdict}">${verdict}</span>`;
}

function boundRow(bound: BoundResult, api: string): string {
  return `<tr class="${bound.verdict}" data-rule="${escapeHtml(bound.rule)}"><td>${escapeHtml(bound.rule)}</td><td>${bound.kind}</td><td>${escapeHtml(documentedWords(bound, api))}</td><td>${escapeHtml(observedWords(bound))}</td><td>${badge(bound.verdict)}</td><td class="number">${bound.requests}</td></tr>`;
}

/** One bound's search: why, each size asked with its answer, the answers that said nothing, the two telling exchanges with their curl. */
function boundSearch(bound: BoundResult): string {
  const steps = bound.steps.map((s) => `<li class="${s.answer}">${s.size} → ${s.answer}</li>`).join('');
  const inconclusive = inconclusiveWords(bound);
  const exchanges = telling(bound)
    .map(({ label, exchange }) => `<div>${label}: ${escapeHtml(exchangeWords(exchange))}</div><pre class="curl">${escapeHtml(exchange.curl)}</pre><button class="copy">Copy curl</button>`)
    .join('');
  return `<div class="bound" data-rule="${escapeHtml(bound.rule)}"><h3>${badge(bound.verdict)}${escapeHtml(bound.rule)}</h3>
<div>${escapeHtml(bound.why)}</div>
<div class="muted">${bound.steps.length} sizes asked, ${bound.requests} requests · search ended: ${bound.end}${inconclusive ? ` · answers that said nothing about the rule: ${escapeHtml(inconclusive)}` : ''}</div>
<ol class="steps">${steps}</ol>${exchanges}</div>`;
}

/** drift.html: the run report's page frame with the probe's drift — the bounds table with verdict badges, the edition scores, each bound's search with its requests to copy. */
export function renderDriftHtml(result: ProbeResult): string {
  const verdict = probeVerdict(result);
  const editions = result.editions
    .map((e) => `<tr${e.api === result.closest ? ' class="closest"' : ''}><td>${escapeHtml(e.api)}${e.api === result.closest ? ' (closest)' : ''}</td><td class="number">${e.agree}</td><td class="number">${e.disagree}</td></tr>`)
    .join('');
  const leftBehind = result.leftBehind.map((left) => `<li>${escapeHtml(left.rule)}: ${escapeHtml(left.id ?? 'a resource')}, ${escapeHtml(left.why)}</li>`).join('');
  return renderPage({
    title: `Drift ${verdict}: ${result.api}`,
    tone: verdict,
    header: `<h1 id="verdict">Bounds: ${verdict.toUpperCase()}</h1>
<div id="probed">${escapeHtml(result.api)} at ${escapeHtml(result.target)} · ${escapeHtml(closestWords(result))}</div>
<div id="summary">${escapeHtml(probeSummary(result))}</div>`,
    main: `<section><h2>Probe</h2><div>Started ${escapeHtml(result.startedAt)}, took ${(result.durationMs / 1000).toFixed(1)} s</div>
${result.stopped === undefined ? '' : `<div id="stopped">Stopped early: ${escapeHtml(result.stopped)}</div>`}
${leftBehind ? `<div>Left behind (delete by hand):</div><ul id="left-behind">${leftBehind}</ul>` : ''}
<div>Rerun: <code>${escapeHtml(result.rerun)}</code></div></section>
<section id="drift"><h2>Drift</h2>
<table id="drift-table"><thead><tr><th>rule</th><th>kind</th><th>documented</th><th>observed</th><th>verdict</th><th>requests</th></tr></thead>
<tbody>${result.bounds.map((b) => boundRow(b, result.api)).join('')}</tbody></table></section>
<section><h2>Editions</h2><table id="editions"><thead><tr><th>edition</th><th>bounds it predicts</th><th>bounds it does not</th></tr></thead><tbody>${editions}</tbody></table></section>
<section><h2>Searches</h2>${result.bounds.map(boundSearch).join('\n')}</section>`,
    style,
    script,
  });
}
