import type { ParseArgsConfig } from 'node:util';
import { configFileNamePattern, type OptionTyping, type OptionValues } from '../config/index.ts';

/** One CLI option: its parseArgs type, how a configuration file types it, plus the words `--help` shows. */
export interface OptionSpec extends OptionTyping {
  readonly short?: string;
  readonly description: string;
  /** What the value looks like in help, e.g. `<file>`. */
  readonly value?: string;
}

/** Parsed arguments as parseArgs returns them. */
export interface ParsedArguments {
  readonly values: Readonly<OptionValues>;
  readonly positionals: readonly string[];
}

/** Output streams, injectable for tests. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

/** A subcommand: options table, usage line and the function that runs it, returning the exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly allowPositionals: boolean;
  readonly run: (args: ParsedArguments, io: CommandIo) => Promise<number>;
}

/** The parseArgs options of a command. */
export function parseArgsOptions(command: Command): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/** The `--help` text of a command. */
export function formatHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${spec.description}`;
  });
  const switches = Object.values(command.options).some((spec) => spec.type === 'boolean') ? [`  ${'--no-<switch>'.padEnd(28)} Turn off a switch the configuration file turns on`] : [];
  const config = `  ${'--config <file>'.padEnd(28)} Read settings from this file (default: ${configFileNamePattern} here, if any)`;
  return `${command.summary}\n\nUsage: ${command.usage}\n\nOptions:\n${[...rows, ...switches, config].join('\n')}\n  ${'-h, --help'.padEnd(28)} Show this help\n`;
}
