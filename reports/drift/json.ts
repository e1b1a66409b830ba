import type { ProbeResult } from '../../src/probe/probe-result.ts';

/** drift.json: the whole probe result, pretty-printed (schemas/drift.schema.json). */
export function renderDriftJson(result: ProbeResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
