import type { AlibabaSmcTarget } from '../../profile/load-profile.ts';
import type { StatefulContext } from '../context.ts';
import type { Mismatch } from '../judge.ts';
import { sequencesFamily } from '../ledger.ts';
import type { CreateCall, SmcModel, Source } from '../smc-model.ts';
import { createStep, type StepOutcome, type StepSite, type Trail } from '../smc-steps.ts';

/** What the commands of one run share: the target and its fixtures. */
export interface SequenceWorld {
  readonly context: StatefulContext;
  readonly config: AlibabaSmcTarget;
  readonly sources: readonly Source[];
  readonly vpcs: NonNullable<AlibabaSmcTarget['fixtures']['vpcs']>;
  /** Notes (once a run) a call the documents say nothing about: a used ClientToken with another request. */
  readonly undocumented: (real: Real, rule: string) => void;
}

/**
 * The real side of one sequence: its trail, its last create (for the retry commands) and its pools of
 * names and tokens. The pools are small, so collisions are likely, and fresh per sequence: the
 * documents do not say whether a deleted job's token, Name or ImageName is free again, so none
 * outlives its sequence.
 */
export interface Real {
  readonly world: SequenceWorld;
  readonly trail: Trail;
  readonly tokens: readonly string[];
  readonly names: readonly string[];
  readonly imageNames: readonly string[];
  last?: CreateCall;
}

/** A call whose answer the model did not allow: fails the property, so fast-check shrinks the sequence. */
export class SequenceMismatch extends Error {
  readonly mismatch: Mismatch;
  constructor(mismatch: Mismatch) {
    super(mismatch.message);
    this.mismatch = mismatch;
  }
}

/** Where sequence calls are counted. */
export const sequenceSite: StepSite = { home: sequencesFamily, check: 'stateful-sequence' };

/** Whether a command should send nothing: the sequence stopped (no answer, a 5xx) or the run is halting. */
export function idle(real: Real): boolean {
  return real.trail.stopped !== undefined || real.world.context.halted() !== undefined;
}

/** Throws on a mismatch; every other outcome lets the sequence go on (a stopped trail sends nothing more). */
export function settle(outcome: StepOutcome): void {
  if (outcome.kind === 'mismatch') throw new SequenceMismatch(outcome.mismatch);
}

/** Sends a create of the sequence and holds it to the model. */
export async function sequenceCreate(model: SmcModel, real: Real, call: CreateCall): Promise<void> {
  real.last = call;
  const outcome = await createStep(real.world.context, model, real.trail, call, sequenceSite);
  if (outcome.kind === 'undocumented') real.world.undocumented(real, outcome.rule);
  settle(outcome);
}
