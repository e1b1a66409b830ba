import type fc from 'fast-check';
import { createCall, type SmcModel, type Source } from '../smc-model.ts';
import { idle, sequenceCreate, type Real, type SequenceWorld } from './world.ts';

/** What a create on a free source reuses from a live job. */
export type Reuse = 'nothing' | 'name' | 'imageName';

/** The first Available source without a job of the model. */
export function freeSource(world: SequenceWorld, model: Readonly<SmcModel>): Source | undefined {
  return world.sources.find((s) => s.state === 'Available' && ![...model.jobs.values()].some((j) => j.sourceId === s.id));
}

/**
 * A create on an Available source without a job, optionally reusing the name or image name of a live
 * job: the model allows it unless that reuse (or the quota) forbids it, so each rule is met alone.
 */
export class CreateOnFreeSource implements fc.AsyncCommand<SmcModel, Real> {
  readonly reuse: Reuse;
  readonly #world: SequenceWorld;
  constructor(world: SequenceWorld, reuse: Reuse) {
    this.#world = world;
    this.reuse = reuse;
  }
  check = (model: Readonly<SmcModel>): boolean => freeSource(this.#world, model) !== undefined && (this.reuse === 'nothing' || [...model.jobs.values()].some((j) => j[this.reuse as 'name' | 'imageName'] !== undefined));
  async run(model: SmcModel, real: Real): Promise<void> {
    if (idle(real)) return;
    const source = freeSource(real.world, model)!;
    const live = this.reuse === 'nothing' ? undefined : [...model.jobs.values()].find((j) => j[this.reuse as 'name' | 'imageName'] !== undefined);
    const shape = { source, ...(this.reuse === 'name' && live?.name ? { name: live.name } : {}), ...(this.reuse === 'imageName' && live?.imageName ? { imageName: live.imageName } : {}) };
    await sequenceCreate(model, real, createCall(real.world.context.contract, real.world.config, shape));
  }
  toString(): string {
    return `createOnFreeSource(${this.reuse})`;
  }
}
