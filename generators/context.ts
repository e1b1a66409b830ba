import { systemClock, type Clock } from '../src/keywords/clock.ts';
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

/** The generation context of a contract's wire style. */
export function createGenerationContext(style: WireStyle, options: GenerationOptions = {}): GenerationContext {
  const marginMs = options.marginMs ?? defaultMarginMs;
  if (!Number.isFinite(marginMs) || marginMs < 0) throw new Error(`createGenerationContext: marginMs must be a non-negative number, not ${marginMs}`);
  return { clock: options.clock ?? systemClock, marginMs, style };
}

export type { GenerationContext } from '../src/keywords/keyword.ts';
