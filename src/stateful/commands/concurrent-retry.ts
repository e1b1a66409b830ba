import type fc from 'fast-check';
import type { SmcModel } from '../smc-model.ts';
import { createStep } from '../smc-steps.ts';
import { idle, sequenceSite, settle, type Real } from './world.ts';

/** Retries sent at once. */
const copies = 5;

/** Sends the sequence's last create five times at once: with a ClientToken, every answer names the one job. */
export class ConcurrentRetry implements fc.AsyncCommand<SmcModel, Real> {
  check = (): boolean => true;
  async run(model: SmcModel, real: Real): Promise<void> {
    const call = real.last;
    if (!call || call.token === undefined || idle(real)) return;
    const earlier = model.tokens.get(call.token);
    if (!earlier || !model.jobs.has(earlier.id) || earlier.request !== JSON.stringify(call.document)) return;
    // Each is predicted from the same model: a retry of a live job's request must get that job, created nothing.
    const outcomes = await Promise.all(Array.from({ length: copies }, () => createStep(real.world.context, model, real.trail, call, sequenceSite)));
    for (const outcome of outcomes) settle(outcome);
  }
  toString(): string {
    return 'concurrentRetry()';
  }
}
