/**
 * Which reading of the documents an exported OpenAPI document follows, and its `x-readings`.
 *
 * By default the document states the request schema as written: the strictest reading, so a request
 * it accepts is valid under every reading (what a client can rely on). A chosen reading (`--reading
 * contradiction=reading`) patches the schema the way `validate`, `run` and `serve` do. A reading that
 * transforms requests instead of the schema (null read as absent) has no JSON Schema form and is refused.
 *
 * @module
 */

import type { Contract } from '../contract/load.ts';
import { readingWorld, type ReadingWorld } from '../contract/readings.ts';
import { UsageError } from '../errors/index.ts';

/** A contradiction as `x-readings` states it: the contract's words, and the readings the document follows. */
export interface ExportedContradiction {
  readonly id: string;
  readonly kind: string;
  readonly summary: string;
  /** The readings the document's schemas agree with: the chosen one, or those that change nothing in the schema as written. */
  readonly followed: readonly string[];
  readonly readings: Contract['document']['contradictions'][number]['readings'];
}

/** The request schema of the chosen readings, and every contradiction of the contract with the readings followed. */
export interface ExportedReadings {
  readonly world: ReadingWorld;
  readonly contradictions: readonly ExportedContradiction[];
}

/** Checks the chosen readings against the contract and applies them; a reading it does not have is a usage error. */
export function exportedReadings(contract: Contract, chosen: ReadonlyMap<string, string>): ExportedReadings {
  const contradictions = contract.document.contradictions;
  for (const [id, readingId] of chosen) {
    const reading = contradictions.find((c) => c.id === id)?.readings.find((r) => r.id === readingId);
    if (!reading) throw new UsageError(`${contract.id} has no reading ${id}=${readingId}; see 'list' for its contradictions and their readings`);
    if (reading.transform !== undefined) throw new UsageError(`${id}=${readingId} changes requests (${reading.transform}), not the schema: an OpenAPI document cannot state it`);
  }
  // Contradictions whose readings all leave the schema as it is are not reading choices of the contract.
  const changing = new Map([...chosen].filter(([id]) => contract.readings.some((c) => c.id === id)));
  const world = readingWorld({ schema: contract.requestSchema, rules: contract.rules }, contract.document.binding.style, contract.readings, changing);
  return {
    world,
    contradictions: contradictions.map((c) => ({
      id: c.id,
      kind: c.kind,
      summary: c.summary,
      followed: chosen.has(c.id) ? [chosen.get(c.id) as string] : c.readings.filter((r) => (r.patch ?? []).length === 0 && r.transform === undefined).map((r) => r.id),
      readings: c.readings,
    })),
  };
}
