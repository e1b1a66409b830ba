import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { hasChar, type CharSet } from './char-set.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType, withLength } from './value-plan.ts';

/** Character classes a string may be required to start with. */
export const firstCharacterClasses = {
  letter: {
    pattern: /^[A-Za-z]/u,
    chars: [
      [0x41, 0x5a],
      [0x61, 0x7a],
    ] as CharSet,
    examples: ['a', 'Z'],
    description: 'a letter',
  },
  // "Chinese character" is read as the CJK Unified Ideographs block that Alibaba's own name patterns use.
  letterOrChinese: {
    pattern: /^[A-Za-z\u4e00-\u9fa5]/u,
    chars: [
      [0x41, 0x5a],
      [0x61, 0x7a],
      [0x4e00, 0x9fa5],
    ] as CharSet,
    examples: ['a', 'Z', '中'],
    description: 'a letter or a Chinese character',
  },
} as const;

export type FirstCharacterClass = keyof typeof firstCharacterClasses;

function classOf(value: unknown): (typeof firstCharacterClasses)[FirstCharacterClass] | undefined {
  return typeof value === 'string' && Object.hasOwn(firstCharacterClasses, value) ? firstCharacterClasses[value as FirstCharacterClass] : undefined;
}

function requireClass(value: unknown): (typeof firstCharacterClasses)[FirstCharacterClass] {
  const wanted = classOf(value);
  if (!wanted) throw new Error(`firstCharacter: unknown class ${JSON.stringify(value)}; known: ${Object.keys(firstCharacterClasses).join(', ')}`);
  return wanted;
}

/** Replaces the first character of a string. */
function withFirst(value: unknown, first: string): string {
  return first + [...String(value)].slice(1).join('');
}

/** `firstCharacter`: a non-empty string must start with a character of the named class (an empty one is minLength's business). */
export const firstCharacter: KeywordDefinition = {
  keyword: 'firstCharacter',
  kind: 'firstCharacter',
  ajv: () => ({
    keyword: 'firstCharacter',
    type: 'string',
    schemaType: 'string',
    errors: true,
    compile: (schema: unknown) => {
      const wanted = requireClass(schema);
      const validate: DataValidateFunction = (data: unknown) => {
        if (typeof data !== 'string' || data === '' || wanted.pattern.test(data)) return true;
        validate.errors = [{ keyword: 'firstCharacter', message: `must start with ${wanted.description}`, params: { class: schema } }];
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) => {
    const wanted = classOf(node['firstCharacter']);
    return wanted === undefined
      ? []
      : [defineRule(firstCharacter, node, site, { params: { class: node['firstCharacter'] }, description: `${displayPath(site)} must start with ${wanted.description}` })];
  },
  narrow: (plan, node) => (node['firstCharacter'] === undefined ? plan : { ...planOfType(plan, ['string'], 'firstCharacter'), firstChars: requireClass(node['firstCharacter']).chars }),
  boundaries: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'firstCharacter');
    return fc
      .tuple(tools.valid(node, withLength(plan, Math.max(plan.minLength, 2))), fc.constantFrom(...requireClass(node['firstCharacter']).examples))
      .map(([base, first]) => setAt(rule, `starts with ${JSON.stringify(first)}`, withFirst(base, first)));
  },
  // Characters the rest of the value may hold but the first may not, so only this rule breaks.
  violations: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'firstCharacter');
    const wanted = requireClass(node['firstCharacter']);
    const starters = ['1', '_', '-', ':', '9'].filter((c) => hasChar(plan.chars, c) && !hasChar(wanted.chars, c));
    return fc
      .tuple(tools.valid(node, withLength(plan, Math.max(plan.minLength, 2))), fc.constantFrom(...(starters.length > 0 ? starters : ['1'])))
      .map(([base, first]) => setAt(rule, `starts with ${JSON.stringify(first)}`, withFirst(base, first)));
  },
};
