import { UsageError } from '../errors/index.ts';
import type { OptionSpec } from './command.ts';

/** `--reading <contradiction>=<reading>`: the embedded emulator follows that reading (repeatable). */
export const readingOption: OptionSpec = {
  type: 'string',
  multiple: true,
  value: '<contradiction>=<reading>',
  description: "Follow this reading where the documents contradict themselves (repeatable; see 'list' for the contradictions and their readings)",
};

/** The readings given with --reading, by contradiction. */
export function readingsFrom(values: unknown, command: string): Map<string, string> {
  const readings = new Map<string, string>();
  for (const value of (values as string[] | undefined) ?? []) {
    const match = /^([a-z][a-z0-9-]*)=([a-z][a-z0-9-]*)$/.exec(value);
    if (!match) throw new UsageError(`${command}: --reading takes <contradiction>=<reading>, e.g. name-allowed-characters=open; got "${value}"`);
    readings.set(match[1] as string, match[2] as string);
  }
  return readings;
}
