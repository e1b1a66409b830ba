import { formats } from './formats/index.ts';
import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** `format`: a named string shape from our format registry (ajv checks it through `addFormat`). */
export const format: KeywordDefinition = {
  keyword: 'format',
  kind: 'format',
  rules: (node, site) => {
    if (node.format === undefined) return [];
    const known = formats.get(node.format);
    if (!known) throw new Error(`format: unknown format "${node.format}" at ${site.schemaPointer || '/'}; add it to keywords/formats`);
    return [defineRule(format, node, site, { params: { format: node.format }, description: `${displayPath(site)} must be a ${known.description}` })];
  },
};
