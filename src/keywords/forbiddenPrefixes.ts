import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { hasChar } from './char-set.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType, withLength, type StringPlan } from './value-plan.ts';

function prefixesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

/** `prefix` followed by a valid tail, as long as the length rules allow. */
function prefixed(plan: StringPlan, prefix: string, tail: unknown): string {
  const chars = [...prefix, ...String(tail)];
  const length = Math.min(plan.maxLength, Math.max(plan.minLength, [...prefix].length + 1));
  return chars.slice(0, Math.max(length, [...prefix].length)).join('');
}

/** `forbiddenPrefixes`: a string must not start with any of the listed prefixes (case-sensitive, as documented). */
export const forbiddenPrefixes: KeywordDefinition = {
  keyword: 'forbiddenPrefixes',
  kind: 'forbiddenPrefix',
  ajv: () => ({
    keyword: 'forbiddenPrefixes',
    type: 'string',
    schemaType: 'array',
    errors: true,
    compile: (schema: unknown) => {
      const prefixes = prefixesOf(schema);
      const validate: DataValidateFunction = (data: unknown) => {
        const hit = typeof data === 'string' ? prefixes.find((prefix) => data.startsWith(prefix)) : undefined;
        if (hit === undefined) return true;
        validate.errors = [{ keyword: 'forbiddenPrefixes', message: `must not start with "${hit}"`, params: { prefix: hit } }];
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) => {
    const prefixes = prefixesOf(node['forbiddenPrefixes']);
    return prefixes.length === 0
      ? []
      : [defineRule(forbiddenPrefixes, node, site, { params: { prefixes }, description: `${displayPath(site)} must not start with ${prefixes.map((p) => `"${p}"`).join(', ')}` })];
  },
  narrow: (plan, node) => {
    const prefixes = prefixesOf(node['forbiddenPrefixes']);
    return prefixes.length === 0 ? plan : { ...planOfType(plan, ['string'], 'forbiddenPrefixes'), forbiddenPrefixes: prefixes };
  },
  // Near misses: the longest start of a forbidden prefix that the value's characters allow, then a valid tail.
  boundaries: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'forbiddenPrefixes');
    const nearMisses = prefixesOf(node['forbiddenPrefixes']).map((prefix) => {
      const usable = [...prefix].findIndex((c) => !hasChar(plan.chars, c));
      return [...prefix].slice(0, usable === -1 ? prefix.length - 1 : usable).join('');
    });
    return fc
      .tuple(tools.valid(node, withLength(plan, Math.max(plan.minLength, 4))), fc.constantFrom(...nearMisses.filter((p) => p.length > 0)))
      .map(([tail, start]) => setAt(rule, `starts with ${JSON.stringify(start)}`, prefixed(plan, start, tail)));
  },
  violations: (rule, node, tools) => {
    const plan = planOfType(tools.plan(node), ['string'], 'forbiddenPrefixes');
    return fc
      .tuple(tools.valid(node, withLength(plan, Math.max(plan.minLength, 4))), fc.constantFrom(...prefixesOf(node['forbiddenPrefixes'])))
      .map(([tail, prefix]) => setAt(rule, `starts with ${JSON.stringify(prefix)}`, prefixed(plan, prefix, tail)));
  },
};
