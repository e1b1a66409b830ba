import type fc from 'fast-check';
import type { SmcModel } from '../smc-model.ts';
import { idle, sequenceCreate, type Real } from './world.ts';

/** Sends the sequence's last create again, unchanged: with a ClientToken it must get the same job. */
export class Retry implements fc.AsyncCommand<SmcModel, Real> {
  check = (): boolean => true;
  async run(model: SmcModel, real: Real): Promise<void> {
    if (!real.last || idle(real)) return;
    await sequenceCreate(model, real, real.last);
  }
  toString(): string {
    return 'retry()';
  }
}
