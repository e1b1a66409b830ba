import type { CharSet } from './char-set.ts';
import type { FormatDefinition } from './formats/index.ts';

/** The valid space of a string value, narrowed keyword by keyword; a generator builds values from it. */
export interface StringPlan {
  readonly type: 'string';
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters a value may hold. */
  readonly chars: CharSet;
  /** Characters a value may start with, when narrower than `chars`. */
  readonly firstChars?: CharSet;
  /** A pattern that values must match when it is no plain character class. */
  readonly matching?: string;
  readonly forbiddenPrefixes: readonly string[];
  /** A closed list of values (enum). */
  readonly values?: readonly unknown[];
  /** The text of a JSON object: the documented example whose entries a value is made of. */
  readonly jsonObject?: Readonly<Record<string, unknown>>;
  /** A date-time format and the instants values must lie in. */
  readonly dateTime?: { readonly format: FormatDefinition; readonly earliest: Date; readonly latest: Date };
}

/** The valid space of an integer or number. */
export interface NumberPlan {
  readonly type: 'integer' | 'number';
  readonly min: number;
  readonly max: number;
  readonly values?: readonly unknown[];
}

/** The valid space of a boolean. */
export interface BooleanPlan {
  readonly type: 'boolean';
  readonly values?: readonly unknown[];
}

/** The valid length of an array; its items have their own plan. */
export interface ArrayPlan {
  readonly type: 'array';
  readonly minItems: number;
  readonly maxItems: number;
}

/** Objects are built property by property; nothing to narrow. */
export interface ObjectPlan {
  readonly type: 'object';
}

export type ValuePlan = StringPlan | NumberPlan | BooleanPlan | ArrayPlan | ObjectPlan;

/** The plan narrowed to one JSON type; a keyword on a node of another type is a contract mistake. */
export function planOfType<T extends ValuePlan['type']>(plan: ValuePlan, types: readonly T[], keyword: string): Extract<ValuePlan, { type: T }> {
  if (!(types as readonly string[]).includes(plan.type)) throw new Error(`${keyword}: applies to ${types.join(' or ')} values, not ${plan.type}`);
  return plan as Extract<ValuePlan, { type: T }>;
}

/** A string plan for values of exactly `length` characters. */
export function withLength(plan: StringPlan, length: number): StringPlan {
  return { ...plan, minLength: length, maxLength: length };
}
