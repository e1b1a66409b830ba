import type { KeywordDefinition as AjvKeywordDefinition } from 'ajv';
import type { Rule, RuleKind } from '../contract/rule.ts';
import type { NodeSite, SchemaNode } from '../contract/schema-node.ts';
import type { Clock } from './clock.ts';

/** What a custom keyword's ajv implementation may depend on. */
export interface KeywordContext {
  readonly clock: Clock;
}

/**
 * One constraint keyword, defined once: which rules a schema node states with it and, for our own
 * vocabulary, how ajv checks it. Generators of valid and violating values live beside it.
 */
export interface KeywordDefinition {
  /** The keyword's spelling in the schema. */
  readonly keyword: string;
  readonly kind: RuleKind;
  /** The ajv implementation; absent for keywords ajv implements itself. */
  readonly ajv?: (context: KeywordContext) => AjvKeywordDefinition;
  /** The rules that `node` states with this keyword (none when the node does not use it). */
  readonly rules: (node: SchemaNode, site: NodeSite) => Rule[];
}

/** Fields of a rule that differ from the defaults of {@link defineRule}. */
export interface RuleDraft {
  readonly idSuffix?: string;
  readonly discriminator?: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly description: string;
  /** Site of the constrained value when it is not the node itself (required: the child property). */
  readonly target?: NodeSite;
  /** Node whose x-source and x-ambiguous apply when it is not the keyword's node. */
  readonly annotated?: SchemaNode;
  readonly source?: Rule['source'];
  readonly ambiguous?: string | undefined;
}

/** Builds a rule of `keyword` stated on `node` at `site`, taking provenance and ambiguity from the annotations. */
export function defineRule(
  definition: Pick<KeywordDefinition, 'keyword' | 'kind'>,
  node: SchemaNode,
  site: NodeSite,
  draft: RuleDraft,
): Rule {
  const target = draft.target ?? site;
  const annotated = draft.annotated ?? node;
  const itemLevel = target.role === 'items' ? ['items'] : [];
  const id = [...target.path, ...itemLevel, definition.keyword, ...(draft.idSuffix ? [draft.idSuffix] : [])].join('.');
  const ambiguous = draft.ambiguous ?? annotated['x-ambiguous']?.[definition.keyword];
  return {
    id,
    kind: definition.kind,
    keyword: definition.keyword,
    path: target.path,
    pointer: target.pointer,
    schemaPointer: site.schemaPointer,
    discriminator: draft.discriminator ?? '',
    params: draft.params,
    description: draft.description,
    source: draft.source ?? annotated['x-source'] ?? [],
    ...(ambiguous === undefined ? {} : { ambiguous }),
  };
}

/** The parameter path as users write it, e.g. `DataDisk.Size`; `(request)` for the root. */
export function displayPath(site: NodeSite): string {
  return site.path.length === 0 ? '(request)' : site.path.join('.');
}
