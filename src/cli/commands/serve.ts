import { createEmulator, faults, isFaultName, startEmulatorServer } from '../../../emulator/index.ts';
import { apiIds, editionOf } from '../../contract/apis.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { loadProfile } from '../../profile/load-profile.ts';
import type { Command } from '../command.ts';
import { driftFrom, driftOption } from '../drift-option.ts';
import { readingOption, readingsFrom } from '../reading-option.ts';
import { countFrom } from '../seed-option.ts';

/** `serve`: the reference emulator on 127.0.0.1 until Ctrl-C: every operation of schemas/ (one per route), each on its binding's path, on one port. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the reference emulator (every operation of schemas/) on 127.0.0.1',
  usage: 'migration-conformance serve [--profile F] [--port P] [--edition E] [--quota N] [--reading C=R...] [--drift RULE=N...] [--fault NAME...] [--list-faults]',
  allowPositionals: false,
  options: {
    profile: { type: 'string', valueType: 'path', value: '<file>', description: 'Fixtures and credentials (default profiles/default.json)' },
    port: { type: 'string', valueType: 'count', value: '<port>', description: 'Port on 127.0.0.1 (default: any free one)' },
    edition: { type: 'string', value: '<edition>', description: "Where operations share a route, serve the one of this doc edition (default: the profile target's, else current)" },
    quota: { type: 'string', valueType: 'count', value: '<n>', description: "The limit of every stateful rule with one, such as job-quota (default: the profile's for its own edition, else the contract's)" },
    reading: readingOption,
    drift: driftOption,
    fault: { type: 'string', multiple: true, value: '<name>', description: 'A deliberate deviation from the docs (repeatable)' },
    'list-faults': { type: 'boolean', description: 'List the faults and exit' },
  },
  run: async ({ values }, io) => {
    if (values['list-faults']) {
      for (const fault of faults) io.stdout.write(`${fault.name.padEnd(28)} ${fault.hook.padEnd(18)} ${fault.description}\n`);
      return exitCodes.conforming;
    }
    const edition = values['edition'] as string | undefined;
    const editions = [...new Set(apiIds.flatMap((api) => editionOf(api) ?? []))];
    if (edition !== undefined && !editions.includes(edition)) throw new UsageError(`serve: --edition is one of ${editions.join(', ')}`);
    const chosen = (values['fault'] as string[] | undefined) ?? [];
    const unknown = chosen.find((f) => !isFaultName(f));
    if (unknown) throw new UsageError(`serve: unknown fault "${unknown}"; see --list-faults`);
    const port = countFrom(values['port'], 'port', 'serve', 0);
    if (port > 65535) throw new UsageError('serve: --port must be at most 65535');
    const readings = readingsFrom(values['reading'], 'serve');
    const drift = driftFrom(values['drift'], 'serve');
    const profile = loadProfile(values['profile'] as string | undefined);
    let emulator: ReturnType<typeof createEmulator>;
    try {
      emulator = createEmulator({
        profile,
        ...(edition ? { edition } : {}),
        ...(values['quota'] !== undefined ? { quota: countFrom(values['quota'], 'quota', 'serve', 1) } : {}),
        faults: chosen,
        readings,
        drift,
      });
    } catch (error) {
      throw new UsageError(`serve: ${(error as Error).message.replace(/^createEmulator: /, '')}`);
    }
    const server = await startEmulatorServer(emulator, port).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`serve: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`);
    });
    io.stdout.write(`${server.url}\n`);
    const moved = [...drift].map(([rule, n]) => `${rule}=${n}`).join(', ');
    io.stderr.write(`emulator listening on ${server.url}, serving ${emulator.apis.join(', ')}${moved ? `; bounds moved from the documents: ${moved}` : ''}; Ctrl-C stops it\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return exitCodes.conforming;
  },
};
