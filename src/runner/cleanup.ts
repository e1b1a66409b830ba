import type { Finding } from '../checks/finding.ts';
import type { Contract } from '../contract/load.ts';
import type { Clock } from '../keywords/clock.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { recordCurl, recordRequest, type Redact } from './record.ts';
import type { Answered } from './send-case.ts';
import type { Target } from './target.ts';
import { createdId, toCleanupWire } from './wire.ts';

/** A resource a case or a sequence created and could not delete. */
export interface LeftBehind {
  /** The resource's id, when the answer named one. */
  readonly id?: string;
  readonly why: string;
  /** The delete call and what it got, when one was sent. */
  readonly exchange?: Exchange;
}

/** What cleaning up after a case did: whether the case created anything, whether something stays on its fixture, and what. */
export interface CleanupResult {
  readonly created: boolean;
  readonly kept: boolean;
  readonly leftBehind: readonly LeftBehind[];
}

/** The ids that 2xx answers created. */
export function createdIds(contract: Contract, answers: readonly Answered[]): { ids: Set<string>; created: boolean } {
  const successes = answers.filter((a) => a.answer.class === 'success');
  return { ids: new Set(successes.map((a) => createdId(contract, a.body.json)).filter((id): id is string => id !== undefined)), created: successes.length > 0 };
}

/**
 * Deletes what a case's accepted answers created, with the binding's cleanup call. A target with
 * `cleanup: "none"` keeps it (the fixture is used up); a delete that fails leaves it behind, named.
 */
export function createCleaner(
  contract: Contract,
  target: Target,
  clock: Clock,
  send: (build: () => import('../protocols/wire-request.ts').WireRequest) => Promise<Answered>,
): (document: Readonly<Record<string, unknown>>, answers: readonly Answered[]) => Promise<CleanupResult> {
  return async (document, answers) => {
    const { ids, created } = createdIds(contract, answers);
    if (!created) return { created, kept: false, leftBehind: [] };
    if (target.config.cleanup === 'none') return { created, kept: true, leftBehind: [] };
    if (ids.size === 0) return { created, kept: true, leftBehind: [{ why: 'the success answer named no id to delete' }] };
    const leftBehind: LeftBehind[] = [];
    for (const id of ids) {
      const remove = () => send(() => toCleanupWire(contract, target, id, document, clock.now()));
      let deletion = await remove();
      // Deleting is safe to repeat: a delete that met a passing server error, or got no answer, goes once more before the job counts as left behind.
      if (deletion.answer.class === 'server' || deletion.answer.class === 'transport') deletion = await remove();
      if (deletion.answer.class === 'success') continue;
      const why = 'response' in deletion.exchange ? `${deletion.exchange.response.status} ${deletion.body.errorCode ?? deletion.exchange.response.body.slice(0, 120)}` : deletion.exchange.failure.message;
      leftBehind.push({ id, why, exchange: deletion.exchange });
    }
    return { created, kept: leftBehind.length > 0, leftBehind };
  };
}

/** The finding that names resources left on the target: the user must delete them by hand. */
export function cleanupFinding(api: string, caseId: string, seed: number, redact: Redact, left: readonly LeftBehind[], target: Target): Finding {
  const sent = left.find((l) => l.exchange)?.exchange;
  const names = left.map((l) => `${l.id ?? 'an unnamed resource'} (${l.why})`).join(', ');
  return {
    check: 'cleanup',
    code: 'cleanup_failed',
    severity: 'info',
    api,
    caseId,
    message: `Left on the target, delete by hand: ${names}.`,
    received: left.map((l) => ({ id: l.id, why: l.why })),
    request: sent ? recordRequest(sent.request, redact) : { method: '', url: redact(target.config.endpoint), headers: {} },
    curl: sent ? recordCurl(sent.request, redact) : '',
    seed,
  };
}
