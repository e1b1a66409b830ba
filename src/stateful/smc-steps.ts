import type { AlibabaSmcTarget } from '../profile/load-profile.ts';
import { smcTargetOf } from '../adapters/alibaba-rpc/index.ts';
import type { WireRequest } from '../protocols/wire-request.ts';
import type { Answered } from '../runner/send-case.ts';
import { toCleanupWire, toWire } from '../runner/wire.ts';
import { serverErrorFinding, type StatefulContext } from './context.ts';
import { judge, type Expectation, type Judgement, type Mismatch } from './judge.ts';
import { familyOf, sequencesFamily } from './ledger.ts';
import { addJob, expectationOf, predictCreate, removeJob, type CreateCall, type SmcModel } from './smc-model.ts';

/** The calls of one scenario or sequence, the jobs it created and still holds, and why it stopped early. */
export interface Trail {
  readonly caseId: string;
  readonly calls: Answered[];
  /** JobId → the answer that created it: what cleanup must delete. */
  readonly created: Map<string, Answered>;
  stopped?: string;
}

export function newTrail(caseId: string): Trail {
  return { caseId, calls: [], created: new Map() };
}

/** Where a step's call is counted: its home family (a rule's scenario, or the sequences) and the check that judges it. */
export interface StepSite {
  readonly home: string;
  readonly check: string;
}

/** What a step came to. */
export type StepOutcome =
  | { readonly kind: 'answered'; readonly judgement: Judgement & { conclusive: true } }
  | { readonly kind: 'mismatch'; readonly mismatch: Mismatch }
  /** The answer said nothing (throttling, authentication…); the model is unchanged. */
  | { readonly kind: 'inconclusive' }
  /** A used ClientToken with another request: the documents say nothing of the answer. */
  /** The documents are silent on this call (`rule`: the rule that leaves it open). */
  | { readonly kind: 'undocumented'; readonly rule: string }
  /** No call was sent, or what the target holds is unknown since (no answer, a 5xx, a success without id). */
  | { readonly kind: 'stopped' };

export function smcConfig(context: StatefulContext): AlibabaSmcTarget {
  return smcTargetOf(context.target);
}

/** Counts a judged call in its home family and in every rule family the judgement is about. */
function tally(context: StatefulContext, site: StepSite, judgement: Judgement): void {
  const { ledger } = context;
  const verdict = judgement.conclusive ? ({ conclusive: true } as const) : ({ conclusive: false, reason: judgement.reason } as const);
  const homeRule = site.home === sequencesFamily ? undefined : site.home;
  const families = judgement.rules.map(familyOf);
  if (homeRule === undefined || families.includes(homeRule) || !judgement.conclusive) ledger.call(site.home, site.check, verdict);
  else ledger.call(site.home, site.check, { setup: true });
  for (const family of new Set(families)) if (family !== site.home) ledger.call(family, site.check, verdict);
}

/** Sends one call of a trail and records it; a missing answer or a 5xx becomes a finding and stops the trail. */
async function sendStep(context: StatefulContext, trail: Trail, site: StepSite, build: () => WireRequest): Promise<Answered | undefined> {
  const halted = context.halted();
  if (trail.stopped !== undefined || halted !== undefined) {
    trail.stopped ??= halted?.why ?? 'stopped';
    return undefined;
  }
  const answered = await context.send(build);
  trail.calls.push(answered);
  const failure = serverErrorFinding(context, site.home, trail.caseId, trail.calls);
  if (failure) {
    context.ledger.finding(failure);
    trail.stopped = failure.message;
  }
  return answered;
}

/** The finding family of a mismatch's rule. */
export function mismatchFamily(mismatch: Mismatch): string {
  return mismatch.rule === 'sequences' ? sequencesFamily : familyOf(mismatch.rule);
}

/**
 * Sends a create, holds its answer to the model's prediction (or to `expect`, which must agree with
 * it where given) and updates the model with what the target did.
 */
export async function createStep(context: StatefulContext, model: SmcModel, trail: Trail, call: CreateCall, site: StepSite & { readonly about?: readonly string[] }): Promise<StepOutcome> {
  const config = smcConfig(context);
  const prediction = predictCreate(context.contract, config, model, call);
  const answered = await sendStep(context, trail, site, () => toWire(context.contract, context.target, call.document, context.clock.now()));
  if (!answered) return { kind: 'stopped' };
  if (prediction.outcome === 'undocumented') {
    // The documents are silent: the answer is judged by nothing, but what it created is the model's and cleanup's to know.
    const seen = judge(context.contract, { outcome: 'created', about: [] }, answered);
    context.ledger.call(site.home, site.check, seen.conclusive ? { conclusive: true } : { conclusive: false, reason: seen.reason });
    if (seen.conclusive && seen.jobId !== undefined && !model.jobs.has(seen.jobId) && !model.deleted.has(seen.jobId)) {
      // A token the documents leave open (used with another request) names no job the model can hold it to; any other token names this one.
      const { token: _token, ...untokened } = call;
      addJob(model, prediction.rule === 'client-token-idempotency' ? untokened : call, seen.jobId);
      trail.created.set(seen.jobId, answered);
    }
    return trail.stopped ? { kind: 'stopped' } : seen.conclusive ? { kind: 'undocumented', rule: prediction.rule } : { kind: 'inconclusive' };
  }
  const judgement = judge(context.contract, expectationOf(prediction, site.about), answered);
  tally(context, site, judgement);
  if (!judgement.conclusive) return trail.stopped ? { kind: 'stopped' } : { kind: 'inconclusive' };
  if (judgement.jobId !== undefined && !model.deleted.has(judgement.jobId)) {
    trail.created.set(judgement.jobId, answered);
    if (!model.jobs.has(judgement.jobId)) addJob(model, call, judgement.jobId);
  } else if (answered.answer.class === 'success' && judgement.jobId === undefined) {
    // Accepted without an id: the job is on the target, but neither the model nor cleanup can name it.
    trail.created.set(`(unnamed ${trail.calls.length})`, answered);
    trail.stopped = 'a create was accepted without a JobId';
  }
  if (judgement.mismatch) return { kind: 'mismatch', mismatch: judgement.mismatch };
  return { kind: 'answered', judgement };
}

/** Deletes a job of the model: the delete must succeed, and frees the source (whether its names and quota slot are free again the documents do not say). */
export async function deleteStep(context: StatefulContext, model: SmcModel, trail: Trail, jobId: string, site: StepSite): Promise<StepOutcome> {
  const config = smcConfig(context);
  const answered = await sendStep(context, trail, site, () => toCleanupWire(context.contract, context.target, jobId, { RegionId: config.regionId }, context.clock.now()));
  if (!answered) return { kind: 'stopped' };
  const judgement = judge(context.contract, { outcome: 'created', about: [] }, answered);
  tally(context, site, judgement);
  if (!judgement.conclusive) return trail.stopped ? { kind: 'stopped' } : { kind: 'inconclusive' };
  if (judgement.mismatch) return { kind: 'mismatch', mismatch: { ...judgement.mismatch, message: `Deleting job ${jobId} of this sequence: ${judgement.mismatch.message}` } };
  removeJob(model, jobId);
  trail.created.delete(jobId);
  return { kind: 'answered', judgement };
}

/**
 * Deletes what a trail still holds through the run's cleaner; a failed delete is a `cleanup_failed`
 * finding naming what was left, and stops later calls (the target holds jobs no model knows of).
 */
export async function cleanUpTrail(context: StatefulContext, trail: Trail, family: string): Promise<void> {
  const config = smcConfig(context);
  const answers = [...trail.created.entries()];
  trail.created.clear();
  if (answers.length === 0) return;
  // The cleaner deletes by the ids the answers name; an answer without one is left behind on its own.
  const named = answers.filter(([id]) => !id.startsWith('(unnamed')).map(([, a]) => a);
  const unnamed = answers.filter(([id]) => id.startsWith('(unnamed')).map(([, a]) => a);
  let clean = true;
  for (const group of [...(named.length > 0 ? [named] : []), ...unnamed.map((a) => [a])]) clean = (await context.cleanUp(family, trail.caseId, { RegionId: config.regionId }, group)) && clean;
  if (!clean) context.halt({ why: 'a cleanup delete failed: the target keeps a job that later calls would trip over' });
}
