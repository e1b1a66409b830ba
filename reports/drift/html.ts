import type { BoundResult, ProbeResult, ValueSetBound } from '../../src/probe/probe-result.ts';
import { escapeHtml, renderPage } from '../page.ts';
import { closestWords, documentedWords, editionName, exchangeWords, followedWords, inconclusiveWords, isLimit, observedWords, probeSummary, probeVerdict, telling, valueTable } from './bound-words.ts';

const style = `
header.matches{background:var(--good)}header.drift{background:var(--warn)}header.inconclusive{background:var(--unsure)}
.sev.matches{background:var(--good)}.sev.drift{background:var(--warn)}.sev.inconclusive{background:var(--unsure)}
tr.drift td{background:#fef7e0}tr.closest td{font-weight:600}td.number{text-align:right}
.bound{border-top:1px solid #e3e6ea;padding:8px 0}.bound:first-of-type{border-top:0}.bound h3{font-size:14px;margin:0 0 4px}
ol.steps{display:flex;flex-wrap:wrap;gap:4px;list-style:none;padding:0;margin:4px 0}
ol.steps li{padding:0 6px;border-radius:3px;font-size:12px;font-variant-numeric:tabular-nums}
li.accepted,td.accepted{background:#e6f4ea}li.refused,td.refused{background:#fce8e6}li.inconclusive,td.inconclusive{background:#e3eaf2}
table.values{margin:4px 0}td.unexpected{font-weight:600}
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

/**
 * A value set's values: what the probed contract expects of each, what each other edition expects where
 * it differs, the answer (marked where the documents rule it out).
 */
function valuesTable(bound: ValueSetBound, api: string): string {
  const { editions, rows } = valueTable(bound, api);
  const head = ['value', `${editionName(api)} expects`, ...editions.map((edition) => `${editionName(edition)} where it differs`)].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const expected = [r.expected, ...r.others].map((e) => `<td>${escapeHtml(e ?? '')}</td>`).join('');
      return `<tr><td>${escapeHtml(r.label)}</td>${expected}<td class="${r.answer}${r.unexpected ? ' unexpected' : ''}">${r.answer}${r.unexpected ? ' ⚠' : ''}</td></tr>`;
    })
    .join('');
  return `<table class="values"><thead><tr>${head}<th>answer</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** What a probe asked, in order, and a line about it: a search's sizes, or a value set's values and the readings its answers follow. */
function asked(bound: BoundResult, api: string): { readonly words: string; readonly detail: string } {
  if (isLimit(bound)) {
    const steps = bound.steps.map((s) => `<li class="${s.answer}">${s.size} → ${s.answer}</li>`).join('');
    return { words: `${bound.steps.length} sizes asked, ${bound.requests} requests · search ended: ${bound.end}`, detail: `<ol class="steps">${steps}</ol>` };
  }
  const followed = bound.followed.length > 0 ? `<div class="followed">Answers follow ${escapeHtml(followedWords(bound))}</div>` : '';
  return { words: `${bound.values.length} values tried, ${bound.requests} requests`, detail: `${followed}${valuesTable(bound, api)}` };
}

/** One rule's probe: why, each size or value asked with its answer, the answers that said nothing, the two telling exchanges with their curl. */
function boundSearch(bound: BoundResult, api: string): string {
  const { words, detail } = asked(bound, api);
  const inconclusive = inconclusiveWords(bound);
  const exchanges = telling(bound)
    .map(({ label, exchange }) => `<div>${label}: ${escapeHtml(exchangeWords(exchange))}</div><pre class="curl">${escapeHtml(exchange.curl)}</pre><button class="copy">Copy curl</button>`)
    .join('');
  return `<div class="bound" data-rule="${escapeHtml(bound.rule)}"><h3>${badge(bound.verdict)}${escapeHtml(bound.rule)}</h3>
<div>${escapeHtml(bound.why)}</div>
<div class="muted">${words}${inconclusive ? ` · answers that said nothing about the rule: ${escapeHtml(inconclusive)}` : ''}</div>
${detail}${exchanges}</div>`;
}

/** drift.html: the run report's page frame with the probe's drift — the rules table with verdict badges, the edition scores, each rule's probe (a search's sizes, a value set's values) with its requests to copy. */
export function renderDriftHtml(result: ProbeResult): string {
  const verdict = probeVerdict(result);
  const editions = result.editions
    .map((e) => `<tr${e.api === result.closest ? ' class="closest"' : ''}><td>${escapeHtml(e.api)}${e.api === result.closest ? ' (closest)' : ''}</td><td class="number">${e.agree}</td><td class="number">${e.disagree}</td></tr>`)
    .join('');
  const leftBehind = result.leftBehind.map((left) => `<li>${escapeHtml(left.rule)}: ${escapeHtml(left.id ?? 'a resource')}, ${escapeHtml(left.why)}</li>`).join('');
  return renderPage({
    title: `Drift ${verdict}: ${result.api}`,
    tone: verdict,
    header: `<h1 id="verdict">Rules: ${verdict.toUpperCase()}</h1>
<div id="probed">${escapeHtml(result.api)} at ${escapeHtml(result.target)} · ${escapeHtml(closestWords(result))}</div>
<div id="summary">${escapeHtml(probeSummary(result))}</div>`,
    main: `<section><h2>Probe</h2><div>Started ${escapeHtml(result.startedAt)}, took ${(result.durationMs / 1000).toFixed(1)} s</div>
${result.stopped === undefined ? '' : `<div id="stopped">Stopped early: ${escapeHtml(result.stopped)}</div>`}
${leftBehind ? `<div>Left behind (delete by hand):</div><ul id="left-behind">${leftBehind}</ul>` : ''}
<div>Rerun: <code>${escapeHtml(result.rerun)}</code></div></section>
<section id="drift"><h2>Drift</h2>
<table id="drift-table"><thead><tr><th>rule</th><th>kind</th><th>documented</th><th>observed</th><th>verdict</th><th>requests</th></tr></thead>
<tbody>${result.bounds.map((b) => boundRow(b, result.api)).join('')}</tbody></table></section>
<section><h2>Editions</h2><table id="editions"><thead><tr><th>edition</th><th>rules it predicts</th><th>rules it does not</th></tr></thead><tbody>${editions}</tbody></table></section>
<section><h2>Probes</h2>${result.bounds.map((bound) => boundSearch(bound, result.api)).join('\n')}</section>`,
    style,
    script,
  });
}
