import type { BoundResult, ProbeResult, ValueSetBound } from '../../src/probe/probe-result.ts';
import { byteLength, cell, clipBytes, code, fence, markdownLimit, text } from '../markdown-text.ts';
import { boundsToReproduce, closestWords, documentedWords, editionName, exchangeWords, followedWords, inconclusiveWords, isLimit, observedWords, probeSummary, probeVerdict, telling, valueTable } from './bound-words.ts';

const icon = { matches: '✅', drift: '⚠️', inconclusive: '❔' } as const;

/** An edition's name in code: a bare `@2019` in a pull-request comment would mention a user. */
const editionCode = (edition: string): string => code(editionName(edition));

/** A curl command in a fenced block, cut to `room` bytes with a note when it is longer. */
function curlBlock(curl: string, room: number): string {
  const size = byteLength(curl);
  if (size <= room) return fence(curl);
  const shown = clipBytes(curl, room);
  return `${fence(shown)}\n\n_Cut to ${byteLength(shown)} of ${size} bytes to keep this summary under 64 KiB: drift.json has the whole command._`;
}

/**
 * The most bytes each curl may keep so that together they fit in `room`: the short ones whole, the
 * rest an equal share of what the short ones leave.
 */
function fairShare(sizes: readonly number[], room: number): number {
  const ascending = [...sizes].sort((a, b) => a - b);
  let left = Math.max(0, room);
  for (const [i, size] of ascending.entries()) {
    const share = Math.floor(left / (ascending.length - i));
    if (size > share) return share;
    left -= size;
  }
  return Number.POSITIVE_INFINITY;
}

function boundRow(bound: BoundResult, api: string): string {
  return `| ${code(bound.rule)} | ${cell(documentedWords(bound, api, editionCode))} | ${cell(observedWords(bound))} | ${icon[bound.verdict]} ${bound.verdict} | ${bound.requests} |`;
}

/**
 * A value set's readings its answers follow, then its values: what the probed contract expects of each,
 * what each other edition expects where it differs, the answer (⚠️ where the documents rule it out).
 */
function valuesTable(bound: ValueSetBound, api: string): string[] {
  const { editions, rows } = valueTable(bound, api);
  const head = ['value', `${editionCode(api)} expects`, ...editions.map((edition) => `${editionCode(edition)} where it differs`), 'answer'];
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    ...(bound.followed.length > 0 ? [`Answers follow ${text(followedWords(bound))}.`, ''] : []),
    row(head),
    `|${'---|'.repeat(head.length)}`,
    ...rows.map((r) => row([text(r.label), r.expected ?? '', ...r.others.map((o) => o ?? ''), `${r.answer}${r.unexpected ? ' ⚠️' : ''}`])),
  ];
}

/** The summary with each curl block rendered by `block`. */
function compose(result: ProbeResult, block: (curl: string) => string): string {
  const verdict = probeVerdict(result);
  const lines = [
    `# ${icon[verdict]} Rules of ${code(result.api)} at ${code(result.target)}: ${verdict}, ${text(closestWords(result))}`,
    '',
    `${probeSummary(result)}. Rerun: ${code(result.rerun)}`,
    '',
  ];
  if (result.stopped !== undefined) lines.push(`Stopped early: ${text(result.stopped)}.`, '');
  lines.push('| rule | documented | observed | verdict | requests |', '|---|---|---|---|---:|', ...result.bounds.map((b) => boundRow(b, result.api)), '');
  lines.push('## Editions', '', '| edition | rules it predicts | rules it does not |', '|---|---:|---:|');
  lines.push(...result.editions.map((e) => `| ${code(e.api)}${e.api === result.closest ? ' (closest)' : ''} | ${e.agree} | ${e.disagree} |`), '');
  if (result.leftBehind.length > 0) {
    lines.push('Left behind (delete by hand):', '', ...result.leftBehind.map((left) => `- ${code(left.rule)}: ${left.id === undefined ? 'a resource' : code(left.id)}, ${text(left.why)}`), '');
  }
  const reproduced = boundsToReproduce(result);
  if (reproduced.length > 0) lines.push('## Drifted and inconclusive rules', '');
  for (const bound of reproduced) {
    lines.push(`### ${icon[bound.verdict]} ${text(bound.rule)}: ${bound.verdict}`, '', `${text(bound.why)}.`, '');
    if (!isLimit(bound)) lines.push(...valuesTable(bound, result.api), '');
    const inconclusive = inconclusiveWords(bound);
    if (inconclusive) lines.push(`Answers that said nothing about the rule: ${inconclusive}.`, '');
    for (const { label, exchange } of telling(bound)) lines.push(`${label}: ${text(exchangeWords(exchange))}`, '', block(exchange.curl), '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * drift.md: a pull-request comment — the API, target and closest edition; one row per rule (the other
 * editions' bounds or expectations where they differ, what was observed, the verdict, the requests
 * spent); the edition scores; then for each drifted or inconclusive rule why, a value set's values
 * (what each edition expects, the answer) and the readings its answers follow, and the curl of its
 * last accepted and first rejected requests. Under {@link markdownLimit} bytes: the curls are cut, as evenly as can be, when the
 * whole would not fit (only the curls: a summary too long without them is left whole).
 */
export function renderDriftMarkdown(result: ProbeResult, limit = markdownLimit): string {
  const whole = compose(result, (curl) => fence(curl));
  if (byteLength(whole) < limit) return whole;
  const curls = boundsToReproduce(result).flatMap((b) => telling(b).map((t) => byteLength(t.exchange.curl)));
  // The curls share what the rest (their notes included) leaves; a longer fence or note can take a few bytes more, so shrink until it fits.
  let room = fairShare(curls, limit - 1 - byteLength(compose(result, (curl) => curlBlock(curl, 0))));
  for (;;) {
    const summary = compose(result, (curl) => curlBlock(curl, room));
    const over = byteLength(summary) - (limit - 1);
    // No curl left to cut (none at all, or all cut to nothing): the rest alone is too long.
    if (over <= 0 || room === 0 || !Number.isFinite(room)) return summary;
    room = Math.max(0, room - over);
  }
}
