#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { exitCodes, isConformanceError, UsageError } from '../errors/index.ts';
import { configFileNamePattern } from '../config/index.ts';
import { formatHelp, type CommandIo } from './command.ts';
import { parseCommandLine } from './command-line.ts';
import { commands } from './commands/index.ts';

function topLevelHelp(): string {
  const rows = [...commands.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `migration-conformance: contract and conformance tests for cloud migration-task APIs\n\nUsage: migration-conformance <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun 'migration-conformance <command> --help' for a command's options. Settings may also come from ${configFileNamePattern} in this folder (or --config <file>); flags override them.\nExit codes: 0 conforming or valid, 1 run failed or invalid, 2 usage, configuration or profile error, 3 target unreachable or refusing the credentials, 4 inconclusive.\n`;
}

/** Runs the CLI on `argv` (without the node and script paths) and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: CommandIo = process): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(topLevelHelp());
      return name === undefined ? exitCodes.usage : exitCodes.conforming;
    }
    const command = commands.get(name);
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${[...commands.keys()].join(', ')}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(formatHelp(command));
      return exitCodes.conforming;
    }
    return await command.run(await parseCommandLine(command, rest), io);
  } catch (error) {
    if (isConformanceError(error)) {
      io.stderr.write(`migration-conformance: ${error.message}\n`);
      if (error.exitCode === exitCodes.usage && error.code === 'CONFORMANCE_USAGE') io.stderr.write(`Run 'migration-conformance ${commands.has(name ?? '') ? `${name} ` : ''}--help' for usage.\n`);
      return error.exitCode;
    }
    // A fault of ours: say so plainly; the stack only on request.
    io.stderr.write(`migration-conformance: internal error: ${(error as Error).message ?? String(error)}\n`);
    if (process.env['DEBUG']) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 70;
  }
}

/** Lets `migration-conformance list | head` end quietly when the reader goes away. */
export function ignoreBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ignoreBrokenPipe();
  process.exitCode = await main(process.argv.slice(2));
}
