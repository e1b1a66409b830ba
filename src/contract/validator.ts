import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { annotationKeywords, keywords } from '../keywords/index.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { formats } from '../keywords/formats/index.ts';
import type { Contract } from './load.ts';
import type { Rule } from './rule.ts';
import { ruleKey } from './rules.ts';
import type { SchemaNode } from './schema-node.ts';
import type { Source } from './source.ts';

/** One broken rule in one request. */
export interface Violation {
  /** The rule id, e.g. `SystemDiskSize.maximum`. */
  readonly rule: string;
  /** JSON pointer of the offending value (for `required`, of the missing property). */
  readonly pointer: string;
  readonly message: string;
  readonly source: readonly Source[];
  /** The contradiction whose readings state the rule differently: the request's judgement then depends on them. */
  readonly ambiguous?: string;
}

/** What one schema says of one request. */
export interface ValidationResult {
  /** No rule of the schema is broken. */
  readonly valid: boolean;
  /** Every broken rule, in rule order. */
  readonly violations: readonly Violation[];
}

/** Options of the validators. */
export interface ValidatorOptions {
  /** The clock date windows are checked against. @default the system clock */
  readonly clock?: Clock;
}

/** What a compiler of validators checks of its schemas besides their keywords. */
export interface SchemaChecks {
  /**
   * Whether a node with a keyword of one type must say that type (ajv's strictTypes). Off for the
   * parts of a schema the judge compiles, where the nodes on the way to the checked ones say nothing.
   * @default true
   */
  readonly strictTypes?: boolean;
}

/** An ajv instance that knows the contract's vocabulary, formats and annotations. */
export function createAjv(options: ValidatorOptions = {}, checks: SchemaChecks = {}): Ajv2020 {
  const clock = options.clock ?? systemClock;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: checks.strictTypes ?? true, verbose: true, validateFormats: true });
  for (const format of formats.values()) ajv.addFormat(format.name, format.validate);
  for (const keyword of keywords) if (keyword.ajv) ajv.addKeyword(keyword.ajv({ clock }));
  for (const annotation of annotationKeywords) ajv.addKeyword({ keyword: annotation, schemaType: ['array', 'object', 'string'] });
  return ajv;
}

function discriminatorOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return String(params['missingProperty']);
  if (error.keyword === 'requiredWhen') return String(params['property']);
  if (error.keyword === 'timeWindow') return String(params['bound']);
  return '';
}

function pointerOf(error: ErrorObject, rule: Rule | undefined): string {
  if (error.keyword === 'required') return `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`;
  if (error.keyword === 'requiredWhen') return `${error.instancePath}/${String((error.params as { property: string }).property)}`;
  return error.instancePath || (rule?.pointer ?? '');
}

function describeReceived(error: ErrorObject): string {
  if (error.keyword === 'required' || error.keyword === 'requiredWhen') return '';
  const data: unknown = error.data;
  const shown = typeof data === 'string' && data.length > 40 ? `a string of ${[...data].length} characters` : JSON.stringify(data);
  return ` (got ${shown})`;
}

/** A request schema and the rules derived from it: the contract as written, or one reading of it. */
export interface RuleSchema {
  readonly schema: SchemaNode;
  readonly rules: readonly Rule[];
}

/** A compiler of request validators: see {@link createValidatorCompiler}. */
export type ValidatorCompiler = (ruleSchema: RuleSchema) => (request: unknown) => ValidationResult;

/**
 * A compiler of request validators that report every broken rule by its stable id; clock-relative
 * rules are checked against `options.clock`. Its validators share one ajv instance, so the
 * meta-schema and the vocabulary are compiled once however many readings of a schema it compiles.
 */
export function createValidatorCompiler(options: ValidatorOptions = {}, checks: SchemaChecks = {}): ValidatorCompiler {
  const ajv = createAjv(options, checks);
  return (ruleSchema) => {
    // Readings of one schema share its $id, which one ajv instance holds once: compiled without it (nothing refers to it).
    const { $id: _id, ...schema } = ruleSchema.schema;
    const validate = ajv.compile(schema);
    const rulesByKey = new Map(ruleSchema.rules.map((rule) => [ruleKey(rule.schemaPointer, rule.keyword, rule.discriminator), rule]));
    const order = new Map(ruleSchema.rules.map((rule, index) => [rule.id, index]));
    return (request) => {
      if (validate(request)) return { valid: true, violations: [] };
      const violations = (validate.errors ?? []).map((error): Violation => {
        const nodePointer = error.schemaPath.replace(/^#/, '').replace(/\/[^/]+$/, '');
        const rule = rulesByKey.get(ruleKey(nodePointer, error.keyword, discriminatorOf(error)));
        const pointer = pointerOf(error, rule);
        return {
          rule: rule?.id ?? `${pointer.split('/').filter((s) => s && !/^\d+$/.test(s)).join('.') || '(request)'}.${error.keyword}`,
          pointer,
          message: `${rule?.description ?? `${pointer} ${error.message ?? 'is invalid'}`}${describeReceived(error)}`,
          source: rule?.source ?? [],
          ...(rule?.ambiguous === undefined ? {} : { ambiguous: rule.ambiguous }),
        };
      });
      violations.sort((a, b) => (order.get(a.rule) ?? Infinity) - (order.get(b.rule) ?? Infinity) || a.pointer.localeCompare(b.pointer));
      return { valid: false, violations };
    };
  };
}

/**
 * Compiles a validator of a request schema that reports every broken rule by its stable id;
 * clock-relative rules are checked against `options.clock`.
 */
export function compileRequestValidator(ruleSchema: RuleSchema, options: ValidatorOptions = {}): (request: unknown) => ValidationResult {
  return createValidatorCompiler(options)(ruleSchema);
}

/**
 * The validator of a contract's request schema as written: the strictest reading, so a request it
 * finds valid is valid under every reading. Whether an invalid one is invalid under every reading is
 * `createRequestJudge`'s question.
 */
export function createRequestValidator(contract: Contract, options: ValidatorOptions = {}): (request: unknown) => ValidationResult {
  return compileRequestValidator({ schema: contract.requestSchema, rules: contract.rules }, options);
}

/** Compiles any other schema of the contract (responses, error envelopes) with the same vocabulary. */
export function compileSchema(schema: SchemaNode, options: ValidatorOptions = {}): ValidateFunction {
  return createAjv(options).compile(schema);
}
