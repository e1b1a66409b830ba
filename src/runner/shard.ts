import type { CaseKind } from '../../generators/request-case.ts';
import { familySeed } from './plan.ts';

/** One machine's share of a run: shard `index` of `count`, from 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Every case of the run: the one shard there is. */
export const wholeRun: Shard = { index: 1, count: 1 };

/**
 * A family's cases cut into chunks, each holding a case that decides the family (a violation, a probe,
 * a valid request), so that a shard holding a chunk can cover the family on its own: the cases before
 * the first deciding one (its boundary) join it, and so do the ones after the last. A family with no
 * deciding case is one chunk.
 */
export function chunksOf<T extends { readonly case: { readonly kind: CaseKind } }>(cases: readonly T[], deciding: CaseKind | undefined): T[][] {
  const chunks: T[][] = [];
  const last = deciding === undefined ? -1 : cases.findLastIndex((c) => c.case.kind === deciding);
  let leading: T[] = [];
  cases.forEach((item, index) => {
    if (item.case.kind === deciding) {
      chunks.push([...leading, item]);
      leading = [];
    } else if (last >= 0 && index > last) (chunks.at(-1) as T[]).push(item);
    else leading.push(item);
  });
  return chunks.length === 0 ? [leading] : chunks;
}

/**
 * Deals chunks of work to shards: the chunks of one family go round the shards from a place of the
 * family's own (its name hashed), so that every shard, making the same plan, agrees on who holds what
 * without talking, each family's chunks spread evenly, and a family whose chunk count differed on one
 * machine would move no other family's chunks.
 */
export class ShardDealer {
  readonly #shard: Shard;
  readonly #dealt = new Map<string, number>();

  constructor(shard: Shard) {
    this.#shard = shard;
  }

  /** Deals the next chunk of `family`; whether this shard holds it. */
  holds(family: string): boolean {
    const index = this.#dealt.get(family) ?? 0;
    this.#dealt.set(family, index + 1);
    return (familySeed(0, family) + index) % this.#shard.count === this.#shard.index - 1;
  }
}
