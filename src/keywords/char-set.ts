/** A set of Unicode code points as sorted, inclusive ranges. */
export type CharSet = readonly (readonly [number, number])[];

/** Letters, digits and hyphen: the characters of an unconstrained generated string. */
export const plainChars: CharSet = [
  [0x2d, 0x2d],
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
];

const controlChars: CharSet = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
];

function normalise(ranges: (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Whether `char` (one code point) is in the set. */
export function hasChar(set: CharSet, char: string): boolean {
  const code = char.codePointAt(0) ?? -1;
  return set.some(([from, to]) => code >= from && code <= to);
}

/** `a` without the code points of `b`. */
export function subtract(a: CharSet, b: CharSet): CharSet {
  let result: [number, number][] = a.map(([from, to]) => [from, to]);
  for (const [cutFrom, cutTo] of b) {
    result = result.flatMap(([from, to]): [number, number][] => {
      if (cutTo < from || cutFrom > to) return [[from, to]];
      const parts: [number, number][] = [];
      if (cutFrom > from) parts.push([from, cutFrom - 1]);
      if (cutTo < to) parts.push([cutTo + 1, to]);
      return parts;
    });
  }
  return normalise(result);
}

/** The set without control characters: generated values stay printable. */
export function printable(set: CharSet): CharSet {
  return subtract(set, controlChars);
}

/** The number of code points in the set. */
export function sizeOf(set: CharSet): number {
  return set.reduce((sum, [from, to]) => sum + to - from + 1, 0);
}

/** The `index`-th code point of the set, as a string. */
export function charAt(set: CharSet, index: number): string {
  let rest = index;
  for (const [from, to] of set) {
    const size = to - from + 1;
    if (rest < size) return String.fromCodePoint(from + rest);
    rest -= size;
  }
  throw new RangeError(`charAt: index ${index} is outside a set of ${sizeOf(set)} characters`);
}

/**
 * The character set of a pattern of the form `^[class]*$` (the only form of "allowed characters"
 * rule the contract uses), or undefined for any other pattern.
 */
export function charSetOfPattern(pattern: string): CharSet | undefined {
  const match = /^\^\[([^\]]+)\][*+]\$$/u.exec(pattern);
  if (!match || match[1]?.startsWith('^')) return undefined;
  const body = match[1] as string;
  const atoms: number[] = [];
  const atomAt = (i: number): [number, number] | undefined => {
    const escape = /^\\u([0-9a-fA-F]{4})|^\\x([0-9a-fA-F]{2})|^\\(.)/u.exec(body.slice(i));
    if (escape) return [parseInt(escape[1] ?? escape[2] ?? '', 16) || (escape[3]?.codePointAt(0) ?? 0), escape[0].length];
    const code = body.codePointAt(i);
    return code === undefined ? undefined : [code, String.fromCodePoint(code).length];
  };
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < body.length) {
    const first = atomAt(i);
    if (!first) return undefined;
    i += first[1];
    if (body[i] === '-' && i + 1 < body.length) {
      const second = atomAt(i + 1);
      if (!second) return undefined;
      ranges.push([first[0], second[0]]);
      i += 1 + second[1];
    } else {
      atoms.push(first[0]);
    }
  }
  return normalise([...ranges, ...atoms.map((a): [number, number] => [a, a])]);
}
