import type { AnswerClass } from '../checks/answer.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';

/** Why a run stopped sending to a target, in a reason and in words. */
export interface Stop {
  readonly reason: Extract<InconclusiveReason, 'throttled-stop' | 'unresponsive-stop'>;
  readonly words: string;
}

/** The answers that, in a row, mean the target will not judge any more cases: throttling after its retries, or no answer at all. */
const stopping: Partial<Record<AnswerClass, Stop['reason']>> = { throttling: 'throttled-stop', transport: 'unresponsive-stop' };

/**
 * Watches the answers of a run and says when to stop sending: after `limit` answers in a row that are
 * throttling (each already retried) or no answer at all (timeouts, resets, a body past the bound).
 * Every run then ends by itself in bounded time, its remaining cases inconclusive with the reason.
 */
export function createStopGuard(endpoint: string, limit: number): { readonly note: (answer: { readonly class: AnswerClass; readonly code?: string; readonly status?: number }) => void; readonly stopped: () => Stop | undefined } {
  let streak: { reason: Stop['reason']; count: number } | undefined;
  let stop: Stop | undefined;
  return {
    note: (answer) => {
      const reason = stopping[answer.class];
      streak = reason === undefined ? undefined : { reason, count: streak?.reason === reason ? streak.count + 1 : 1 };
      if (stop || !streak || streak.count < limit) return;
      const what = streak.reason === 'throttled-stop' ? `were throttling (${answer.code ?? `status ${answer.status ?? 429}`}) after retries` : 'got no answer (timeouts, broken connections or bodies without end)';
      stop = { reason: streak.reason, words: `${streak.count} cases in a row ${what}; the run stopped sending to ${endpoint}` };
    },
    stopped: () => stop,
  };
}
