import fc from 'fast-check';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';

/** Values close to, but outside, an enum: a gap or an end of a numeric list, a made-up word for strings. */
export function outsiders(values: readonly unknown[], allowEmpty: boolean): unknown[] {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  const candidates: unknown[] = [];
  if (numbers.length > 0) {
    const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
    candidates.push(max + 1, min - 1);
    for (let n = min + 1; n < max; n += 1) if (!numbers.includes(n)) candidates.push(n);
  }
  if (strings.length > 0) {
    // Case variants are left out: whether matching ignores case is itself undocumented (target-type-case).
    const lowered = new Set(strings.map((s) => s.toLowerCase()));
    for (const word of ['unknown', `${strings.find((s) => s !== '') ?? 'value'}_x`, ...(allowEmpty ? [''] : [])]) {
      if (!lowered.has(word.toLowerCase())) candidates.push(word);
    }
  }
  return candidates.filter((c) => !values.includes(c));
}

/** `enum`: one of the listed values. */
export const enumKeyword: KeywordDefinition = {
  keyword: 'enum',
  kind: 'enum',
  rules: (node, site) =>
    node.enum === undefined
      ? []
      : [defineRule(enumKeyword, node, site, { params: { values: node.enum }, description: `${displayPath(site)} must be one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}` })],
  narrow: (plan, node) => (node.enum === undefined || plan.type === 'array' || plan.type === 'object' ? plan : { ...plan, values: node.enum }),
  boundaries: (rule, node) => fc.constantFrom(...(node.enum ?? [])).map((value) => setAt(rule, `listed value ${JSON.stringify(value)}`, value)),
  // An empty RPC parameter may be read as an absent one, so "" is sent as a violation only in JSON.
  violations: (rule, node, tools) =>
    fc.constantFrom(...outsiders(node.enum ?? [], tools.context.style === 'rest')).map((value) => setAt(rule, `unlisted value ${JSON.stringify(value)}`, value)),
};
