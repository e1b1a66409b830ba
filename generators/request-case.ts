import fc from 'fast-check';
import type { Contract } from '../src/contract/load.ts';
import type { Rule } from '../src/contract/rule.ts';
import type { SchemaNode } from '../src/contract/schema-node.ts';
import { nodeAt } from '../src/contract/schema-node.ts';
import { createRequestValidator } from '../src/contract/validator.ts';
import { keywords } from '../src/keywords/index.ts';
import type { CaseTools, Edit, GenerationContext, KeywordDefinition } from '../src/keywords/keyword.ts';
import { createGenerationContext, type GenerationOptions } from './context.ts';
import { planFor } from './plan.ts';
import { concrete, segmentsOf, withValueAt } from './pointer.ts';
import { noRequirements, validValue, type Requirements } from './valid/index.ts';

/** What the endpoint should answer to a case. */
export type Expectation =
  | { readonly outcome: 'accept' }
  /** Rejection with a 4xx status; `codes` are the vendor's codes for this kind of fault (any documented code passes). */
  | { readonly outcome: 'reject'; readonly codes: readonly string[] }
  /** The docs contradict themselves on the rule: either answer is conforming, and which one tells the reading. */
  | { readonly outcome: 'either'; readonly contradiction: string };

/** A generated request with its label. */
export interface RequestCase {
  readonly kind: 'valid' | 'violation';
  /** The rule the case breaks (violation) or sits exactly on the edge of (valid). */
  readonly rule?: string;
  readonly label: string;
  /** The concrete JSON pointer of the value the case changed. */
  readonly pointer?: string;
  /** The value set there; absent when the case removed it. */
  readonly value?: unknown;
  /** The value set is any valid one: binding may put a fixture's value there instead. */
  readonly anyValue?: boolean;
  readonly request: Readonly<Record<string, unknown>>;
  readonly expected: Expectation;
}

/** Generators of one contract's cases, sharing one context and one validator. */
export interface CaseGenerators {
  readonly contract: Contract;
  readonly context: GenerationContext;
  /** Valid requests exploring every optional field, list length and boundary value. */
  readonly valid: () => fc.Arbitrary<RequestCase>;
  /** Valid requests exactly at the rule's limit. */
  readonly boundary: (rule: Rule) => fc.Arbitrary<RequestCase>;
  /** Requests that break the rule and no other unambiguous rule. */
  readonly violation: (rule: Rule) => fc.Arbitrary<RequestCase>;
}

function keywordOf(rule: Rule): KeywordDefinition {
  const definition = keywords.find((k) => k.keyword === rule.keyword);
  if (!definition) throw new Error(`request-case: no keyword definition for ${rule.keyword} (rule ${rule.id})`);
  return definition;
}

/** The schema node that describes the value at an instance pointer template. */
function schemaNodeAt(root: SchemaNode, pointer: string): SchemaNode {
  let node: SchemaNode | undefined = root;
  for (const segment of segmentsOf(pointer)) {
    node = segment === '*' || /^\d+$/.test(segment) ? node?.items : node?.properties?.[segment];
    if (!node) throw new Error(`request-case: the schema has no node at ${pointer}`);
  }
  return node;
}

/**
 * Rules that a violation of `rule` cannot help breaking too: a value of the wrong type is never one
 * of an enum's listed values. Every other violation is a single fault.
 */
export function alsoBrokenBy(rule: Rule, other: string): boolean {
  return rule.kind === 'type' && other === `${rule.path.join('.')}.enum`;
}

function requirementsOf(edit: Edit): Requirements {
  const at = concrete(edit.at);
  const parent = at.slice(0, at.lastIndexOf('/'));
  const pins = new Map(Object.entries(edit.pins ?? {}).map(([pointer, value]) => [concrete(pointer), value]));
  return { pins, force: new Set(parent === '' ? [] : [parent]) };
}

function expectationOf(contract: Contract, rule: Rule): Expectation {
  if (rule.ambiguous !== undefined) return { outcome: 'either', contradiction: rule.ambiguous };
  const { validation } = contract.globalErrors;
  return { outcome: 'reject', codes: rule.kind === 'required' || rule.kind === 'conditional' ? validation.missing : validation.invalid };
}

/** Case generators of a contract. Clock-relative values are measured from `options.clock` with `options.marginMs` to spare. */
export function createCaseGenerators(contract: Contract, options: GenerationOptions = {}): CaseGenerators {
  const context = createGenerationContext(contract.document.binding.style, options);
  const validate = createRequestValidator(contract, { clock: context.clock });
  const root = contract.requestSchema;
  const tools: CaseTools = {
    context,
    plan: (node) => planFor(node, context),
    valid: (node, plan) => validValue(node, '#', context, noRequirements, plan ? { plan } : {}),
    nodeAt: (pointer) => schemaNodeAt(root, pointer),
  };
  const request = (requirements: Requirements): fc.Arbitrary<Record<string, unknown>> =>
    validValue(root, '', context, requirements) as fc.Arbitrary<Record<string, unknown>>;

  const edited = (rule: Rule, edits: fc.Arbitrary<Edit>, kind: RequestCase['kind']): fc.Arbitrary<RequestCase> =>
    edits
      .chain((edit) =>
        request(requirementsOf(edit)).map((base): RequestCase => {
          const changed = withValueAt(base, edit.at, edit.action) as Record<string, unknown>;
          return {
            kind,
            rule: rule.id,
            label: edit.label,
            pointer: concrete(edit.at),
            ...('set' in edit.action ? { value: edit.action.set } : {}),
            ...(edit.anyValue ? { anyValue: true } : {}),
            request: changed,
            expected: kind === 'valid' ? { outcome: 'accept' } : expectationOf(contract, rule),
          };
        }),
      )
      // The label must be true: a boundary case breaks nothing, a violation breaks its rule and no other unambiguous one.
      .filter((c) => {
        const broken = validate(c.request).violations;
        if (kind === 'valid') return broken.length === 0;
        return broken.some((v) => v.rule === rule.id) && broken.every((v) => v.rule === rule.id || v.ambiguous !== undefined || alsoBrokenBy(rule, v.rule));
      });

  return {
    contract,
    context,
    // No filter here: valid requests are valid by construction, and the property tests hold them to it.
    valid: () => request(noRequirements).map((r): RequestCase => ({ kind: 'valid', label: 'valid request', request: r, expected: { outcome: 'accept' } })),
    boundary: (rule) => edited(rule, keywordOf(rule).boundaries(rule, nodeAt(root, rule.schemaPointer) ?? {}, tools), 'valid'),
    violation: (rule) => edited(rule, keywordOf(rule).violations(rule, nodeAt(root, rule.schemaPointer) ?? {}, tools), 'violation'),
  };
}
