import { UsageError } from '../errors/index.ts';
import type { OptionSpec } from './command.ts';

/** `--drift <rule>=<n>`: the emulator moves that range, length or count rule's bound to n (repeatable). */
export const driftOption: OptionSpec = {
  type: 'string',
  multiple: true,
  value: '<rule>=<n>',
  description: 'Move the bound of a range, length or count rule away from the documents, e.g. SystemDiskSize.maximum=4096, or a time window edge to a duration in seconds, e.g. ValidTime.timeWindow.notAfter=8640000 (repeatable)',
};

/** The bounds given with --drift, by rule id. */
export function driftFrom(values: unknown, command: string): Map<string, number> {
  const drift = new Map<string, number>();
  for (const value of (values as string[] | undefined) ?? []) {
    const match = /^([^=\s]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`${command}: --drift takes <rule>=<n>, e.g. SystemDiskSize.maximum=4096; got "${value}"`);
    const [, rule, bound] = match as unknown as [string, string, string];
    const n = Number(bound);
    if (!/^-?\d+$/.test(bound) || !Number.isSafeInteger(n)) throw new UsageError(`${command}: --drift ${rule} needs an integer, not "${bound}"`);
    // Two bounds for one rule is a typo, not a choice: neither is taken.
    if (drift.has(rule)) throw new UsageError(`${command}: --drift ${rule} is given twice`);
    drift.set(rule, n);
  }
  return drift;
}
