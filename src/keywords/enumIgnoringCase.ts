import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { outsiders } from './enum.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType } from './value-plan.ts';

function listed(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Spellings of a value that only a case-blind comparison finds equal to it. */
function caseVariants(value: string): string[] {
  const flipped = [...value].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  return [...new Set([value.toLowerCase(), value.toUpperCase(), flipped])].filter((v) => v !== value);
}

/**
 * `enumIgnoringCase`: one of the listed strings, compared without regard to case. Readings use it where
 * the documents spell a value differently (`image` / `Image`), so a service may match either way.
 */
export const enumIgnoringCase: KeywordDefinition = {
  keyword: 'enumIgnoringCase',
  // The rule of `enum`, read another way.
  kind: 'enum',
  variantOf: 'enum',
  ajv: () => ({
    keyword: 'enumIgnoringCase',
    schemaType: 'array',
    errors: true,
    compile: (schema: unknown) => {
      const values = listed(schema);
      const lowered = new Set(values.map((v) => v.toLowerCase()));
      const validate: DataValidateFunction = (data: unknown) => {
        if (typeof data === 'string' && lowered.has(data.toLowerCase())) return true;
        validate.errors = [{ keyword: 'enumIgnoringCase', message: `must be one of ${values.join(', ')} (in any case)`, params: { allowedValues: values } }];
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) => {
    const values = listed(node['enumIgnoringCase']);
    return node['enumIgnoringCase'] === undefined
      ? []
      : [defineRule(enumIgnoringCase, node, site, { params: { values, ignoreCase: true }, description: `${displayPath(site)} must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}, in any case` })];
  },
  narrow: (plan, node) => (node['enumIgnoringCase'] === undefined ? plan : { ...planOfType(plan, ['string'], 'enumIgnoringCase'), values: listed(node['enumIgnoringCase']) }),
  // The edge of the rule: the listed values spelled in another case.
  boundaries: (rule, node) => {
    const variants = listed(node['enumIgnoringCase']).flatMap(caseVariants);
    return fc.constantFrom(...variants).map((value) => setAt(rule, `listed value in another case ${JSON.stringify(value)}`, value));
  },
  violations: (rule, node, tools) =>
    fc.constantFrom(...outsiders(listed(node['enumIgnoringCase']), tools.context.style === 'rest')).map((value) => setAt(rule, `unlisted value ${JSON.stringify(value)}`, value)),
};
