import { describe, expect, it } from 'vitest';
import { FixturePool } from './fixture-pool.ts';

describe('FixturePool', () => {
  it('leases only fitting fixtures, and answers undefined when none left fits', async () => {
    const pool = new FixturePool([1, 2, 3]);
    expect(await pool.acquire((n) => n > 1)).toBe(2);
    expect(await pool.acquire((n) => n > 5)).toBeUndefined();
  });

  it('waits while every fitting fixture is leased, and takes the one released', async () => {
    const pool = new FixturePool(['a', 'b']);
    const a = await pool.acquire((item) => item === 'a');
    let taken: string | undefined;
    const waiting = pool.acquire((item) => item === 'a').then((item) => (taken = item));
    await Promise.resolve();
    expect(taken).toBeUndefined();
    pool.release(a as string);
    await waiting;
    expect(taken).toBe('a');
  });

  it('stops waiting once the fitting fixture is consumed', async () => {
    const pool = new FixturePool(['a', 'b']);
    const a = await pool.acquire((item) => item === 'a');
    const waiting = pool.acquire((item) => item === 'a');
    pool.consume(a as string);
    expect(await waiting).toBeUndefined();
  });

  it('asks `fits` once per fixture however often a waiting case is woken', async () => {
    const pool = new FixturePool(['a', 'b', 'c']);
    const leased = [await pool.acquire(), await pool.acquire(), await pool.acquire()] as string[];
    const asked = new Map<string, number>();
    const waiting = pool.acquire((item) => {
      asked.set(item, (asked.get(item) ?? 0) + 1);
      return item === 'c';
    });
    pool.release(leased[0] as string);
    await Promise.resolve();
    pool.release(leased[1] as string);
    await Promise.resolve();
    pool.release(leased[2] as string);
    expect(await waiting).toBe('c');
    expect(Object.fromEntries(asked)).toEqual({ a: 1, b: 1, c: 1 });
  });
});
