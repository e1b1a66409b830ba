import path from 'node:path';
import { UsageError } from '../errors/index.ts';
import { findConfigFile, loadConfigFile, type LoadedConfig } from './config-file.ts';
import type { ConfigurableCommand, OptionTyping, OptionValues } from './option-typing.ts';

/** The command line without `--config FILE` (or `--config=FILE`), and that file. */
export function takeConfigFlag(argv: readonly string[]): { readonly configFile?: string; readonly rest: string[] } {
  const rest: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--config=')) files.push(arg.slice('--config='.length));
    else if (arg === '--config') {
      const file = argv[++i];
      if (file === undefined || file.startsWith('-')) throw new UsageError('--config needs a file: --config <file>');
      files.push(file);
    } else rest.push(arg);
  }
  if (files.length > 1) throw new UsageError(`--config is given ${files.length} times; name one file`);
  return files[0] === undefined ? { rest } : { configFile: files[0], rest };
}

/** The configuration `--config` names (it must exist), else the one in `cwd`, if any. */
export async function loadConfig(configFile: string | undefined, cwd: string): Promise<LoadedConfig | undefined> {
  const file = configFile ?? findConfigFile(cwd);
  return file === undefined ? undefined : loadConfigFile(file, cwd);
}

/** A configured value as parseArgs would give the flag: numbers as their text, paths resolved against the file's folder. */
function asFlagValue(value: unknown, option: OptionTyping, configDir: string): string | boolean {
  if (typeof value === 'boolean') return value;
  return option.valueType === 'path' ? path.resolve(configDir, String(value)) : String(value);
}

/**
 * The option values of one command: its flags over its section of the configuration, over the
 * configuration's shared (top-level) options that the command has. A repeatable flag replaces the
 * configured list; `--no-<switch>` turns off a configured switch.
 */
export function mergeConfig(command: ConfigurableCommand, flags: OptionValues, loaded: LoadedConfig | undefined): OptionValues {
  if (!loaded) return flags;
  // checkConfig has made sure of the shape: sections are objects of their command's flags.
  const top = loaded.config as Record<string, unknown>;
  const section = (top[command.name] ?? {}) as Record<string, unknown>;
  const configDir = path.dirname(loaded.file);
  const configured: OptionValues = {};
  for (const [name, option] of Object.entries(command.options)) {
    // An option value is never an object: a top-level object of that name is another command's section.
    const shared = typeof top[name] === 'object' && !Array.isArray(top[name]) ? undefined : top[name];
    const value = section[name] ?? shared;
    if (value === undefined) continue;
    configured[name] = Array.isArray(value) ? value.map((v: unknown) => asFlagValue(v, option, configDir)) : asFlagValue(value, option, configDir);
  }
  return { ...configured, ...flags };
}
