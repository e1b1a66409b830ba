import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** Character classes a string may be required to start with. */
export const firstCharacterClasses = {
  // "Chinese character" is read as the CJK Unified Ideographs block that Alibaba's own name patterns use.
  letterOrChinese: { pattern: /^[A-Za-z\u4e00-\u9fa5]/u, description: 'a letter or a Chinese character' },
} as const;

export type FirstCharacterClass = keyof typeof firstCharacterClasses;

function classOf(value: unknown): (typeof firstCharacterClasses)[FirstCharacterClass] | undefined {
  return typeof value === 'string' && Object.hasOwn(firstCharacterClasses, value) ? firstCharacterClasses[value as FirstCharacterClass] : undefined;
}

/** `firstCharacter`: a non-empty string must start with a character of the named class (an empty one is minLength's business). */
export const firstCharacter: KeywordDefinition = {
  keyword: 'firstCharacter',
  kind: 'firstCharacter',
  ajv: () => {
    const validate: DataValidateFunction = (schema: unknown, data: unknown) => {
      const wanted = classOf(schema);
      if (!wanted) throw new Error(`firstCharacter: unknown class ${JSON.stringify(schema)}; known: ${Object.keys(firstCharacterClasses).join(', ')}`);
      if (typeof data !== 'string' || data === '' || wanted.pattern.test(data)) return true;
      validate.errors = [{ keyword: 'firstCharacter', message: `must start with ${wanted.description}`, params: { class: schema } }];
      return false;
    };
    return { keyword: 'firstCharacter', type: 'string', schemaType: 'string', errors: true, validate };
  },
  rules: (node, site) => {
    const wanted = classOf(node['firstCharacter']);
    return wanted === undefined
      ? []
      : [defineRule(firstCharacter, node, site, { params: { class: node['firstCharacter'] }, description: `${displayPath(site)} must start with ${wanted.description}` })];
  },
};
