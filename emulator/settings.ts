import type { Contract } from '../src/contract/load.ts';
import { movableRulesOf } from '../src/contract/moved-limits.ts';
import type { Clock } from '../src/keywords/clock.ts';
import type { FaultName } from './faults.ts';

/** How one emulator behaves beyond its state: its deliberate faults, its clock, and the readings it follows. */
export interface EmulatorSettings {
  readonly faults: ReadonlySet<FaultName>;
  readonly clock: Clock;
  /** Contradiction id → reading id; a contradiction not named is read the first way its contract lists. */
  readonly readings: ReadonlyMap<string, string>;
}

/** The readings a contract's validator follows: the chosen ones its contract has. */
export function readingsOf(contract: Contract, settings: EmulatorSettings): Map<string, string> {
  return new Map([...settings.readings].filter(([id]) => contract.readings.some((c) => c.id === id)));
}

/**
 * Checks chosen readings against the emulator's contracts: every contradiction must be one of theirs
 * and every reading one of its readings. Returns the problem in words, or undefined.
 */
export function checkReadings(contracts: readonly Contract[], readings: ReadonlyMap<string, string>): string | undefined {
  for (const [id, reading] of readings) {
    const known = contracts.flatMap((c) => c.readings.filter((r) => r.id === id));
    if (known.length === 0) return `no contradiction "${id}" with readings that change a rule; known: ${[...new Set(contracts.flatMap((c) => c.readings.map((r) => r.id)))].join(', ')}`;
    if (!known.some((c) => c.readings.some((r) => r.id === reading))) return `contradiction "${id}" has no reading "${reading}"; known: ${[...new Set(known.flatMap((c) => c.readings.map((r) => r.id)))].join(', ')}`;
  }
  return undefined;
}

/** The moves of `drift` (bounds by rule id) that are about one of the contract's range, length, count or time-window rules. */
export function movesOf(contract: Contract, drift: ReadonlyMap<string, number>): Map<string, number> {
  const limits = new Set(movableRulesOf(contract).map((rule) => rule.id));
  return new Map([...drift].filter(([id]) => limits.has(id)));
}

/** Checks moved bounds against the operations served: every rule must be a range, length, count or time-window rule of one of them. Returns the problem in words, or undefined. */
export function checkDrift(contracts: readonly Contract[], drift: ReadonlyMap<string, number>): string | undefined {
  const unknown = [...drift.keys()].find((id) => !contracts.some((c) => movesOf(c, drift).has(id)));
  if (unknown === undefined) return undefined;
  return `no served operation has a range, length, count or time-window rule "${unknown}"; known: ${[...new Set(contracts.flatMap((c) => movableRulesOf(c).map((r) => r.id)))].join(', ')}`;
}
