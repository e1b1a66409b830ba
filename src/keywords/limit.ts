import type { RuleKind } from '../contract/rule.ts';
import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

type LimitKeyword = 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems';

/** Defines an inclusive numeric limit keyword (ranges, lengths, counts): they differ only in words. */
export function defineLimitKeyword(keyword: LimitKeyword, kind: RuleKind, describe: (path: string, limit: number) => string): KeywordDefinition {
  const definition: KeywordDefinition = {
    keyword,
    kind,
    rules: (node, site) => {
      const limit = node[keyword];
      return limit === undefined ? [] : [defineRule(definition, node, site, { params: { limit }, description: describe(displayPath(site), limit) })];
    },
  };
  return definition;
}
