import path from 'node:path';
import { documentedWords, observedWords } from '../../../reports/drift/bound-words.ts';
import { writeDriftReports } from '../../../reports/drift/index.ts';
import { adapterOf } from '../../adapters/index.ts';
import type { ApiId } from '../../contract/apis.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { probeApi } from '../../probe/probe-api.ts';
import type { BoundResult, ProbeResult } from '../../probe/probe-result.ts';
import { loadProfile } from '../../profile/load-profile.ts';
import { redactText } from '../../protocols/redact.ts';
import { preflight } from '../../runner/preflight.ts';
import { isLoopback, productTargetFor, withEnvironmentCredentials, type Target } from '../../runner/target.ts';
import { requireApi, apiOption } from '../api-option.ts';
import type { Command, CommandIo } from '../command.ts';
import { driftFrom, driftOption } from '../drift-option.ts';
import { startEmbeddedTargets, type EmbeddedTargets } from '../embedded-targets.ts';
import { countFrom, seedFrom, seedOption } from '../seed-option.ts';

/** Starts the embedded emulator with its bounds moved as asked; a bound it does not have is a usage error. */
async function startEmbedded(drift: ReadonlyMap<string, number>): Promise<EmbeddedTargets> {
  try {
    return await startEmbeddedTargets(undefined, { drift });
  } catch (error) {
    throw new UsageError(`probe: ${(error as Error).message.replace(/^createEmulator: /, '')}`);
  }
}

/** One line per rule probed: verdict, rule, documented and observed (a bound's numbers; a value set's counts), requests, and why unless it matches. */
function boundLine(bound: BoundResult, api: string): string {
  const numbers = `documented ${documentedWords(bound, api)}, observed ${observedWords(bound)}`;
  return `  ${bound.verdict.toUpperCase().padEnd(12)} ${bound.rule.padEnd(38)} ${numbers}, ${bound.requests} requests${bound.verdict === 'matches' ? '' : `: ${bound.why}`}`;
}

/** The console's summary: every bound, the editions' scores, the closest edition, what was left behind, the reports. */
function summaryLines(result: ProbeResult, written: readonly string[]): string {
  const count = (verdict: BoundResult['verdict']) => result.bounds.filter((b) => b.verdict === verdict).length;
  return [
    `${result.api} at ${result.target}: ${count('matches')} rules match the documents, ${count('drift')} drifted, ${count('inconclusive')} inconclusive (${result.requests} requests, ${result.cleanupCalls} cleanup calls)`,
    ...result.bounds.map((bound) => boundLine(bound, result.api)),
    'editions (rules whose every answer the edition predicts / does not):',
    ...result.editions.map((e) => `  ${e.api.padEnd(44)} agree ${e.agree}, disagree ${e.disagree}`),
    `closest edition: ${result.closest ?? 'none stands out'}`,
    ...(result.stopped ? [`stopped: ${result.stopped}`] : []),
    ...result.leftBehind.map((l) => `  left on the target, delete by hand: ${l.id ?? 'an unnamed resource'} (${l.rule}: ${l.why})`),
    ...(written.length > 0 ? ['Reports:', ...written.map((file) => `  ${file}`)] : []),
  ].join('\n') + '\n';
}

/** The exit code: 1 when asked to fail on drift and a bound drifted, 4 when some bound is inconclusive, else 0. */
function exitCodeOf(result: ProbeResult, failOnDrift: boolean): number {
  if (failOnDrift && result.bounds.some((b) => b.verdict === 'drift')) return exitCodes.runFailed;
  return result.bounds.some((b) => b.verdict === 'inconclusive') || result.stopped ? exitCodes.inconclusive : exitCodes.conforming;
}

/** Runs `work` with Ctrl-C wired to an abort signal: the first press stops new requests (what is in flight is finished and cleaned up), the second quits. */
async function withInterrupt<T>(io: CommandIo, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let presses = 0;
  const onInterrupt = () => {
    if (++presses > 1) process.exit(130);
    controller.abort();
    io.stderr.write('interrupted: finishing the requests in flight and deleting what they created (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

/** `probe`: infers, rule by rule, the ranges, lengths and counts an endpoint really enforces, and the edition of the documents it follows. */
export const probeCommand: Command = {
  name: 'probe',
  summary: 'Infer what an endpoint really enforces (ranges, lengths, counts, listed values, presence, characters) and the doc edition it follows',
  usage: 'migration-conformance probe --api <id> [--profile F] [--rule R...] [--budget N] [--per-bound N] [--allow-create] [--report-dir D] [--json] [--fail-on drift]',
  allowPositionals: false,
  options: {
    api: { ...apiOption, description: `${apiOption.description} (its contract builds the requests; the target may follow any edition)` },
    profile: { type: 'string', valueType: 'path', value: '<file>', description: 'Target profile (default: the embedded emulator on loopback)' },
    rule: { type: 'string', multiple: true, value: '<id>', description: 'Probe only this rule (repeatable; default: every range, length, count, listed-values, presence and character rule)' },
    seed: seedOption,
    budget: { type: 'string', valueType: 'count', value: '<n>', description: 'Requests of the operation in all, at most' },
    'per-bound': { type: 'string', valueType: 'count', value: '<n>', description: 'Requests of the operation per bound, at most (default 40)' },
    concurrency: { type: 'string', valueType: 'count', value: '<n>', description: 'Bounds probed at once (default 2)' },
    rate: { type: 'string', valueType: 'count', value: '<n>', description: 'Requests per second at most' },
    timeout: { type: 'string', valueType: 'count', value: '<ms>', description: 'Per-request timeout in milliseconds (default 10000)' },
    'allow-create': { type: 'boolean', description: 'Probe an endpoint outside loopback: accepted probes create jobs (each deleted before the next)' },
    'report-dir': { type: 'string', valueType: 'path', value: '<dir>', description: 'Write drift.json, drift.md and drift.html there' },
    json: { type: 'boolean', description: 'Print the result as JSON: { api, target, bounds, editions, closest, … }' },
    'fail-on': { type: 'string', value: 'drift', description: 'Exit 1 when a bound drifted from the documents' },
    drift: { ...driftOption, description: `The embedded emulator's bounds moved away from the documents, to watch the probe find them: ${driftOption.description}` },
  },
  run: async ({ values }, io) => {
    const api: ApiId = requireApi(values['api'], 'probe');
    const seed = seedFrom(values['seed'], 'probe');
    const failOn = values['fail-on'];
    if (failOn !== undefined && failOn !== 'drift') throw new UsageError(`probe: --fail-on takes drift, not "${String(failOn)}"`);
    const profilePath = values['profile'] as string | undefined;
    const drift = driftFrom(values['drift'], 'probe');
    if (drift.size > 0 && profilePath !== undefined) throw new UsageError('probe: --drift moves the embedded emulator’s bounds; a --profile target has its own');
    const rules = values['rule'] as string[] | undefined;
    const numbers = {
      ...(values['budget'] !== undefined ? { budget: countFrom(values['budget'], 'budget', 'probe', 0) } : {}),
      perBound: Math.max(2, countFrom(values['per-bound'], 'per-bound', 'probe', 40)),
      concurrency: Math.max(1, countFrom(values['concurrency'], 'concurrency', 'probe', 2)),
      ...(values['rate'] !== undefined ? { rate: countFrom(values['rate'], 'rate', 'probe', 0) } : {}),
      ...(values['timeout'] !== undefined ? { timeoutMs: countFrom(values['timeout'], 'timeout', 'probe', 10_000) } : {}),
    };
    const embedded = profilePath === undefined ? await startEmbedded(drift) : undefined;
    try {
      const target: Target | undefined = embedded ? embedded.targets[api] : withEnvironmentCredentials(productTargetFor(loadProfile(profilePath), api));
      if (!target) throw new UsageError(`probe: the embedded emulator does not serve ${api}`);
      const endpoint = target.config.endpoint;
      if (!isLoopback(endpoint) && values['allow-create'] !== true) {
        throw new UsageError(`probe: an accepted probe creates a job; pass --allow-create to probe ${endpoint} (each job is deleted before the next request)`);
      }
      await preflight(api, target, numbers.timeoutMs ? { timeoutMs: numbers.timeoutMs } : {});
      io.stderr.write(`seed ${seed}; probing ${api} at ${endpoint}${embedded ? ' (embedded emulator)' : ''}\n`);
      const rerun = ['migration-conformance probe', `--api ${api}`, ...(profilePath ? [`--profile ${profilePath}`] : []), ...(rules ?? []).map((r) => `--rule ${r}`), `--seed ${seed}`, ...[...drift].map(([r, n]) => `--drift ${r}=${n}`)].join(' ');
      const result = await withInterrupt(io, (signal) =>
        probeApi({
          api,
          target,
          seed,
          ...(rules ? { rules } : {}),
          ...numbers,
          redact: (text) => redactText(text, adapterOf(target).secretsOf(target)),
          signal,
          rerun,
          onBound: (bound, done, total) => io.stderr.write(`[${done}/${total}] ${bound.rule}: ${bound.verdict} (${bound.requests} requests)\n`),
        }),
      );
      const written = values['report-dir'] ? await writeDriftReports(result, path.resolve(values['report-dir'] as string)) : [];
      io.stdout.write(values['json'] ? `${JSON.stringify(result, null, 2)}\n` : summaryLines(result, written));
      return exitCodeOf(result, failOn === 'drift');
    } finally {
      await embedded?.close();
    }
  },
};
