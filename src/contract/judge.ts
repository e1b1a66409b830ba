import { escapePointer, pointerSegments } from '../json/pointer.ts';
import { annotationKeywords, keywords } from '../keywords/index.ts';
import type { WireStyle } from '../keywords/keyword.ts';
import { conditionProperty, type RequiredWhen } from '../keywords/requiredWhen.ts';
import type { Contract } from './load.ts';
import { readingWorld, transformRequest, type Reading, type ReadingChoice, type ReadingWorld } from './readings.ts';
import type { Rule } from './rule.ts';
import { ruleKey } from './rules.ts';
import type { NodeSite, SchemaNode } from './schema-node.ts';
import { compileRequestValidator, createValidatorCompiler, type RuleSchema, type ValidationResult, type ValidatorOptions, type Violation } from './validator.ts';

/** How the readings of one contradiction judge a request. */
export interface ReadingVerdict {
  readonly contradiction: string;
  /** Readings under which the request is valid. */
  readonly accepting: readonly string[];
  /** Readings under which it is invalid. */
  readonly refusing: readonly string[];
}

/**
 * A request judged under every reading of the documents: `invalid` when every reading refuses it,
 * `valid` when every reading accepts it, `ambiguous` when they disagree.
 */
export interface Judgement {
  readonly verdict: 'valid' | 'invalid' | 'ambiguous';
  /** The rules the request breaks as the schema is written (the strictest reading). */
  readonly violations: readonly Violation[];
  /** Those of them the request breaks under every reading. */
  readonly firm: readonly Violation[];
  /** The contradictions whose readings judge the request differently, each with who accepts and who refuses it. */
  readonly readings: readonly ReadingVerdict[];
  /** The pointers of the values the request breaks under some reading: as written, or only where another reading holds. */
  readonly brokenSomewhere: readonly string[];
}

/**
 * Judges a request under every reading. `changed`, when given, says the request is one valid under
 * every reading with only the values at these pointers set or removed (a generated case's edit): the
 * readings that state nothing otherwise about those values then judge it as the schema as written does,
 * and are not consulted.
 */
export type RequestJudge = (request: unknown, changed?: readonly string[]) => Judgement;

const keyOf = (v: Violation): string => `${v.rule}|${v.pointer}`;
const pointersOf = (violations: readonly Violation[]): string[] => [...new Set(violations.map((v) => v.pointer))];

function sameViolations(a: ValidationResult, b: ValidationResult): boolean {
  if (a.violations.length !== b.violations.length) return false;
  const keys = new Set(a.violations.map(keyOf));
  return b.violations.every((v) => keys.has(keyOf(v)));
}

/** Every combination of one reading per contradiction. */
function combinations(contradictions: readonly ReadingChoice[]): Map<string, string>[] {
  return contradictions.reduce<Map<string, string>[]>(
    (worlds, contradiction) => worlds.flatMap((world) => contradiction.readings.map((reading) => new Map([...world, [contradiction.id, reading.id]]))),
    [new Map()],
  );
}

/** Pointer segments that name the same value: equal, or a `*` and an index. */
function sameSegment(a: string, b: string): boolean {
  return a === b || (a === '*' && /^\d+$/.test(b)) || (b === '*' && /^\d+$/.test(a));
}

/** Whether one value lies within the other (or is it): a change to either can change what a check of the other sees. */
function nested(a: readonly string[], b: readonly string[]): boolean {
  const shared = Math.min(a.length, b.length);
  for (let index = 0; index < shared; index += 1) if (!sameSegment(a[index] as string, b[index] as string)) return false;
  return true;
}

/** Schema keys that never change a verdict. */
const annotations = new Set<string>([...annotationKeywords, 'description', 'title', '$comment', 'examples']);

const statementOf = (rule: Rule): string => `${ruleKey(rule.schemaPointer, rule.keyword, rule.discriminator)}=${JSON.stringify(rule.params)}`;

/**
 * The values (pointer templates, split) whose checks a reading world states otherwise than the schema
 * as written: those its differing rules read, and the nodes where it differs in a way no rule states.
 */
function valuesReadOtherwise(asWritten: RuleSchema, world: ReadingWorld, style: WireStyle): string[][] {
  const writtenStatements = new Set(asWritten.rules.map(statementOf));
  const worldStatements = new Set(world.rules.map(statementOf));
  const differing = [...asWritten.rules.filter((r) => !worldStatements.has(statementOf(r))), ...world.rules.filter((r) => !writtenStatements.has(statementOf(r)))];
  const read = differing.flatMap((rule) => [rule.pointer, ...(keywords.find((k) => k.keyword === rule.keyword)?.reads?.(rule) ?? [])]);
  const compare = (written: SchemaNode | undefined, other: SchemaNode | undefined, site: NodeSite): void => {
    if (written === undefined || other === undefined) {
      read.push(site.pointer);
      return;
    }
    for (const key of new Set([...Object.keys(written), ...Object.keys(other)])) {
      if (key === 'properties' || key === 'items' || annotations.has(key) || JSON.stringify(written[key]) === JSON.stringify(other[key])) continue;
      const keyword = keywords.find((k) => k.keyword === key);
      const statements = (node: SchemaNode) => (keyword?.rules(node, site, { style }) ?? []).map(statementOf).join('\n');
      // A difference its rules state is among the differing rules; any other, the whole node.
      if (!keyword || statements(written) === statements(other)) read.push(site.pointer);
    }
    for (const name of new Set([...Object.keys(written.properties ?? {}), ...Object.keys(other.properties ?? {})])) {
      compare(written.properties?.[name], other.properties?.[name], {
        schemaPointer: `${site.schemaPointer}/properties/${escapePointer(name)}`,
        path: [...site.path, name],
        pointer: `${site.pointer}/${escapePointer(name)}`,
        role: 'property',
      });
    }
    if (written.items || other.items) compare(written.items, other.items, { schemaPointer: `${site.schemaPointer}/items`, path: site.path, pointer: `${site.pointer}/*`, role: 'items' });
  };
  compare(asWritten.schema, world.schema, { schemaPointer: '', path: [], pointer: '', role: 'root' });
  return [...new Set(read)].map(pointerSegments);
}

/** Schema keys whose checks stay within their node (or, for presence, its properties): a reading that holds no other can be checked node by node. */
const vocabulary = new Set<string>([...keywords.map((k) => k.keyword), ...annotations, 'properties', 'items', '$schema', '$id']);

/**
 * The schema pointers of the nodes whose own keywords differ between the schema as written and a
 * reading of it, or undefined when the reading changes the schema's shape (a property or item schema
 * added or removed) or either holds keys outside the vocabulary, whose checks may reach across nodes.
 */
function differingNodes(written: SchemaNode, reading: SchemaNode): ReadonlySet<string> | undefined {
  const differing = new Set<string>();
  const compare = (a: SchemaNode, b: SchemaNode, pointer: string): boolean => {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    if (keys.some((key) => !vocabulary.has(key))) return false;
    if (keys.some((key) => key !== 'properties' && key !== 'items' && JSON.stringify(a[key]) !== JSON.stringify(b[key]))) differing.add(pointer);
    const names = Object.keys(a.properties ?? {});
    if (names.length !== Object.keys(b.properties ?? {}).length || (a.items === undefined) !== (b.items === undefined)) return false;
    const samePropertiesShape = names.every((name) => {
      const [child, other] = [a.properties?.[name], b.properties?.[name]];
      return child !== undefined && other !== undefined && compare(child, other, `${pointer}/properties/${escapePointer(name)}`);
    });
    // A condition on a property (requiredWhen) reads its value as the property's own keywords list it (case-blind or not).
    const conditionsRead = new Set([a, b].flatMap((node) => (Array.isArray(node['requiredWhen']) ? (node['requiredWhen'] as RequiredWhen[]) : []).map(conditionProperty)));
    if ([...conditionsRead].some((name) => differing.has(`${pointer}/properties/${escapePointer(name)}`))) differing.add(pointer);
    return samePropertiesShape && (a.items === undefined || b.items === undefined || compare(a.items, b.items, `${pointer}/items`));
  };
  return compare(written, reading, '') ? differing : undefined;
}

/** The part of a schema that reaches the `differing` nodes: those nodes with all their keywords, and on the way to them only properties and items. */
function partReaching(node: SchemaNode, pointer: string, differing: ReadonlySet<string>): SchemaNode | undefined {
  const childParts = Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const part = partReaching(child, `${pointer}/properties/${escapePointer(name)}`, differing);
    return part ? [[name, part] as const] : [];
  });
  const itemsPart = node.items && partReaching(node.items, `${pointer}/items`, differing);
  const own = differing.has(pointer);
  if (!own && childParts.length === 0 && !itemsPart) return undefined;
  const { properties, items: _items, ...ownKeywords } = node;
  // Every property is named (an empty schema checks nothing), so that `required` names declared properties.
  const named = properties && { properties: { ...Object.fromEntries(Object.keys(properties).map((name) => [name, {}])), ...Object.fromEntries(childParts) } };
  return { ...(own ? ownKeywords : {}), ...named, ...(itemsPart ? { items: itemsPart } : {}) };
}

/** How one world judges a request, given how the schema as written judges it. */
export type WorldValidator = (request: unknown, written: ValidationResult) => ValidationResult;

/** The validators of a contract's reading worlds: see {@link createWorldValidators}. */
export interface WorldValidators {
  /** The validator of the schema as written. */
  readonly written: (request: unknown) => ValidationResult;
  /** The validator of a world, compiled on first use. */
  readonly of: (world: ReadingWorld) => WorldValidator;
}

/**
 * Validators of a contract's schema as written and of its reading worlds, compiled once each. A world
 * that differs from the schema as written node by node is checked as the schema as written outside
 * those nodes and by a validator of only those nodes within them: compiling the whole schema again
 * for each reading costs more than most runs spend validating. Any other world is compiled whole.
 */
export function createWorldValidators(contract: Contract, options: ValidatorOptions = {}): WorldValidators {
  const compileWhole = createValidatorCompiler(options);
  const compilePart = createValidatorCompiler(options, { strictTypes: false });
  const writtenRules = new Map(contract.rules.map((rule) => [rule.id, rule]));
  const validators = new Map<string, WorldValidator>([['', (_request, written) => written]]);
  const compileWorld = (world: ReadingWorld): WorldValidator => {
    let compiled: ((request: unknown) => ValidationResult) | undefined;
    const whole = (request: unknown) => (compiled ??= compileWhole(world))(transformRequest(request, world.transforms));
    const differing = world.transforms.length === 0 ? differingNodes(contract.requestSchema, world.schema) : undefined;
    if (!differing) return (request) => whole(request);
    const part = partReaching(world.schema, '', differing);
    if (!part) return (_request, written) => written;
    const validatePart = compilePart({ schema: part, rules: world.rules });
    return (request, written) => {
      const kept: Violation[] = [];
      for (const violation of written.violations) {
        const rule = writtenRules.get(violation.rule);
        // A violation no rule states cannot be placed on a node: the whole world judges the request.
        if (!rule) return whole(request);
        if (!differing.has(rule.schemaPointer)) kept.push(violation);
      }
      const violations = [...kept, ...validatePart(request).violations];
      return { valid: violations.length === 0, violations };
    };
  };
  return {
    written: compileWhole({ schema: contract.requestSchema, rules: contract.rules }),
    of: (world) => {
      let validator = validators.get(world.key);
      if (!validator) validators.set(world.key, (validator = compileWorld(world)));
      return validator;
    },
  };
}

/** A reading that changes what a request must satisfy: its world, and whether it can judge a change at given values otherwise than the schema as written. */
interface OtherReading {
  readonly world: ReadingWorld;
  readonly mayDiffer: (changed: readonly (readonly string[])[]) => boolean;
}

/**
 * The judge of a contract's requests. The schema as written is the strictest reading, so a request it
 * accepts is valid under every reading; a request it refuses is checked against each reading of each
 * contradiction (those that can see its changed values, when they are given), and where readings
 * matter, against every combination of them.
 */
export function createRequestJudge(contract: Contract, options: ValidatorOptions = {}): RequestJudge {
  const style = contract.document.binding.style;
  const asWritten = { schema: contract.requestSchema, rules: contract.rules };
  const validators = createWorldValidators(contract, options);
  const worlds = new Map<string, ReadingWorld>();
  const worldOf = (choices: ReadonlyMap<string, string>): ReadingWorld => {
    const key = [...choices].map(([c, r]) => `${c}=${r}`).sort().join('&');
    let world = worlds.get(key);
    if (!world) worlds.set(key, (world = readingWorld(asWritten, style, contract.readings, choices)));
    return world;
  };
  const others = new Map<string, OtherReading | undefined>();
  /** The reading as a world of its own, or undefined when it is the schema as written. */
  const otherReading = (contradiction: ReadingChoice, reading: Reading): OtherReading | undefined => {
    const key = `${contradiction.id}=${reading.id}`;
    if (!others.has(key)) {
      const world = worldOf(new Map([[contradiction.id, reading.id]]));
      const read = world.key === '' ? [] : valuesReadOtherwise(asWritten, world, style);
      const mayDiffer = (changed: readonly (readonly string[])[]) => world.transforms.length > 0 || read.some((value) => changed.some((c) => nested(value, c)));
      others.set(key, world.key === '' ? undefined : { world, mayDiffer });
    }
    return others.get(key);
  };

  return (request, changed) => {
    const written = validators.written(request);
    if (written.valid) return { verdict: 'valid', violations: [], firm: [], readings: [], brokenSomewhere: [] };
    const changedValues = changed?.map(pointerSegments);
    // Each world validates the request once; a combination with one reading apart from the schema as written is that reading's world.
    const results = new Map<string, ValidationResult>([['', written]]);
    const resultIn = (world: ReadingWorld): ValidationResult => {
      let result = results.get(world.key);
      if (!result) results.set(world.key, (result = validators.of(world)(request, written)));
      return result;
    };
    // The contradictions whose readings see this request otherwise than the schema as written does.
    const relevant = contract.readings.filter((c) =>
      c.readings.some((r) => {
        const other = otherReading(c, r);
        return other !== undefined && (changedValues === undefined || other.mayDiffer(changedValues)) && !sameViolations(written, resultIn(other.world));
      }),
    );
    if (relevant.length === 0) return { verdict: 'invalid', violations: written.violations, firm: written.violations, readings: [], brokenSomewhere: pointersOf(written.violations) };
    const judged = combinations(relevant).map((choices) => ({ choices, result: resultIn(worldOf(choices)) }));
    const invalidEverywhere = judged.every((j) => !j.result.valid);
    const firm = written.violations.filter((v) => judged.every((j) => j.result.violations.some((w) => keyOf(w) === keyOf(v))));
    const readings = relevant.map((c): ReadingVerdict => ({
      contradiction: c.id,
      accepting: c.readings.filter((r) => judged.some((j) => j.choices.get(c.id) === r.id && j.result.valid)).map((r) => r.id),
      refusing: c.readings.filter((r) => judged.some((j) => j.choices.get(c.id) === r.id && !j.result.valid)).map((r) => r.id),
    }));
    const verdict = invalidEverywhere ? 'invalid' : judged.every((j) => j.result.valid) ? 'valid' : 'ambiguous';
    const brokenSomewhere = pointersOf([...written.violations, ...judged.flatMap((j) => j.result.violations)]);
    return { verdict, violations: written.violations, firm, readings: verdict === 'ambiguous' ? readings.filter((r) => r.accepting.length > 0 && r.refusing.length > 0) : readings, brokenSomewhere };
  };
}

/**
 * A validator that follows one chosen reading per contradiction (unnamed ones: the first reading the
 * contract lists), as an endpoint that picked its readings does: the emulator's validator.
 */
export function createReadingValidator(contract: Contract, chosen: ReadonlyMap<string, string> = new Map(), options: ValidatorOptions = {}): (request: unknown) => ValidationResult {
  const choices = new Map(contract.readings.map((c) => [c.id, chosen.get(c.id) ?? (c.readings[0]?.id as string)]));
  for (const [id, reading] of chosen) {
    const contradiction = contract.readings.find((c) => c.id === id);
    if (!contradiction) throw new Error(`${contract.id} has no contradiction ${id} with readings that differ; known: ${contract.readings.map((c) => c.id).join(', ')}`);
    if (!contradiction.readings.some((r) => r.id === reading)) throw new Error(`${contract.id}: ${id} has no reading ${reading}; known: ${contradiction.readings.map((r) => r.id).join(', ')}`);
  }
  const world = readingWorld({ schema: contract.requestSchema, rules: contract.rules }, contract.document.binding.style, contract.readings, choices);
  const compiled = compileRequestValidator(world, options);
  return (request) => compiled(transformRequest(request, world.transforms));
}
