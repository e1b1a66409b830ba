import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchBound, type SearchPlan, type SizeAnswer } from './search.ts';

/** An endpoint that accepts the sizes on the allowed side of `bound`, counting the questions. */
function endpoint(side: SearchPlan['side'], bound: number) {
  const asked: number[] = [];
  const ask = async (size: number): Promise<SizeAnswer> => {
    asked.push(size);
    return (side === 'upper' ? size <= bound : size >= bound) ? 'accepted' : 'refused';
  };
  return { ask, asked };
}

/** The requests an exponential then binary search may spend on a bound `distance` away from where it starts. */
function allowance(distance: number): number {
  return 2 * Math.ceil(Math.log2(distance + 1)) + 2;
}

describe('searchBound', () => {
  it('finds any bound inside its limits exactly, within 2·log2(distance) + 2 requests (fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<SearchPlan['side']>('upper', 'lower'),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        async (side, documented, actual) => {
          const plan: SearchPlan = { side, start: documented, within: side === 'upper' ? [-2_000_000, 2_000_000] : [2_000_000, -2_000_000] };
          const { ask, asked } = endpoint(side, actual);
          const outcome = await searchBound(plan, ask);
          expect(outcome.end).toBe('found');
          expect(outcome.lastAccepted).toBe(actual);
          expect(outcome.firstRefused).toBe(side === 'upper' ? actual + 1 : actual - 1);
          expect(asked.length).toBeLessThanOrEqual(allowance(Math.abs(actual - documented)));
          expect(outcome.steps.map((s) => s.size)).toEqual(asked);
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('spends two requests on a bound where the documents put it', async () => {
    const { ask, asked } = endpoint('upper', 2048);
    const outcome = await searchBound({ side: 'upper', start: 2048, within: [20, Number.MAX_SAFE_INTEGER] }, ask);
    expect(asked).toEqual([2048, 2049]);
    expect(outcome).toMatchObject({ end: 'found', lastAccepted: 2048, firstRefused: 2049 });
  });

  it('says unbounded when every size up to the outer limit is accepted', async () => {
    const outcome = await searchBound({ side: 'upper', start: 128, within: [2, 1024] }, async () => 'accepted');
    expect(outcome).toMatchObject({ end: 'unbounded', lastAccepted: 1024 });
    expect(outcome.firstRefused).toBeUndefined();
  });

  it('says nothing-accepted when every size down to the inner limit is refused', async () => {
    const outcome = await searchBound({ side: 'lower', start: 20, within: [20, 500] }, async () => 'refused');
    expect(outcome.end).toBe('nothing-accepted');
    expect(outcome.firstRefused).toBe(500);
    expect(outcome.steps.at(-1)?.size).toBe(500);
  });

  it('stops at the first inconclusive answer, keeping what it learned', async () => {
    const answers: SizeAnswer[] = ['accepted', 'accepted', 'inconclusive'];
    const outcome = await searchBound({ side: 'upper', start: 10, within: [0, 100] }, async () => answers.shift() ?? 'refused');
    expect(outcome).toMatchObject({ end: 'inconclusive', lastAccepted: 11 });
    expect(outcome.steps.map((s) => s.answer)).toEqual(['accepted', 'accepted', 'inconclusive']);
  });

  it('stops when the asker says stop, without recording a step', async () => {
    let calls = 0;
    const outcome = await searchBound({ side: 'upper', start: 10, within: [0, 100] }, async () => (++calls > 2 ? 'stop' : 'accepted'));
    expect(outcome.end).toBe('stopped');
    expect(outcome.steps).toHaveLength(2);
  });
});

describe('searchBound at the last size there is', () => {
  it('places a lower bound at the outer end when that end is the last size (a length of 1 where 0 leaves a value unset)', async () => {
    const outcome = await searchBound({ side: 'lower', start: 2, within: [128, 1], outerIsLast: true }, async () => 'accepted');
    expect(outcome).toMatchObject({ end: 'found', lastAccepted: 1 });
    expect(outcome.firstRefused).toBeUndefined();
  });
});
