import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** `enum`: one of the listed values. */
export const enumKeyword: KeywordDefinition = {
  keyword: 'enum',
  kind: 'enum',
  rules: (node, site) =>
    node.enum === undefined
      ? []
      : [defineRule(enumKeyword, node, site, { params: { values: node.enum }, description: `${displayPath(site)} must be one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}` })],
};
