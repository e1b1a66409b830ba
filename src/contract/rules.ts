import { keywords } from '../keywords/index.ts';
import type { RuleOptions } from '../keywords/keyword.ts';
import type { Rule } from './rule.ts';
import { walkSchema, type SchemaNode } from './schema-node.ts';

/** Every rule a request schema states for a wire style, in schema order, keyword order within a node. Ids are unique. */
export function deriveRules(schema: SchemaNode, options: RuleOptions): Rule[] {
  const rules: Rule[] = [];
  walkSchema(schema, (node, site) => {
    for (const keyword of keywords) rules.push(...keyword.rules(node, site, options));
  });
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new Error(`deriveRules: rule id ${rule.id} is stated twice (${rule.schemaPointer})`);
    seen.add(rule.id);
  }
  return rules;
}

/** The key that ties an ajv error (schema path, keyword, params) to the rule it reports. */
export function ruleKey(schemaPointer: string, keyword: string, discriminator: string): string {
  return `${schemaPointer}|${keyword}|${discriminator}`;
}
