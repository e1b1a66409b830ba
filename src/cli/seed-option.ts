import { UsageError } from '../errors/index.ts';
import type { OptionSpec } from './command.ts';

/** The `--seed` option: fast-check's seed, printed on every run so any output can be replayed. */
export const seedOption: OptionSpec = { type: 'string', valueType: 'integer', value: '<n>', description: 'Seed of the generators (default: random, printed on stderr)' };

/** The seed `--seed` asks for, or a fresh random one. */
export function seedFrom(value: unknown, command: string): number {
  if (value === undefined) return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(seed)) throw new UsageError(`${command}: --seed needs an integer, not ${JSON.stringify(value)}`);
  return seed;
}

/** Reads a non-negative integer option. */
export function countFrom(value: unknown, name: string, command: string, fallback: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(count) || count < 0) throw new UsageError(`${command}: --${name} needs a non-negative integer, not ${JSON.stringify(value)}`);
  return count;
}
