import type fc from 'fast-check';
import type { SmcModel } from '../smc-model.ts';
import { deleteStep } from '../smc-steps.ts';
import { idle, sequenceSite, settle, type Real } from './world.ts';

/** Deletes one of the model's jobs: it must succeed, and frees the job's source (whether its names and quota slot are free again the documents do not say). */
export class Delete implements fc.AsyncCommand<SmcModel, Real> {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check = (model: Readonly<SmcModel>): boolean => model.jobs.size > 0;
  async run(model: SmcModel, real: Real): Promise<void> {
    if (idle(real)) return;
    const jobs = [...model.jobs.keys()];
    settle(await deleteStep(real.world.context, model, real.trail, jobs[this.pick % jobs.length]!, sequenceSite));
  }
  toString(): string {
    return `delete(${this.pick})`;
  }
}
