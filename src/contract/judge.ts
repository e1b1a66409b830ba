import type { Contract } from './load.ts';
import { readingWorld, transformRequest, type ReadingChoice, type ReadingWorld } from './readings.ts';
import { compileRequestValidator, type ValidationResult, type ValidatorOptions, type Violation } from './validator.ts';

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
}

const keyOf = (v: Violation): string => `${v.rule}|${v.pointer}`;

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

/**
 * The judge of a contract's requests. The schema as written is the strictest reading, so a request it
 * accepts is valid under every reading; a request it refuses is checked against each reading of each
 * contradiction, and where readings matter, against every combination of them.
 */
export function createRequestJudge(contract: Contract, options: ValidatorOptions = {}): (request: unknown) => Judgement {
  const style = contract.document.binding.style;
  const asWritten = { schema: contract.requestSchema, rules: contract.rules };
  const validators = new Map<string, (request: unknown) => ValidationResult>();
  const validatorOf = (world: ReadingWorld) => {
    let validate = validators.get(world.key);
    if (!validate) {
      const compiled = compileRequestValidator(world, options);
      validate = (request) => compiled(transformRequest(request, world.transforms));
      validators.set(world.key, validate);
    }
    return validate;
  };
  const worlds = new Map<string, ReadingWorld>();
  const worldOf = (choices: ReadonlyMap<string, string>): ReadingWorld => {
    const key = [...choices].map(([c, r]) => `${c}=${r}`).sort().join('&');
    let world = worlds.get(key);
    if (!world) worlds.set(key, (world = readingWorld(asWritten, style, contract.readings, choices)));
    return world;
  };
  const validate = validatorOf(worldOf(new Map()));

  return (request) => {
    const written = validate(request);
    if (written.valid) return { verdict: 'valid', violations: [], firm: [], readings: [] };
    // The contradictions whose readings see this request otherwise than the schema as written does.
    const relevant = contract.readings.filter((c) => c.readings.some((r) => !sameViolations(written, validatorOf(worldOf(new Map([[c.id, r.id]])))(request))));
    if (relevant.length === 0) return { verdict: 'invalid', violations: written.violations, firm: written.violations, readings: [] };
    const judged = combinations(relevant).map((choices) => ({ choices, result: validatorOf(worldOf(choices))(request) }));
    const invalidEverywhere = judged.every((j) => !j.result.valid);
    const firm = written.violations.filter((v) => judged.every((j) => j.result.violations.some((w) => keyOf(w) === keyOf(v))));
    const readings = relevant.map((c): ReadingVerdict => ({
      contradiction: c.id,
      accepting: c.readings.filter((r) => judged.some((j) => j.choices.get(c.id) === r.id && j.result.valid)).map((r) => r.id),
      refusing: c.readings.filter((r) => judged.some((j) => j.choices.get(c.id) === r.id && !j.result.valid)).map((r) => r.id),
    }));
    const verdict = invalidEverywhere ? 'invalid' : judged.every((j) => j.result.valid) ? 'valid' : 'ambiguous';
    return { verdict, violations: written.violations, firm, readings: verdict === 'ambiguous' ? readings.filter((r) => r.accepting.length > 0 && r.refusing.length > 0) : readings };
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
