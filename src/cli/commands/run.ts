import path from 'node:path';
import { isFaultName } from '../../../emulator/faults.ts';
import { writeReports } from '../../../reports/index.ts';
import { adapterOf } from '../../adapters/index.ts';
import { apiIds, editionOf, isApiId, type ApiId } from '../../contract/apis.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { loadProfile } from '../../profile/load-profile.ts';
import { assembleResult } from '../../runner/assemble-result.ts';
import { startEmbeddedTargets } from '../embedded-targets.ts';
import { preflight } from '../../runner/preflight.ts';
import type { RunOptions } from '../../runner/run-options.ts';
import type { Shard } from '../../runner/shard.ts';
import { runSuites } from '../../../suites/run-suites.ts';
import { apisOfProfile, targetFor, withEnvironmentCredentials, type Target } from '../../runner/target.ts';
import type { Command, ParsedArguments } from '../command.ts';
import { readingOption, readingsFrom } from '../reading-option.ts';
import { exitCodeOf, verdictLines } from '../verdict-lines.ts';
import { countFrom, seedFrom, seedOption } from '../seed-option.ts';
import { createProgressDisplay } from '../../../suites/progress.ts';
import { dryRun } from './dry-run.ts';
import { defaultKeptPerKind } from '../../checks/finding-log.ts';

/** Secrets of the targets, scrubbed from every finding. */
function secretsOf(targets: Partial<Record<ApiId, Target>>): string[] {
  return [...new Set(Object.values(targets).flatMap((t) => (t ? adapterOf(t).secretsOf(t) : [])))];
}

/** Starts the embedded emulator; a reading it does not know is a usage error. */
async function startEmbedded(faults: readonly string[], quota: number | undefined, readings: ReadonlyMap<string, string>) {
  try {
    return await startEmbeddedTargets(undefined, { faults, ...(quota !== undefined ? { quota } : {}), readings });
  } catch (error) {
    throw new UsageError(`run: ${(error as Error).message.replace(/^createEmulator: /, '')}`);
  }
}

/** The shard `--shard i/n` names: every shard runs every API, each its deterministic share of the cases and call sequences. */
function shardFrom(shard: unknown): Shard | undefined {
  if (shard === undefined) return undefined;
  const match = typeof shard === 'string' ? /^([1-9]\d*)\/([1-9]\d*)$/.exec(shard) : null;
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || index > count) throw new UsageError(`run: --shard takes i/n with 1 <= i <= n, e.g. 2/4; got ${JSON.stringify(shard)}`);
  return { index, count };
}

function apisFrom(values: ParsedArguments['values'], available: readonly ApiId[]): ApiId[] {
  const asked = (values['api'] as string[] | undefined) ?? [];
  for (const id of asked) if (!isApiId(id)) throw new UsageError(`run: unknown API id "${id}"; one of ${apiIds.join(', ')}`);
  return asked.length > 0 ? (asked as ApiId[]) : [...available];
}

/** `run`: the conformance run, as a vitest run of the suites, writing the four reports. */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run the conformance suites against a target profile (default: the embedded emulator) and write reports',
  usage: 'migration-conformance run [--profile F] [--api <id>...] [--seed S] [--budget N] [--concurrency N] [--strict] [--min-coverage P] [--report-dir D]',
  allowPositionals: false,
  options: {
    profile: { type: 'string', valueType: 'path', value: '<file>', description: 'Target profile (default: start the embedded emulator on loopback)' },
    api: { type: 'string', multiple: true, value: '<id>', description: "APIs to run (repeatable; default: every API the profile's targets cover)" },
    seed: seedOption,
    budget: { type: 'string', valueType: 'count', value: '<n>', description: 'Cases to send per API: more than the quick default plan grows it (more violations per rule, valid requests, call sequences), fewer trims each rule to its first cases' },
    concurrency: { type: 'string', valueType: 'count', value: '<n>', description: 'Requests in flight per API (default 4)' },
    rate: { type: 'string', valueType: 'count', value: '<n>', description: 'Requests per second per API at most' },
    timeout: { type: 'string', valueType: 'count', value: '<ms>', description: 'Per-request timeout in milliseconds (default 10000)' },
    deadline: { type: 'string', valueType: 'count', value: '<s>', description: 'Start no case after this many seconds' },
    valid: { type: 'string', valueType: 'count', value: '<n>', description: 'Random valid requests per API (default 20)' },
    'per-rule': { type: 'string', valueType: 'count', value: '<k>', description: 'Violation cases per rule (default 3)' },
    rule: { type: 'string', short: 't', value: '<pattern>', description: 'Only rules whose name matches (a vitest -t pattern)' },
    shard: { type: 'string', value: '<i/n>', description: 'Send shard i of n of the cases of every API, a balanced deterministic share (merge the shards with merge-reports)' },
    strict: { type: 'boolean', description: 'Drift findings (undocumented codes) fail the run too' },
    'min-coverage': { type: 'string', valueType: 'count', value: '<percent>', description: 'Pass with this share of the testable rules tested conclusively (default 100)' },
    'allow-create': { type: 'boolean', description: 'Send cases that create resources to an endpoint outside loopback (they are deleted after)' },
    'dry-run': { type: 'boolean', description: 'Print the cases and their wire form; send nothing' },
    'report-dir': { type: 'string', valueType: 'path', value: '<dir>', description: 'Where the reports go (default out/reports)' },
    'keep-findings': { type: 'string', valueType: 'count', value: '<n>', description: 'Findings kept whole (request, answer, curl) per kind: API, rule, check, code and severity; every finding is counted (default 10)' },
    fault: { type: 'string', multiple: true, value: '<name>', description: 'Give the embedded emulator a deliberate fault, to watch the suite catch it (repeatable; see serve --list-faults)' },
    quota: { type: 'string', valueType: 'count', value: '<n>', description: "The embedded emulator's job quota (default: each edition's documented one); a small one lets call sequences reach it" },
    reading: { ...readingOption, description: `The embedded emulator follows this reading where the documents contradict themselves (repeatable; see 'list')` },
  },
  run: async ({ values }, io) => {
    const seed = seedFrom(values['seed'], 'run');
    const startedAt = new Date();
    const profilePath = values['profile'] as string | undefined;
    const faultNames = (values['fault'] as string[] | undefined) ?? [];
    const unknownFault = faultNames.find((f) => !isFaultName(f));
    if (unknownFault) throw new UsageError(`run: unknown fault "${unknownFault}"; see 'migration-conformance serve --list-faults'`);
    if (faultNames.length > 0 && profilePath !== undefined) throw new UsageError('run: --fault applies to the embedded emulator only, not to a --profile target');
    if (values['quota'] !== undefined && profilePath !== undefined) throw new UsageError("run: --quota applies to the embedded emulator only; a profile's quota is in the profile");
    const readings = readingsFrom(values['reading'], 'run');
    if (readings.size > 0 && profilePath !== undefined) throw new UsageError('run: --reading applies to the embedded emulator only; a --profile target follows its own readings');
    const minCoverage = countFrom(values['min-coverage'], 'min-coverage', 'run', 100);
    if (minCoverage > 100) throw new UsageError('run: --min-coverage is a percentage, 0 to 100');
    const quota = values['quota'] === undefined ? undefined : Math.max(1, countFrom(values['quota'], 'quota', 'run', 1));
    const embedded = profilePath === undefined && !values['dry-run'] ? await startEmbedded(faultNames, quota, readings) : undefined;
    try {
      const fromProfile = embedded ? undefined : loadProfile(profilePath);
      const available = fromProfile ? apisOfProfile(fromProfile) : (embedded?.apis ?? []);
      const apis = apisFrom(values, available);
      const shard = shardFrom(values['shard']);
      const targetOf = (api: ApiId): Target | undefined => (fromProfile ? withEnvironmentCredentials(targetFor(fromProfile, api)) : embedded?.targets[api]);
      const targets: Partial<Record<ApiId, Target>> = Object.fromEntries(apis.map((api) => [api, targetOf(api)]));
      const options: RunOptions = {
        targets,
        seed,
        strict: values['strict'] === true,
        allowCreate: values['allow-create'] === true,
        secrets: secretsOf(targets),
        plan: { valid: countFrom(values['valid'], 'valid', 'run', 20), perRule: countFrom(values['per-rule'], 'per-rule', 'run', 3) },
        concurrency: Math.max(1, countFrom(values['concurrency'], 'concurrency', 'run', 4)),
        ...(values['rate'] !== undefined ? { rate: countFrom(values['rate'], 'rate', 'run', 0) } : {}),
        ...(values['timeout'] !== undefined ? { timeoutMs: countFrom(values['timeout'], 'timeout', 'run', 10_000) } : {}),
        ...(values['budget'] !== undefined ? { budget: countFrom(values['budget'], 'budget', 'run', 0) } : {}),
        ...(values['keep-findings'] !== undefined ? { keptPerKind: countFrom(values['keep-findings'], 'keep-findings', 'run', defaultKeptPerKind) } : {}),
        ...(shard ? { shard } : {}),
        ...(values['deadline'] !== undefined ? { deadline: startedAt.getTime() + 1000 * countFrom(values['deadline'], 'deadline', 'run', 0) } : {}),
      };
      if (values['dry-run']) return dryRun(options, io);
      for (const api of apis) await preflight(api, targets[api] as Target, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
      io.stderr.write(`seed ${seed}; ${apis.length} API${apis.length === 1 ? '' : 's'}: ${apis.join(', ')}${embedded ? ' (embedded emulator)' : ''}\n`);
      const display = createProgressDisplay((text) => io.stderr.write(text), (io.stderr as NodeJS.WriteStream).isTTY === true);
      // The first Ctrl-C lets the suites finish the cases in flight and delete what they created; a second one quits.
      let interrupted = false;
      let presses = 0;
      const onInterrupt = (signal: NodeJS.Signals) => {
        if (signal === 'SIGINT' && ++presses > 1) process.exit(130);
        if (interrupted) return;
        interrupted = true;
        display.end();
        io.stderr.write('interrupted: finishing the cases in flight and deleting what they created (Ctrl-C again to quit now)\n');
      };
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', onInterrupt);
      const { shares, errors } = await runSuites(options, {
        ...(values['rule'] ? { testNamePattern: String(values['rule']) } : {}),
        log: (line) => {
          display.end();
          io.stderr.write(`${line}\n`);
        },
        progress: display.update,
      });
      display.end();
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
      const rerun = ['migration-conformance run', ...(profilePath ? [`--profile ${profilePath}`] : []), ...apis.map((a) => `--api ${a}`), `--seed ${seed}`, ...(options.budget !== undefined ? [`--budget ${options.budget}`] : []), ...(options.keptPerKind !== undefined ? [`--keep-findings ${options.keptPerKind}`] : []), ...(shard ? [`--shard ${shard.index}/${shard.count}`] : []), ...(options.strict ? ['--strict'] : []), ...[...readings].map(([c, r]) => `--reading ${c}=${r}`), ...(minCoverage < 100 ? [`--min-coverage ${minCoverage}`] : [])].join(' ');
      const result = assembleResult(shares, {
        seed,
        strict: options.strict,
        startedAt,
        targets: apis.map((api) => ({ api, endpoint: targets[api]!.config.endpoint, ...(editionOf(api) ? { edition: editionOf(api) as string } : {}) })),
        rerun,
        minCoverage,
        ...(options.keptPerKind !== undefined ? { keptPerKind: options.keptPerKind } : {}),
        ...(interrupted ? { interrupted: 'interrupted (Ctrl-C) before every case was sent' } : errors.length > 0 ? { interrupted: `a suite could not run: ${errors.join('; ')}` } : {}),
      });
      const dir = path.resolve((values['report-dir'] as string | undefined) ?? path.join('out', 'reports'));
      const written = await writeReports(result, dir);
      io.stdout.write(verdictLines(result, written));
      return exitCodeOf(result.verdict);
    } finally {
      await embedded?.close();
    }
  },
};
