import fc from 'fast-check';
import type { Answered } from '../runner/send-case.ts';
import { uniqueToken } from '../adapters/index.ts';
import { ConcurrentRetry } from './commands/concurrent-retry.ts';
import { CreateOnFreeSource } from './commands/create-on-free-source.ts';
import { Create } from './commands/create.ts';
import { Delete } from './commands/delete.ts';
import { Retry } from './commands/retry.ts';
import { SequenceMismatch, sequenceSite, type Real, type SequenceWorld } from './commands/world.ts';
import { callFinding, type StatefulContext } from './context.ts';
import { familyOf } from './ledger.ts';
import { emptyModel } from './smc-model.ts';
import { cleanUpTrail, mismatchFamily, newTrail, smcConfig } from './smc-steps.ts';
import { familySeed } from '../runner/plan.ts';

/** Options of the random sequences. */
export interface SequenceOptions {
  /** The chunks of sequences to run, by index: each chunk has a seed of its own, so shards can share them. @default the first ten */
  readonly chunks?: readonly number[];
  /** Call sequences per chunk. @default 10 */
  readonly runs?: number;
  /** Calls per sequence at most. @default 12 */
  readonly maxCommands?: number;
}

/**
 * The world of one run: fixtures, one note of the documents' silence per chunk of sequences (`note.taken` is cleared as each chunk starts, so a run
 * spread over shards notes as often as one on a single machine).
 */
function worldOf(context: StatefulContext, note: { taken: boolean }): SequenceWorld {
  const config = smcConfig(context);
  return {
    context,
    config,
    sources: config.fixtures.sources,
    vpcs: config.fixtures.vpcs ?? [],
    undocumented: (real, rule) => {
      // Reusing a deleted job's Name or ImageName, or its quota slot, is only left untested: nothing to note.
      if (note.taken || rule !== 'client-token-idempotency') return;
      note.taken = true;
      const last = real.trail.calls.at(-1);
      const answer = last?.answer;
      context.ledger.finding(
        callFinding(
          context,
          {
            check: 'idempotency',
            code: 'token_reused_with_other_request',
            severity: 'info',
            family: familyOf('client-token-idempotency'),
            caseId: real.trail.caseId,
            message: `A used ClientToken with a different request (or after its job was deleted) got ${answer?.status ?? 'no answer'} ${answer?.code ?? ''}; the documents do not say what it should get.`.replace(/ ;/, ';'),
            received: { status: answer?.status, code: answer?.code },
          },
          real.trail.calls,
        ),
      );
    },
  };
}

/** The names in each sequence's pools of job and image names (two: collisions likely; a pick past them sends none). */
const poolNames = ['A', 'B'] as const;

/**
 * Runs model-based call sequences (creates, retries, concurrent retries, deletes) against an SMC
 * target. Each call is held to the model; a mismatch fails the sequence, which fast-check shrinks to
 * a minimal one, reported with every call. A call without an answer, or with a 5xx, is a finding of
 * its own and ends its sequence (what the target holds is unknown from there) without failing it.
 * What each sequence created is deleted after it through the run's cleaner; a failed delete is a
 * finding and stops the sequences (later ones would meet jobs their model does not know).
 */
export async function runSequences(context: StatefulContext, options: SequenceOptions = {}): Promise<{ sequences: number }> {
  const note = { taken: false };
  const world = worldOf(context, note);
  let sequences = 0;
  /** The calls of the last failing sequence: fast-check's counterexample is the last one that failed. */
  let lastFailure: { mismatch: SequenceMismatch; calls: Answered[] } | undefined;

  const commands = fc.commands(
    [
      fc
        // Mostly calls that should succeed, so that sequences reach states worth testing (quota, names in use).
        .record({
          source: fc.nat(world.sources.length - 1),
          name: fc.nat(poolNames.length + 1),
          image: fc.nat(poolNames.length + 1),
          token: fc.nat(3),
          disk: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 4 }, { arbitrary: fc.constant('existing' as const), weight: 2 }, { arbitrary: fc.constant('missing' as const), weight: 1 }),
          net: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 4 }, { arbitrary: fc.constant('match' as const), weight: 2 }, { arbitrary: fc.constant('mismatch' as const), weight: 1 }),
        })
        .map((choice) => new Create(choice)),
      fc.nat(20).map((pick) => new Delete(pick)),
      fc.constant(new Retry()),
      fc.constant(new ConcurrentRetry()),
      fc.constantFrom('nothing' as const, 'name' as const, 'imageName' as const).map((reuse) => new CreateOnFreeSource(world, reuse)),
    ],
    // Long sequences: the interesting states (quota reached, a name taken) need several calls.
    { maxCommands: options.maxCommands ?? 12, size: 'max' },
  );

  let chunk = 0;
  const property = fc.asyncProperty(commands, async (cmds) => {
    if (context.halted()) return;
    sequences += 1;
    const mark = uniqueToken(12).replace(/[^A-Za-z0-9-]/g, '');
    const real: Real = { world, trail: newTrail(`${context.api}#sequence-${chunk}.${sequences}`), tokens: [uniqueToken(24), uniqueToken(24)], names: poolNames.map((n) => `seqJob${n}-${mark}`), imageNames: poolNames.map((n) => `seqImage${n}-${mark}`) };
    try {
      await fc.asyncModelRun(() => ({ model: emptyModel(), real }), cmds);
    } catch (error) {
      if (error instanceof SequenceMismatch) lastFailure = { mismatch: error, calls: [...real.trail.calls] };
      throw error;
    } finally {
      await cleanUpTrail(context, real.trail, sequenceSite.home);
    }
  });
  for (chunk of options.chunks ?? Array.from({ length: 10 }, (_, i) => i)) {
    if (context.halted()) break;
    note.taken = false;
    // Each chunk its own seed: the same chunks give the same sequences on one machine or spread over shards.
    const seed = familySeed(context.seed, `sequences/${chunk}`);
    const result = await fc.check(property, { seed, numRuns: options.runs ?? 10 });
    if (!result.failed) continue;
    if (!(result.errorInstance instanceof SequenceMismatch)) throw result.errorInstance;
    const failure = lastFailure?.mismatch === result.errorInstance ? lastFailure : { mismatch: result.errorInstance, calls: [] };
    const { mismatch } = failure.mismatch;
    context.ledger.finding(
      callFinding(
        context,
        {
          check: sequenceSite.check,
          code: 'model_mismatch',
          severity: mismatch.severity,
          family: mismatchFamily(mismatch),
          caseId: `${context.api}#sequence-${chunk}`,
          message: `${mismatch.message} Minimal sequence: ${failure.calls.length} call(s) (shrunk by fast-check, chunk ${chunk} of the run's seed ${context.seed}: fast-check seed ${seed}, path ${result.counterexamplePath ?? ''}).`,
          documented: mismatch.documented,
          received: mismatch.received,
        },
        failure.calls,
        true,
      ),
    );
  }
  return { sequences };
}
