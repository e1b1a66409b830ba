import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

function prefixesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

/** `forbiddenPrefixes`: a string must not start with any of the listed prefixes (case-sensitive, as documented). */
export const forbiddenPrefixes: KeywordDefinition = {
  keyword: 'forbiddenPrefixes',
  kind: 'forbiddenPrefix',
  ajv: () => {
    const validate: DataValidateFunction = (schema: unknown, data: unknown) => {
      const hit = typeof data === 'string' ? prefixesOf(schema).find((prefix) => data.startsWith(prefix)) : undefined;
      if (hit === undefined) return true;
      validate.errors = [{ keyword: 'forbiddenPrefixes', message: `must not start with "${hit}"`, params: { prefix: hit } }];
      return false;
    };
    return { keyword: 'forbiddenPrefixes', type: 'string', schemaType: 'array', errors: true, validate };
  },
  rules: (node, site) => {
    const prefixes = prefixesOf(node['forbiddenPrefixes']);
    return prefixes.length === 0
      ? []
      : [defineRule(forbiddenPrefixes, node, site, { params: { prefixes }, description: `${displayPath(site)} must not start with ${prefixes.map((p) => `"${p}"`).join(', ')}` })];
  },
};
