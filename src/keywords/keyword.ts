import type { KeywordDefinition as AjvKeywordDefinition } from 'ajv';
import type { Arbitrary } from 'fast-check';
import type { Rule, RuleKind } from '../contract/rule.ts';
import type { NodeSite, SchemaNode } from '../contract/schema-node.ts';
import type { Clock } from './clock.ts';
import type { ValuePlan } from './value-plan.ts';

/** What a custom keyword's ajv implementation may depend on. */
export interface KeywordContext {
  readonly clock: Clock;
}

/** How requests travel: `rpc` turns every value into a query string, `rest` sends JSON. */
export type WireStyle = 'rpc' | 'rest';

/** What rule derivation depends on besides the schema. */
export interface RuleOptions {
  /** On the RPC wire every value is a string, so a rule that only JSON can break states nothing there. */
  readonly style: WireStyle;
}

/** What generation depends on: the clock, a safety margin for date windows, the wire style. */
export interface GenerationContext {
  readonly clock: Clock;
  /**
   * How far inside (valid) or outside (violating) a date window generated times stay, so that latency
   * and clock skew between suite and endpoint never flip a case. @default 10 minutes
   */
  readonly marginMs: number;
  readonly style: WireStyle;
}

/**
 * A change to a valid request: set or remove the value at `at` (a JSON pointer; `*` means the first
 * entry), after pinning other values the change relies on (a condition, a sibling).
 */
export interface Edit {
  /** Words for the case, e.g. `max + 1`, `missing`, `+08:00 offset`. */
  readonly label: string;
  readonly at: string;
  readonly action: { readonly set: unknown } | { readonly remove: true };
  readonly pins?: Readonly<Record<string, unknown>>;
  /** The value set is any valid one (the rule is about presence or type), so binding may replace it with a fixture's. */
  readonly anyValue?: boolean;
}

/** What a keyword's generators may ask of the generator engine. */
export interface CaseTools {
  readonly context: GenerationContext;
  /** A node's plan after every keyword on it narrowed it. */
  plan(node: SchemaNode): ValuePlan;
  /** Valid values of a node (nested rules included), optionally from a narrower plan. */
  valid(node: SchemaNode, plan?: ValuePlan): Arbitrary<unknown>;
  /** The request-schema node at a pointer template such as `/DataDisk/*\/Size`. */
  nodeAt(pointer: string): SchemaNode;
}

/**
 * One constraint keyword, defined once: the rules a schema node states with it, how ajv checks it
 * (our own vocabulary only), how it narrows valid generation, and which edits sit on its boundary
 * (valid) or just past it (violations).
 */
export interface KeywordDefinition {
  /** The keyword's spelling in the schema. */
  readonly keyword: string;
  readonly kind: RuleKind;
  /** The keyword whose rule this one states another way (a reading may put it in that keyword's place). */
  readonly variantOf?: string;
  /** The ajv implementation; absent for keywords ajv implements itself. */
  readonly ajv?: (context: KeywordContext) => AjvKeywordDefinition;
  /** The rules that `node` states with this keyword (none when the node does not use it). */
  readonly rules: (node: SchemaNode, site: NodeSite, options: RuleOptions) => Rule[];
  /** Narrows the valid space of a node's values; absent for keywords the object builder reads itself. */
  readonly narrow?: (plan: ValuePlan, node: SchemaNode, context: GenerationContext) => ValuePlan;
  /** Valid edits exactly at the rule's limit. `node` holds the keyword. */
  readonly boundaries: (rule: Rule, node: SchemaNode, tools: CaseTools) => Arbitrary<Edit>;
  /** Edits that break the rule and nothing else. `node` holds the keyword. */
  readonly violations: (rule: Rule, node: SchemaNode, tools: CaseTools) => Arbitrary<Edit>;
  /** A limit keyword's measure (ranges, lengths, counts): how `probe` walks to either side of the limit. */
  readonly measure?: LimitMeasure;
  /**
   * Pointer templates of the values a rule's check reads besides its own (`rule.pointer` and what lies
   * below it), e.g. a condition's sibling; absent when it reads no other.
   */
  readonly reads?: (rule: Rule) => readonly string[];
}

/**
 * What a limit keyword bounds: the side (`maximum` the upper one), what it measures (the number
 * itself, a string's length in characters, a list's entries), and edits setting that measure to any size.
 */
export interface LimitMeasure {
  readonly side: 'upper' | 'lower';
  readonly of: 'value' | 'length' | 'items';
  /** The smallest size worth sending: 0 for lengths and counts; for numbers the smallest 32-bit integer (past it a request tests the parser, not the rule). */
  readonly floor: number;
  /** The largest size worth sending: past it a request tests the parser or the transport, not the rule (2^31 for numbers, 65,536 characters, 1,024 entries). */
  readonly ceiling: number;
  /** Edits setting the rule's value to one of measure `size`, valid in every other respect. `node` holds the keyword. */
  readonly edit: (rule: Rule, node: SchemaNode, tools: CaseTools, size: number) => Arbitrary<Edit>;
}

/** Fields of a rule that differ from the defaults of {@link defineRule}. */
export interface RuleDraft {
  readonly idSuffix?: string;
  readonly discriminator?: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly description: string;
  /** Site of the constrained value when it is not the node itself (required: the child property). */
  readonly target?: NodeSite;
  /** Node whose x-source applies when it is not the keyword's node. */
  readonly annotated?: SchemaNode;
  readonly source?: Rule['source'];
}

/** Builds a rule of `keyword` stated on `node` at `site`, taking its provenance from the annotations. */
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
  };
}

/** The parameter path as users write it, e.g. `DataDisk.Size`; `(request)` for the root. */
export function displayPath(site: NodeSite): string {
  return site.path.length === 0 ? '(request)' : site.path.join('.');
}

/** An edit that sets `value` at the rule's value. */
export function setAt(rule: Rule, label: string, value: unknown): Edit {
  return { label, at: rule.pointer, action: { set: value } };
}
