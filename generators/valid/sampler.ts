import fc from 'fast-check';

/** Values a draw must hold, by concrete pointer (a case's edit relies on them: a condition's sibling). */
export type Pins = ReadonlyMap<string, unknown>;

const twoTo32 = 2 ** 32;

/**
 * The random source of one draw: seeded once from fast-check's generator, then a local xoshiro128**.
 * fast-check's own integers cost 15–25 ns each and a request takes thousands of them; the same
 * fast-check seed still gives the same values.
 */
export class Draws {
  /** fast-check's generator, for arbitraries drawn inside a sampler. */
  readonly random: fc.Random;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(random: fc.Random) {
    this.random = random;
    this.#a = random.nextInt(-0x80000000, 0x7fffffff);
    this.#b = random.nextInt(-0x80000000, 0x7fffffff);
    this.#c = random.nextInt(-0x80000000, 0x7fffffff);
    // An all-zero state would only ever give zeros.
    this.#d = random.nextInt(-0x80000000, 0x7fffffff) | 1;
  }

  /** 32 random bits, as an unsigned integer. */
  next(): number {
    const b = this.#b;
    const result = Math.imul(rotateLeft(Math.imul(b, 5), 7), 9) >>> 0;
    const shifted = b << 9;
    this.#c ^= this.#a;
    this.#d ^= b;
    this.#b = b ^ this.#c;
    this.#a ^= this.#d;
    this.#c ^= shifted;
    this.#d = rotateLeft(this.#d, 11);
    return result;
  }

  /** A fraction from 0 (included) to 1 (excluded), of 32 random bits. */
  fraction(): number {
    return this.next() / twoTo32;
  }

  /** An integer from `min` to `max`, both included (safe integers; the bias of scaling is below 2^-20). */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= twoTo32) return min + Math.floor(this.fraction() * span);
    return min + Math.floor(((this.next() * 2 ** 21 + (this.next() >>> 11)) / 2 ** 53) * span);
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * A node's valid values, compiled once: `draw` builds one value in a single pass (no filter, no
 * retry: every value is valid by construction), and `shrink` lists smaller values that are still
 * valid, the most reduced first.
 */
export interface Sampler<T> {
  readonly draw: (draws: Draws, pins: Pins) => T;
  /** A method, so that a sampler of strings serves where one of unknown values is expected: it only ever shrinks its own draws. */
  shrink(value: T): Iterable<T>;
}

/** The context of values a sampler drew: only those are shrunk (fast-check may hand over others). */
const drawn = Symbol('drawn by a sampler');

/** A sampler as a fast-check arbitrary whose draws hold `pins`. */
class SamplerArbitrary<T> extends fc.Arbitrary<T> {
  readonly #sampler: Sampler<T>;
  readonly #pins: Pins;

  constructor(sampler: Sampler<T>, pins: Pins) {
    super();
    this.#sampler = sampler;
    this.#pins = pins;
  }

  override generate(random: fc.Random): fc.Value<T> {
    return new fc.Value(this.#sampler.draw(new Draws(random), this.#pins), drawn);
  }

  override canShrinkWithoutContext(_value: unknown): _value is T {
    return false;
  }

  override shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    if (context !== drawn) return fc.Stream.nil();
    return fc.stream(lazily(this.#sampler.shrink(value))).map((smaller) => new fc.Value(smaller, drawn));
  }
}

function* lazily<T>(values: Iterable<T>): IterableIterator<T> {
  yield* values;
}

/** The arbitrary of a sampler's values with `pins` held. */
export function arbitraryOf<T>(sampler: Sampler<T>, pins: Pins = new Map()): fc.Arbitrary<T> {
  return new SamplerArbitrary(sampler, pins);
}

/** A sampler of one value. */
export function constantSampler<T>(value: T): Sampler<T> {
  return { draw: () => value, shrink: () => [] };
}

/** One of the listed values, shrinking towards the first. */
export function listedSampler<T>(values: readonly T[]): Sampler<T> {
  if (values.length === 0) throw new Error('sampler: no value to choose from');
  if (values.length === 1) return constantSampler(values[0] as T);
  const last = values.length - 1;
  return {
    draw: (draws) => values[draws.int(0, last)] as T,
    shrink: (value) => values.slice(0, Math.max(0, values.indexOf(value))),
  };
}

/**
 * A size from `min` to `max`, each end as likely as the whole range between: lists, strings and
 * windows reach their edges in every few draws.
 */
export function drawSize(draws: Draws, min: number, max: number): number {
  if (min === max) return min;
  const pick = draws.int(0, 5);
  return pick < 4 ? draws.int(min, max) : pick === 4 ? min : max;
}

/** Sizes between `min` and `size` to shrink to: the smallest first, then halfway, then one less. */
export function smallerSizes(min: number, size: number): number[] {
  return [...new Set([min, min + Math.floor((size - min) / 2), size - 1])].filter((s) => s >= min && s < size);
}
