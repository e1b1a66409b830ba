import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** `type`: the JSON type of a value (for RPC parameters, the type the wire string must parse as). */
export const type: KeywordDefinition = {
  keyword: 'type',
  kind: 'type',
  rules: (node, site) =>
    node.type === undefined || site.role === 'root'
      ? []
      : [defineRule(type, node, site, { params: { type: node.type }, description: `${displayPath(site)} must be of type ${String(node.type)}` })],
};
