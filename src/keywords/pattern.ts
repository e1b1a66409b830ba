import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** `pattern`: the allowed characters or shape of a string, as an ECMAScript regular expression with the `u` flag. */
export const pattern: KeywordDefinition = {
  keyword: 'pattern',
  kind: 'pattern',
  rules: (node, site) =>
    node.pattern === undefined
      ? []
      : [defineRule(pattern, node, site, { params: { pattern: node.pattern }, description: `${displayPath(site)} must match ${node.pattern}` })],
};
