import type { AlibabaSmcTarget } from '../../profile/load-profile.ts';
import type { StatefulContext } from '../context.ts';
import type { Mismatch } from '../judge.ts';
import { sequencesFamily } from '../ledger.ts';
import type { CreateCall, SmcModel, Source } from '../smc-model.ts';
import { createStep, type StepOutcome, type StepSite, type Trail } from '../smc-steps.ts';

/** What the commands of one run share: the target, its fixtures and the run-unique pools of names and tokens. */
export interface SequenceWorld {
  readonly context: StatefulContext;
  readonly config: AlibabaSmcTarget;
  readonly sources: readonly Source[];
  readonly vpcs: NonNullable<AlibabaSmcTarget['fixtures']['vpcs']>;
  /** Small pools make collisions likely; run-unique, so no earlier run's job shares them. */
  readonly names: readonly string[];
  readonly imageNames: readonly string[];
  /** Notes (once a run) a call the documents say nothing about: a used ClientToken with another request. */
  readonly undocumented: (real: Real) => void;
}

/** The real side of one sequence: its trail and its last create, for the retry commands. */
export interface Real {
  readonly world: SequenceWorld;
  readonly trail: Trail;
  /** ClientTokens of this sequence (fresh per sequence: a token must not outlive its job's sequence). */
  readonly tokens: readonly string[];
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
  if (outcome.kind === 'undocumented') real.world.undocumented(real);
  settle(outcome);
}
