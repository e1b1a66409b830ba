/**
 * Fixtures leased one case at a time: a source server holds one incomplete job, so two cases must not
 * use it at once. A lease ends in `release` (free again) or `consume` (a job stays on it for good).
 */
export class FixturePool<T> {
  readonly #all: T[];
  readonly #free: T[];
  readonly #waiting: (() => void)[] = [];

  constructor(items: readonly T[]) {
    this.#all = [...items];
    this.#free = [...items];
  }

  /** Fixtures not consumed yet. */
  get size(): number {
    return this.#all.length;
  }

  /**
   * Leases a free fixture that `fits`, waiting while all fitting ones are leased; undefined when none
   * left fits at all. `fits` is asked once per fixture: every release wakes every waiting case, and
   * asking again each time cost a busy run a tenth of its time.
   */
  async acquire(fits: (item: T) => boolean = () => true): Promise<T | undefined> {
    const answers = new Map<T, boolean>();
    const fitting = (item: T): boolean => {
      let answer = answers.get(item);
      if (answer === undefined) answers.set(item, (answer = fits(item)));
      return answer;
    };
    for (;;) {
      if (!this.#all.some(fitting)) return undefined;
      const index = this.#free.findIndex(fitting);
      if (index >= 0) return this.#free.splice(index, 1)[0];
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  /** Ends a lease: the fixture is free again. */
  release(item: T): void {
    this.#free.push(item);
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /** Ends a lease for good: the fixture is used up (cleanup "none", or its delete failed). */
  consume(item: T): void {
    const index = this.#all.indexOf(item);
    if (index >= 0) this.#all.splice(index, 1);
    for (const wake of this.#waiting.splice(0)) wake();
  }
}
