import { explains, type SizeUnit, type StatedBound } from './bounds.ts';
import type { BoundVerdict, LimitBound } from './probe-result.ts';
import type { SearchOutcome, SearchPlan } from './search.ts';

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** `now + 30 d`, `now + 7 d 00:00:01`, `now - 00:00:05`: an offset in seconds from the moment a request is built. */
function offsetWords(seconds: number): string {
  const whole = Math.abs(seconds);
  const days = Math.floor(whole / 86_400);
  const rest = whole % 86_400;
  const clock = `${twoDigits(Math.floor(rest / 3600))}:${twoDigits(Math.floor((rest % 3600) / 60))}:${twoDigits(rest % 60)}`;
  const parts = [...(days > 0 ? [`${days} d`] : []), ...(rest > 0 || days === 0 ? [clock] : [])];
  return `now ${seconds < 0 ? '-' : '+'} ${parts.join(' ')}`;
}

/** A size in the measure's words: `2048`, `129 characters`, `21 entries`, `now + 30 d 00:00:01`. */
export function sizeWords(size: number, of: SizeUnit): string {
  switch (of) {
    case 'value':
      return String(size);
    case 'length':
      return `${size} character${size === 1 ? '' : 's'}`;
    case 'items':
      return `${size} entr${size === 1 ? 'y' : 'ies'}`;
    case 'seconds':
      return offsetWords(size);
  }
}

function statedWords(bounds: readonly StatedBound[], of: SizeUnit): string {
  return bounds.map((b) => (b === null ? 'no bound' : sizeWords(b, of))).join(' or ');
}

/** The first answer no documented reading predicts, in words. */
function contradicted(outcome: SearchOutcome, plan: SearchPlan, documented: readonly StatedBound[], of: SizeUnit): string {
  const step = outcome.steps.find((s) => !documented.some((bound) => explains(bound, plan.side, [s], plan.tolerance)));
  return step ? `${step.answer} ${sizeWords(step.size, of)};` : '';
}

/**
 * The verdict on one bound: `matches` when the search placed it and a documented reading predicts every
 * answer; `drift` when no documented reading predicts the answers (a size past the documented bound
 * accepted, or one inside it refused), placed exactly or not; `inconclusive` otherwise. A search that
 * had nothing accepted, not even inside the documented range, says the requests were refused for
 * something else: inconclusive, never drift.
 */
export function boundVerdict(outcome: SearchOutcome, plan: SearchPlan, documented: readonly StatedBound[], of: SizeUnit, stoppedBecause: string): Pick<LimitBound, 'verdict' | 'observed' | 'between' | 'why'> {
  const said = statedWords(documented, of);
  const predicted = documented.some((bound) => explains(bound, plan.side, outcome.steps, plan.tolerance));
  const within = plan.tolerance ? `, give or take ${plan.tolerance} s for clocks and latency` : '';
  const { lastAccepted: accepted, firstRefused: refused } = outcome;
  const between = { ...(accepted !== undefined ? { accepted } : {}), ...(refused !== undefined ? { refused } : {}) };
  const result = (verdict: BoundVerdict, why: string, observed: number | null = null) => ({ verdict, observed, ...(observed === null && Object.keys(between).length > 0 ? { between } : {}), why });
  switch (outcome.end) {
    case 'found': {
      const edge = refused === undefined ? `accepts ${sizeWords(accepted as number, of)}, the smallest size that can be sent` : `accepts ${sizeWords(accepted as number, of)}, refuses ${sizeWords(refused, of)}`;
      return predicted ? result('matches', `${edge}: as documented (${said}${within})`, accepted as number) : result('drift', `${edge}; the documents say ${said}`, accepted as number);
    }
    case 'unbounded': {
      const every = `accepted every size ${plan.side === 'upper' ? 'up' : 'down'} to ${sizeWords(accepted as number, of)}`;
      return predicted ? result('matches', `${every}, as a reading without the bound says`) : result('drift', `${every}, the farthest worth sending; the documents say ${said}`);
    }
    case 'nothing-accepted':
      return result('inconclusive', `refused every size down to ${sizeWords(refused as number, of)}, inside the documented range too: the requests are refused for something else`);
    case 'inconclusive':
    case 'stopped':
      return predicted
        ? result('inconclusive', `${stoppedBecause}${accepted !== undefined ? `; accepted ${sizeWords(accepted, of)}` : ''}${refused !== undefined ? `, refused ${sizeWords(refused, of)}` : ''}`)
        : result('drift', `${contradicted(outcome, plan, documented, of)} the documents say ${said}; not placed exactly: ${stoppedBecause}`);
  }
}
