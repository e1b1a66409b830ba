import { systemClock, fixedClock, type Clock } from '../keywords/clock.ts';
import { UsageError } from '../errors/index.ts';
import type { OptionSpec } from './command.ts';

/** The `--now` option: the instant date windows are measured from, for reproducible output. */
export const nowOption: OptionSpec = { type: 'string', value: '<time>', description: 'Check date windows against this ISO 8601 time instead of the clock' };

/** The clock `--now` asks for, or the system clock. */
export function clockFrom(value: unknown, command: string): Clock {
  if (value === undefined) return systemClock;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new UsageError(`${command}: --now needs an ISO 8601 time, e.g. 2026-01-01T00:00:00Z`);
  return fixedClock(value);
}
