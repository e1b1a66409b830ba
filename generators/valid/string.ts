import fc from 'fast-check';
import { printable, type CharSet } from '../../src/keywords/char-set.ts';
import type { StringPlan } from '../../src/keywords/value-plan.ts';

const charArbitraries = new WeakMap<CharSet, fc.Arbitrary<string>>();

/** One character of the set, each range equally likely (else 20,000 Chinese characters drown 62 letters). */
export function charOf(set: CharSet): fc.Arbitrary<string> {
  let arbitrary = charArbitraries.get(set);
  if (!arbitrary) charArbitraries.set(set, (arbitrary = buildCharOf(set)));
  return arbitrary;
}

function buildCharOf(set: CharSet): fc.Arbitrary<string> {
  const ranges = printable(set);
  if (ranges.length === 0) throw new Error('charOf: the character set is empty');
  return fc.oneof(...ranges.map(([from, to]) => fc.integer({ min: from, max: to }).map((code) => String.fromCodePoint(code))));
}

function intersect(a: CharSet, b: CharSet): CharSet {
  return a.flatMap(([from, to]) => b.flatMap(([bFrom, bTo]): [number, number][] => (Math.max(from, bFrom) <= Math.min(to, bTo) ? [[Math.max(from, bFrom), Math.min(to, bTo)]] : [])));
}

/** Lengths from min to max, with each end as likely as the whole range between. */
export function lengthOf(min: number, max: number): fc.Arbitrary<number> {
  return min === max ? fc.constant(min) : fc.oneof({ arbitrary: fc.integer({ min, max }), weight: 4 }, { arbitrary: fc.constant(min), weight: 1 }, { arbitrary: fc.constant(max), weight: 1 });
}

function timeOf(plan: NonNullable<StringPlan['dateTime']>): fc.Arbitrary<string> {
  const [from, to] = [Math.ceil(plan.earliest.getTime() / 1000), Math.floor(plan.latest.getTime() / 1000)];
  const seconds = from === to ? fc.constant(from) : fc.oneof({ arbitrary: fc.integer({ min: from, max: to }), weight: 4 }, { arbitrary: fc.constantFrom(from, to), weight: 1 });
  return seconds.map((s) => plan.format.fromDate(new Date(s * 1000)));
}

/** Valid strings of a plan: listed values, times in the window, or text of the allowed characters and lengths. */
export function validString(plan: StringPlan): fc.Arbitrary<string> {
  if (plan.values) return fc.constantFrom(...plan.values.map(String));
  if (plan.dateTime) return timeOf(plan.dateTime);
  const withoutPrefix = (value: string): boolean => !plan.forbiddenPrefixes.some((p) => value.startsWith(p));
  if (plan.matching) {
    const regex = new RegExp(plan.matching, 'u');
    return fc.stringMatching(regex).filter((s) => [...s].length >= plan.minLength && [...s].length <= plan.maxLength && withoutPrefix(s));
  }
  const unit = charOf(plan.chars);
  const first = plan.firstChars ? charOf(intersect(plan.firstChars, plan.chars)) : unit;
  return lengthOf(plan.minLength, plan.maxLength)
    .chain((length) =>
      length === 0 ? fc.constant('') : fc.tuple(first, fc.string({ unit, minLength: length - 1, maxLength: length - 1 })).map(([head, tail]) => head + tail),
    )
    .filter(withoutPrefix);
}
