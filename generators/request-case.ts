import fc from 'fast-check';
import { createRequestJudge, type Judgement, type ReadingVerdict } from '../src/contract/judge.ts';
import type { Contract } from '../src/contract/load.ts';
import { readingWorld } from '../src/contract/readings.ts';
import type { Rule } from '../src/contract/rule.ts';
import type { SchemaNode } from '../src/contract/schema-node.ts';
import { nodeAt } from '../src/contract/schema-node.ts';
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
  /** The readings of the documents disagree on this request: either answer is conforming, and which one tells the reading. */
  | { readonly outcome: 'either'; readonly readings: readonly ReadingVerdict[] };

/**
 * What a case is, judged under every reading of the documents: `valid` (every reading accepts it),
 * `violation` (every reading refuses it, and it breaks its rule alone), `probe` (the readings disagree:
 * the answer tells which reading the endpoint follows).
 */
export type CaseKind = 'valid' | 'violation' | 'probe';

/** A generated request with its label. */
export interface RequestCase {
  readonly kind: CaseKind;
  /** The rule the case breaks (violation), sits exactly on the edge of (valid) or reads two ways (probe). */
  readonly rule?: string;
  readonly label: string;
  /** The concrete JSON pointer of the value the case changed. */
  readonly pointer?: string;
  /** The value set there; absent when the case removed it. */
  readonly value?: unknown;
  /** The value set is any valid one: binding may put a fixture's value there instead. */
  readonly anyValue?: boolean;
  /** Pointers of values the case pinned so that its rule applies (a condition's sibling). */
  readonly pins?: readonly string[];
  /** Pointers of the values that break a rule under some reading (as written or another): an endpoint may name any of them when it refuses the case. */
  readonly broken?: readonly string[];
  readonly request: Readonly<Record<string, unknown>>;
  readonly expected: Expectation;
}

/** The cases a rule gets: on its edge, past it, and where the readings of the documents disagree. */
export type CaseMode = 'boundary' | 'violation' | 'probe';

/** Generators of one contract's cases, sharing one context and one judge. */
export interface CaseGenerators {
  readonly contract: Contract;
  readonly context: GenerationContext;
  /** Judges a request under every reading of the documents. */
  readonly judge: (request: unknown) => Judgement;
  /** Valid requests exploring every optional field, list length and boundary value; valid under every reading by construction. */
  readonly valid: () => fc.Arbitrary<RequestCase>;
  /**
   * Candidate cases of a rule: each draw is a labelled case of `mode`, or undefined when the edit drawn
   * does not make one (its readings judge it otherwise). See {@link drawCases}.
   */
  readonly candidates: (rule: Rule, mode: CaseMode) => fc.Arbitrary<RequestCase | undefined>;
  /**
   * The case with another request in its place, if the readings still judge that request the same way
   * (`valid` for a random valid request; for the others, a case of the same mode for the same rule).
   */
  readonly relabel: (c: RequestCase, mode: CaseMode | 'valid', request: Readonly<Record<string, unknown>>) => RequestCase | undefined;
  /**
   * Minimal valid requests for probing a rule: only what is required, what holds the rule's value, and
   * the `include` pointers. A probe sets the rule's value on one of them, size after size.
   */
  readonly minimalFor: (rule: Rule, include?: readonly string[]) => fc.Arbitrary<Record<string, unknown>>;
  /**
   * `base` with a limit rule's value at measure `size` (the number, a length, a count): valid inside
   * the documented limits, a violation of the rule alone past them; undefined when the size makes
   * neither (it breaks another rule too).
   */
  readonly atSize: (rule: Rule, size: number, base: Readonly<Record<string, unknown>>) => fc.Arbitrary<RequestCase | undefined>;
  /**
   * `base` with the rule's value set to `value` (or removed when `value` is undefined), labelled as
   * valid, a violation of the rule alone, or a probe where the readings disagree; undefined otherwise.
   */
  readonly withValue: (rule: Rule, value: unknown, base: Readonly<Record<string, unknown>>, label: string) => RequestCase | undefined;
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
  return rule.kind === 'type' && (other === `${rule.path.join('.')}.enum` || other === `${rule.path.join('.')}.enumIgnoringCase`);
}

function requirementsOf(edit: Edit): Requirements {
  const at = concrete(edit.at);
  const parent = at.slice(0, at.lastIndexOf('/'));
  const pins = new Map(Object.entries(edit.pins ?? {}).map(([pointer, value]) => [concrete(pointer), value]));
  return { pins, force: new Set(parent === '' ? [] : [parent]) };
}

function refusalCodes(contract: Contract, rule: Rule): readonly string[] {
  const { validation } = contract.globalErrors;
  return rule.kind === 'required' || rule.kind === 'conditional' ? validation.missing : validation.invalid;
}

/** The label a judged request earns as a case of `rule` in `mode`, or undefined. */
function labelOf(contract: Contract, rule: Rule, mode: CaseMode, judged: Judgement): Pick<RequestCase, 'kind' | 'expected' | 'broken'> | undefined {
  // Every value some reading holds broken: a refusal naming one of them is about the case.
  const broken = judged.brokenSomewhere;
  if (mode === 'boundary') return judged.verdict === 'valid' ? { kind: 'valid', expected: { outcome: 'accept' } } : undefined;
  if (mode === 'probe') return judged.verdict === 'ambiguous' ? { kind: 'probe', expected: { outcome: 'either', readings: judged.readings }, broken } : undefined;
  if (judged.verdict !== 'invalid' || !judged.violations.some((v) => v.rule === rule.id)) return undefined;
  // A single fault: anything else it breaks is excused by some reading, or cannot help being broken with it.
  const firm = new Set(judged.firm.map((v) => `${v.rule}|${v.pointer}`));
  const alone = judged.violations.every((v) => v.rule === rule.id || alsoBrokenBy(rule, v.rule) || !firm.has(`${v.rule}|${v.pointer}`));
  return alone ? { kind: 'violation', expected: { outcome: 'reject', codes: refusalCodes(contract, rule) }, broken } : undefined;
}

/** Case generators of a contract. Clock-relative values are measured from `options.clock` with `options.marginMs` to spare. */
export function createCaseGenerators(contract: Contract, options: GenerationOptions = {}): CaseGenerators {
  const context = createGenerationContext(contract.document.binding.style, options);
  const judge = createRequestJudge(contract, { clock: context.clock });
  const root = contract.requestSchema;
  const toolsFor = (schema: SchemaNode): CaseTools => ({
    context,
    plan: (node) => planFor(node, context),
    valid: (node, plan) => validValue(node, '#', context, noRequirements, plan ? { plan } : {}),
    nodeAt: (pointer) => schemaNodeAt(schema, pointer),
  });
  const tools = toolsFor(root);
  const request = (requirements: Requirements): fc.Arbitrary<Record<string, unknown>> => validValue(root, '', context, requirements) as fc.Arbitrary<Record<string, unknown>>;

  /**
   * Applies each edit to a valid request (random, or the `base` given) and labels the result for `rule`
   * in the first of `modes` that fits. A random request is valid under every reading by construction,
   * so the judge is told which values the edit and its pins changed and consults only the readings
   * that see them; a given base may be anything, so it is judged in full.
   */
  const edited = (rule: Rule, edits: fc.Arbitrary<Edit>, modes: CaseMode | readonly CaseMode[], base?: Readonly<Record<string, unknown>>): fc.Arbitrary<RequestCase | undefined> =>
    edits.chain((edit) => {
      const changedValues = base ? undefined : [edit.at, ...Object.keys(edit.pins ?? {})].map(concrete);
      return (base ? fc.constant(base) : request(requirementsOf(edit))).map((valid): RequestCase | undefined => {
        const changed = withValueAt(valid, edit.at, edit.action) as Record<string, unknown>;
        const judged = judge(changed, changedValues);
        const label = (typeof modes === 'string' ? [modes] : modes).map((mode) => labelOf(contract, rule, mode, judged)).find((l) => l !== undefined);
        if (!label) return undefined;
        return {
          ...label,
          rule: rule.id,
          label: edit.label,
          pointer: concrete(edit.at),
          ...('set' in edit.action ? { value: edit.action.set } : {}),
          ...(edit.anyValue ? { anyValue: true } : {}),
          ...(edit.pins && Object.keys(edit.pins).length > 0 ? { pins: Object.keys(edit.pins).map(concrete) } : {}),
          request: changed,
        };
      });
    });

  const boundaries = (rule: Rule, schema: SchemaNode, caseTools: CaseTools) => keywordOf(rule).boundaries(rule, nodeAt(schema, rule.schemaPointer) ?? {}, caseTools);
  const violations = (rule: Rule) => keywordOf(rule).violations(rule, nodeAt(root, rule.schemaPointer) ?? {}, tools);

  /**
   * Edits on the edge of the rule as each other reading states it (a Chinese first character, `image`
   * for `Image`, a control character in an ASCII token): where the readings disagree, they are probes.
   */
  const readingEdges = (rule: Rule): fc.Arbitrary<Edit>[] => {
    const contradiction = contract.readings.find((c) => c.id === rule.ambiguous);
    if (!contradiction) return [];
    return contradiction.readings
      .filter((reading) => reading.patch.length > 0)
      .flatMap((reading) => {
        const world = readingWorld({ schema: root, rules: contract.rules }, context.style, contract.readings, new Map([[contradiction.id, reading.id]]));
        const worldTools = toolsFor(world.schema);
        return world.rules.filter((r) => r.pointer === rule.pointer && r.kind === rule.kind).map((r) => boundaries(r, world.schema, worldTools));
      });
  };

  return {
    contract,
    context,
    judge: (request) => judge(request),
    valid: () => request(noRequirements).map((r): RequestCase => ({ kind: 'valid', label: 'valid request', request: r, expected: { outcome: 'accept' } })),
    relabel: (c, mode, changed) => {
      if (mode === 'valid') return judge(changed).verdict === 'valid' ? { ...c, request: changed } : undefined;
      const rule = contract.rules.find((r) => r.id === c.rule);
      const label = rule ? labelOf(contract, rule, mode, judge(changed)) : undefined;
      return label ? { ...c, ...label, request: changed } : undefined;
    },
    candidates: (rule, mode) => {
      if (mode === 'boundary') return edited(rule, boundaries(rule, root, tools), mode);
      if (mode === 'violation') return edited(rule, violations(rule), mode);
      // Past the rule, on its edge, and on its edge as other readings state it: whatever the readings judge differently.
      return edited(rule, fc.oneof(violations(rule), boundaries(rule, root, tools), ...readingEdges(rule)), mode);
    },
    minimalFor: (rule, include = []) => {
      const requirements = requirementsOf({ label: '', at: rule.pointer, action: { remove: true } });
      return request({ ...requirements, force: new Set([...requirements.force, ...include]), minimal: true });
    },
    withValue: (rule, value, base, label) => {
      const edit: Edit = { label, at: rule.pointer, action: value === undefined ? { remove: true } : { set: value } };
      return fc.sample(edited(rule, fc.constant(edit), ['boundary', 'violation', 'probe'], base), { numRuns: 1 })[0];
    },
    atSize: (rule, size, base) => {
      const measure = keywordOf(rule).measure;
      if (!measure) throw new Error(`request-case: ${rule.keyword} measures nothing (rule ${rule.id})`);
      return edited(rule, measure.edit(rule, nodeAt(root, rule.schemaPointer) ?? {}, tools, size), ['boundary', 'violation'], base);
    },
  };
}

/** Mixes a seed with a draw number: each round of drawing gets its own stream. */
function roundSeed(seed: number, round: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(round + 1, 0x85ebca6b)) >>> 0;
}

/**
 * Candidates looked at before drawing gives up on a rule that has yielded no case at all: its readings
 * judge every edit of that kind otherwise (a pattern violation that some reading allows is only ever a
 * probe), and a grown plan would draw 8 per case in vain. The scarcest cases of our contracts come one
 * candidate in 14 (`migration_type.enum` probes): 200 draws all miss them once in millions.
 */
export const fruitlessDraws = 200;

/**
 * Up to `count` cases drawn from candidates, deterministically for a seed, looking at no more than
 * `maxDraws` candidates, and no more than {@link fruitlessDraws} while none is a case: a rule whose
 * edits its readings judge otherwise yields fewer, never hangs. Each round draws as many candidates as
 * cases are missing (at least 4), so none is built in vain where most candidates are cases.
 */
export function drawCases(candidates: fc.Arbitrary<RequestCase | undefined>, seed: number, count: number, maxDraws = 8 * count + 8): RequestCase[] {
  const cases: RequestCase[] = [];
  for (let round = 0, drawn = 0; cases.length < count && drawn < maxDraws && (cases.length > 0 || drawn < fruitlessDraws); round += 1) {
    const missing = cases.length === 0 ? Math.min(count, fruitlessDraws - drawn) : count - cases.length;
    const draws = Math.min(Math.max(4, missing), maxDraws - drawn);
    for (const c of fc.sample(candidates, { seed: roundSeed(seed, round), numRuns: draws })) {
      if (c && cases.length < count) cases.push(c);
    }
    drawn += draws;
  }
  return cases;
}
