import fc from 'fast-check';
import { hasChar, printable, subtract, type CharSet } from '../../src/keywords/char-set.ts';
import type { StringPlan } from '../../src/keywords/value-plan.ts';
import { drawSize, listedSampler, smallerSizes, type Draws, type Sampler } from './sampler.ts';

/** Surrogates are halves of code points, no text of their own: a decoder would replace one alone. */
const surrogates: CharSet = [[0xd800, 0xdfff]];

/** UTF-16 code units of the text being drawn, one buffer for every draw (grown when a text needs more). */
let units = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le');
/** Below this many units, appending characters is faster than a decoder call (some 300 ns each). */
const shortText = 32;

/** Makes room for `codePoints` code points, at two units each at most. */
function reserveUnits(codePoints: number): void {
  if (units.length < 2 * codePoints) units = new Uint16Array(2 * codePoints);
}

/** Writes a code point at unit `at`, as one unit or a surrogate pair; returns the next unit. */
function putCodePoint(at: number, code: number): number {
  if (code <= 0xffff) {
    units[at] = code;
    return at + 1;
  }
  const offset = code - 0x10000;
  units[at] = 0xd800 + (offset >> 10);
  units[at + 1] = 0xdc00 + (offset & 0x3ff);
  return at + 2;
}

/** The text of the first `unitCount` units. */
function textOf(unitCount: number): string {
  if (unitCount >= shortText) return utf16.decode(units.subarray(0, unitCount));
  let text = '';
  for (let at = 0; at < unitCount; at += 1) text += String.fromCharCode(units[at] as number);
  return text;
}

/**
 * The code points of a character set, each range equally likely (else 20,000 Chinese characters
 * drown 62 letters), each from one random fraction: its integer part scaled by the number of ranges
 * picks the range, what is left the offset (no integer division: on 32-bit values it is slow).
 */
class Alphabet {
  readonly #starts: readonly number[];
  readonly #sizes: readonly number[];
  /** Whether some code point needs two UTF-16 units. */
  readonly #astral: boolean;
  /** Whether 16 random bits are enough for one code point (a bias below 1/64), so that one draw gives two. */
  readonly #halves: boolean;

  constructor(set: CharSet) {
    const ranges = subtract(printable(set), surrogates);
    if (ranges.length === 0) throw new Error('valid string: the character set is empty');
    this.#starts = ranges.map(([from]) => from);
    this.#sizes = ranges.map(([from, to]) => to - from + 1);
    this.#astral = ranges.some(([, to]) => to > 0xffff);
    this.#halves = !this.#astral && ranges.length * Math.max(...this.#sizes) <= 2 ** 10;
  }

  one(draws: Draws): number {
    const scaled = draws.fraction() * this.#starts.length;
    const range = scaled | 0;
    return (this.#starts[range] as number) + (((scaled - range) * (this.#sizes[range] as number)) | 0);
  }

  /** Writes `count` code points from unit `at` on; returns the unit after them. */
  fill(draws: Draws, at: number, count: number): number {
    if (this.#astral) {
      let next = at;
      for (let index = 0; index < count; index += 1) next = putCodePoint(next, this.one(draws));
      return next;
    }
    const starts = this.#starts;
    const sizes = this.#sizes;
    const into = units;
    const end = at + count;
    const ranges = starts.length;
    let index = at;
    if (this.#halves) {
      for (; index + 1 < end; index += 2) {
        const bits = draws.next();
        const high = ((bits >>> 16) / 0x10000) * ranges;
        const low = ((bits & 0xffff) / 0x10000) * ranges;
        const highRange = high | 0;
        const lowRange = low | 0;
        into[index] = (starts[highRange] as number) + (((high - highRange) * (sizes[highRange] as number)) | 0);
        into[index + 1] = (starts[lowRange] as number) + (((low - lowRange) * (sizes[lowRange] as number)) | 0);
      }
    }
    for (; index < end; index += 1) {
      const scaled = draws.fraction() * ranges;
      const range = scaled | 0;
      into[index] = (starts[range] as number) + (((scaled - range) * (sizes[range] as number)) | 0);
    }
    return end;
  }
}

const alphabets = new WeakMap<CharSet, Alphabet>();

function alphabetOf(set: CharSet): Alphabet {
  let alphabet = alphabets.get(set);
  if (!alphabet) alphabets.set(set, (alphabet = new Alphabet(set)));
  return alphabet;
}

function intersect(a: CharSet, b: CharSet): CharSet {
  return a.flatMap(([from, to]) => b.flatMap(([bFrom, bTo]): [number, number][] => (Math.max(from, bFrom) <= Math.min(to, bTo) ? [[Math.max(from, bFrom), Math.min(to, bTo)]] : [])));
}

/** A character of the start of a text that could still become a forbidden prefix: the characters allowed there, and the step each of them leads to. */
interface PrefixStep {
  readonly alphabet: Alphabet;
  readonly next: ReadonlyMap<number, PrefixStep>;
}

/** The characters a text may hold at an index: the first ones, or all. */
interface Position {
  readonly set: CharSet;
  readonly alphabet: Alphabet;
}

/**
 * The steps from character `index` on, given the forbidden prefixes the text so far is a start of:
 * a character that would complete one of them is left out of that step's alphabet.
 */
function prefixStep(live: readonly (readonly number[])[], index: number, positionAt: (index: number) => Position): PrefixStep {
  const { set, alphabet: unguarded } = positionAt(index);
  const refused = live.filter((p) => p.length === index + 1).map((p) => p[index] as number);
  let alphabet = unguarded;
  if (refused.length > 0) {
    const allowed = subtract(set, refused.map((c): [number, number] => [c, c]));
    if (printable(allowed).length === 0) throw new Error(`valid string: the allowed characters cannot avoid the forbidden prefix ${String.fromCodePoint(...(live[0] ?? []))}`);
    alphabet = new Alphabet(allowed);
  }
  const longer = live.filter((p) => p.length > index + 1);
  const next = new Map<number, PrefixStep>();
  for (const code of new Set(longer.map((p) => p[index] as number))) next.set(code, prefixStep(longer.filter((p) => p[index] === code), index + 1, positionAt));
  return { alphabet, next };
}

/**
 * Text of the plan's characters and lengths that starts with no forbidden prefix: while the text so
 * far is the start of one, the character that would complete it is drawn from the others.
 */
function textSampler(plan: StringPlan): Sampler<string> {
  const firstSet = plan.firstChars ? intersect(plan.firstChars, plan.chars) : plan.chars;
  const first: Position = { set: firstSet, alphabet: alphabetOf(firstSet) };
  const rest: Position = { set: plan.chars, alphabet: alphabetOf(plan.chars) };
  const prefixes = plan.forbiddenPrefixes.map((p) => [...p].map((c) => c.codePointAt(0) as number));
  if (prefixes.some((p) => p.length === 0)) throw new Error('valid string: an empty forbidden prefix leaves no valid value');
  const start = prefixStep(prefixes, 0, (index) => (index === 0 ? first : rest));
  const tail = rest.alphabet;
  return {
    draw: (draws) => {
      const length = drawSize(draws, plan.minLength, plan.maxLength);
      reserveUnits(length);
      let drawn = 0;
      let unit = 0;
      for (let step: PrefixStep | undefined = start; step && drawn < length; drawn += 1) {
        const code = step.alphabet.one(draws);
        unit = putCodePoint(unit, code);
        step = step.next.get(code);
      }
      return textOf(tail.fill(draws, unit, length - drawn));
    },
    // A start of a value keeps its first character and starts with no forbidden prefix the value avoided.
    shrink: (value) => {
      const chars = [...value];
      return smallerSizes(plan.minLength, chars.length).map((size) => chars.slice(0, size).join(''));
    },
  };
}

/** Times in the plan's window, each end as likely as the whole window between; shrinking towards the earliest. */
function timeSampler(plan: NonNullable<StringPlan['dateTime']>): Sampler<string> {
  const [from, to] = [Math.ceil(plan.earliest.getTime() / 1000), Math.floor(plan.latest.getTime() / 1000)];
  const render = (seconds: number) => plan.format.fromDate(new Date(seconds * 1000));
  return {
    draw: (draws) => render(drawSize(draws, from, to)),
    shrink: (value) => (value === render(from) ? [] : [render(from)]),
  };
}

/** How many values of a pattern are set aside for draws whose own value misses the plan's lengths or prefixes. */
const patternReserve = 32;

/**
 * Values of a pattern that is no plain character class. fast-check draws a match; one that misses
 * the plan's lengths, first characters or prefixes is replaced by a value set aside when the sampler
 * is compiled, so every draw is valid in one step.
 */
function patternSampler(plan: StringPlan, pattern: string): Sampler<string> {
  const matches = fc.stringMatching(new RegExp(pattern, 'u'));
  const fits = (value: string): boolean => {
    const length = [...value].length;
    return (
      length >= plan.minLength &&
      length <= plan.maxLength &&
      (plan.firstChars === undefined || length === 0 || hasChar(plan.firstChars, value)) &&
      !plan.forbiddenPrefixes.some((p) => value.startsWith(p))
    );
  };
  const reserve = [...new Set(fc.sample(matches, { seed: 0, numRuns: 4000 }).filter(fits))].sort((a, b) => a.length - b.length).slice(0, patternReserve);
  if (reserve.length === 0) throw new Error(`valid string: no value of ${pattern} found within ${plan.minLength}–${plan.maxLength} characters`);
  const spare = listedSampler(reserve);
  return {
    draw: (draws, pins) => {
      const value = matches.generate(draws.random, undefined).value;
      return fits(value) ? value : spare.draw(draws, pins);
    },
    shrink: (value) => (value === reserve[0] ? [] : [reserve[0] as string]),
  };
}

/**
 * Texts of JSON objects made of some entries of the documented example (each kept by a coin toss), padded
 * with trailing JSON whitespace to a length the plan allows; shrinking towards the fewest entries.
 */
function jsonTextSampler(plan: StringPlan, example: Readonly<Record<string, unknown>>): Sampler<string> {
  const all = Object.entries(example);
  const empty = '{}';
  if (empty.length > plan.maxLength) throw new Error(`valid string: no JSON object fits in ${plan.maxLength} characters`);
  const padded = (text: string, draws: Draws) => text.padEnd(drawSize(draws, Math.max(plan.minLength, text.length), plan.maxLength), ' ');
  return {
    draw: (draws) => {
      const bits = draws.next();
      const text = JSON.stringify(Object.fromEntries(all.filter((_, index) => ((bits >>> index % 32) & 1) === 1)));
      return padded(text.length <= plan.maxLength ? text : empty, draws);
    },
    shrink: (value) => {
      const minimal = empty.padEnd(plan.minLength, ' ');
      return value === minimal ? [] : [minimal];
    },
  };
}

/** Valid strings of a plan: listed values, times in the window, JSON objects, or text of the allowed characters and lengths. */
export function stringSampler(plan: StringPlan): Sampler<string> {
  if (plan.values) return listedSampler(plan.values.map(String));
  if (plan.dateTime) return timeSampler(plan.dateTime);
  if (plan.jsonObject) return jsonTextSampler(plan, plan.jsonObject);
  if (plan.matching) return patternSampler(plan, plan.matching);
  return textSampler(plan);
}
