import { startEmbeddedTargets } from '../src/cli/embedded-targets.ts';
import { apiIds, editionsOf } from '../src/contract/apis.ts';
import { probeApi } from '../src/probe/probe-api.ts';
import { probedBounds } from '../src/probe/bounds.ts';
import { loadContract } from '../src/contract/load.ts';

/** One row: how many requests the probe spent per bound on an emulator whose bounds are where `moved` says. */
export interface ProbeBenchRow {
  readonly api: string;
  readonly emulator: string;
  readonly bounds: number;
  readonly placed: number;
  readonly meanRequests: number;
  readonly maxRequests: number;
  readonly seconds: number;
}

/** The probed bounds of `api` that are ranges, lengths and counts (a time window's edges are placed only to within the clocks' tolerance). */
function rangeLengthAndCount(api: string) {
  return probedBounds(loadContract(api)).filter((b) => b.kind !== 'timeWindow');
}

/**
 * Each limit rule of `api` moved by `move` (documented bound → emulator's), where the moved bound still
 * constrains something (a lower length or count bound of 1 at least) and the fixtures can show it (data
 * disk indexes are capped by the sources' disks).
 */
function movedBounds(api: string, move: (limit: number, side: 'upper' | 'lower') => number | undefined): Map<string, number> {
  return new Map(
    rangeLengthAndCount(api).flatMap((b) => {
      const moved = move(b.plan.start, b.plan.side);
      const constrains = moved !== undefined && (b.of === 'value' || b.plan.side === 'upper' || moved >= 1);
      return constrains && !b.rule.id.startsWith('DataDisk.Index') ? [[b.rule.id, moved] as const] : [];
    }),
  );
}

/** Probes every edition of every operation with several (the SMC ones today) against the embedded emulator: as documented, moved one unit past, moved four times past (upper bounds only). */
export async function benchProbe(): Promise<ProbeBenchRow[]> {
  const rows: ProbeBenchRow[] = [];
  const settings = [
    ['as documented', () => new Map<string, number>()],
    ['one unit past', (api: string) => movedBounds(api, (limit, side) => (side === 'upper' ? limit + 1 : limit - 1))],
    ['four times past (upper bounds)', (api: string) => movedBounds(api, (limit, side) => (side === 'upper' ? limit * 4 : undefined))],
  ] as const;
  for (const api of apiIds.filter((id) => editionsOf(id).length > 1)) {
    for (const [emulator, drift] of settings) {
      const moves = drift(api);
      const embedded = await startEmbeddedTargets(undefined, { drift: moves });
      try {
        const started = performance.now();
        // The range, length and count rules only: their searches are what requests per bound measures.
        const rules = moves.size > 0 ? [...moves.keys()] : rangeLengthAndCount(api).map((b) => b.rule.id);
        const result = await probeApi({ api, target: embedded.targets[api]!, seed: 1, rules });
        const requests = result.bounds.map((b) => b.requests);
        rows.push({
          api,
          emulator,
          bounds: result.bounds.length,
          placed: result.bounds.filter((b) => 'steps' in b && b.observed === (moves.get(b.rule) ?? b.documented)).length,
          meanRequests: Math.round((10 * requests.reduce((a, b) => a + b, 0)) / Math.max(1, requests.length)) / 10,
          maxRequests: Math.max(...requests),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        });
      } finally {
        await embedded.close();
      }
    }
  }
  return rows;
}
