import fc from 'fast-check';
import { charSetOfPattern, hasChar, sizeOf } from './char-set.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType, withLength } from './value-plan.ts';

/** Characters that some "allowed characters" rule or other leaves out. */
const strangers = [' ', '.', '/', '@', '#', '!', '%', '&', '=', 'é', '中', '😀', '\t'];

/** `pattern`: the allowed characters or shape of a string, as an ECMAScript regular expression with the `u` flag. */
export const pattern: KeywordDefinition = {
  keyword: 'pattern',
  kind: 'pattern',
  rules: (node, site) =>
    node.pattern === undefined
      ? []
      : [defineRule(pattern, node, site, { params: { pattern: node.pattern }, description: `${displayPath(site)} must match ${node.pattern}` })],
  narrow: (plan, node) => {
    if (node.pattern === undefined) return plan;
    const strings = planOfType(plan, ['string'], 'pattern');
    const chars = charSetOfPattern(node.pattern);
    return chars ? { ...strings, chars } : { ...strings, matching: node.pattern };
  },
  // A value that uses one character of every allowed range: `:`, `_`, `-`, a Chinese character...
  boundaries: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'pattern');
    const ranges = charSetOfPattern(String(node.pattern)) ?? [];
    const every = ranges.map(([from]) => String.fromCodePoint(from)).join('');
    const length = Math.min(plan.maxLength, Math.max(plan.minLength, every.length + 1));
    return tools.valid(node, withLength(plan, length)).map((base) => {
      const chars = [...String(base)];
      const mixed = [chars[0] ?? '', ...[...every].slice(0, Math.max(0, length - 1))];
      while (mixed.length < length) mixed.push(chars[mixed.length] ?? chars[0] ?? '');
      return setAt(rule, 'every kind of allowed character', mixed.join(''));
    });
  },
  // Replace the last character of a valid value by one the pattern refuses; the first stays, for firstCharacter's sake.
  violations: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'pattern');
    const regex = new RegExp(String(node.pattern), 'u');
    const allowed = charSetOfPattern(String(node.pattern));
    const refused = strangers.filter((c) => (allowed ? !hasChar(allowed, c) : !regex.test(c)));
    if (refused.length === 0 || (allowed && sizeOf(allowed) === 0)) throw new Error(`pattern: no refused character found for ${String(node.pattern)}`);
    const length = Math.min(plan.maxLength, Math.max(plan.minLength, 2));
    return fc.tuple(tools.valid(node, withLength(plan, length)), fc.constantFrom(...refused)).map(([base, bad]) => {
      const chars = [...String(base)];
      chars[Math.max(0, chars.length - 1)] = bad;
      return setAt(rule, `refused character ${JSON.stringify(bad)}`, chars.join(''));
    });
  },
};
