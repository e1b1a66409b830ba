import { parseArgs } from 'node:util';
import { loadConfig, mergeConfig, takeConfigFlag } from '../config/index.ts';
import { UsageError } from '../errors/index.ts';
import { parseArgsOptions, type Command, type ParsedArguments } from './command.ts';

/**
 * A command's arguments: its flags (checked strictly), over the configuration file `--config` names
 * or the one in `cwd`. A bad flag is a UsageError, a bad configuration a ConfigError (both exit 2).
 */
export async function parseCommandLine(command: Command, argv: readonly string[], cwd: string = process.cwd()): Promise<ParsedArguments> {
  const { configFile, rest } = takeConfigFlag(argv);
  let flags: ParsedArguments;
  try {
    // allowNegative: `--no-strict` overrides `strict: true` in the file.
    flags = parseArgs({ args: rest, options: parseArgsOptions(command), allowPositionals: command.allowPositionals, strict: true, allowNegative: true });
  } catch (cause) {
    throw new UsageError(`${command.name}: ${(cause as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '')}`);
  }
  return { values: mergeConfig(command, flags.values, await loadConfig(configFile, cwd)), positionals: flags.positionals };
}
