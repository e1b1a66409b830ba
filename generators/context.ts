import { fixedClock, systemClock, type Clock } from '../src/keywords/clock.ts';
import type { GenerationContext, WireStyle } from '../src/keywords/keyword.ts';

/** How far inside or outside a date window generated times stay by default: ten minutes. */
export const defaultMarginMs = 10 * 60 * 1000;

/** Options of generation; every field has a default. */
export interface GenerationOptions {
  /** The clock date windows are measured from. @default the system clock */
  readonly clock?: Clock;
  /** Safety margin for date windows, in milliseconds. @default 600000 */
  readonly marginMs?: number;
}

const hour = 60 * 60 * 1000;

/**
 * Times measured from the start of the current UTC hour with a two-hour margin: the same seed then
 * gives the same requests all hour, and every generated time stays on its side of its window (valid
 * or not) until the hour is over, whenever within it the request is sent.
 */
export function hourlyGeneration(now: Date = new Date()): Required<GenerationOptions> {
  return { clock: fixedClock(new Date(Math.floor(now.getTime() / hour) * hour)), marginMs: 2 * hour };
}

/** The generation context of a contract's wire style. */
export function createGenerationContext(style: WireStyle, options: GenerationOptions = {}): GenerationContext {
  const marginMs = options.marginMs ?? defaultMarginMs;
  if (!Number.isFinite(marginMs) || marginMs < 0) throw new Error(`createGenerationContext: marginMs must be a non-negative number, not ${marginMs}`);
  return { clock: options.clock ?? systemClock, marginMs, style };
}

export type { GenerationContext } from '../src/keywords/keyword.ts';
