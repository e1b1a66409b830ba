import type { ApiId } from '../contract/apis.ts';
import type { Source } from '../contract/source.ts';

/**
 * What changed between two contracts of one operation, by concept. Groups in text output follow this
 * order. Rule kinds (`src/contract/rule.ts`) give `<kind>-added`, `-removed` and `-changed`; presence
 * and enums have words of their own.
 */
export const changeKinds = [
  // the request schema's properties
  'parameter-added',
  'parameter-removed',
  // presence
  'optional-to-required',
  'required-to-optional',
  'conditional-added',
  'conditional-removed',
  'conditional-changed',
  // shape
  'type-added',
  'type-removed',
  'type-changed',
  'enum-added',
  'enum-removed',
  'enum-values-added',
  'enum-values-removed',
  'enum-value-recased',
  'enum-changed',
  'format-added',
  'format-removed',
  'format-changed',
  'pattern-added',
  'pattern-removed',
  'pattern-changed',
  // limits
  'range-added',
  'range-removed',
  'range-changed',
  'length-added',
  'length-removed',
  'length-changed',
  'count-added',
  'count-removed',
  'count-changed',
  // our vocabulary
  'first-character-added',
  'first-character-removed',
  'first-character-changed',
  'forbidden-prefixes-added',
  'forbidden-prefixes-removed',
  'forbidden-prefixes-changed',
  'time-window-added',
  'time-window-removed',
  'time-window-changed',
  // contract.json
  'stateful-added',
  'stateful-removed',
  'stateful-limit-changed',
  'stateful-states-changed',
  'stateful-code-changed',
  'error-added',
  'error-removed',
  'error-changed',
  'error-message-changed',
  'contradiction-added',
  'contradiction-removed',
  'contradiction-changed',
] as const;

export type ChangeKind = (typeof changeKinds)[number];

/** How a change bears on one side: it must adapt (breaking), it may ignore it (compatible), or nothing it does is affected (none). */
export type Effect = 'breaking' | 'compatible' | 'none';

/** A change's effect on the two sides of the API. */
export interface Impact {
  /** A client that sends requests valid under FROM and handles FROM's answers. */
  readonly client: Effect;
  /** An implementation (a service, an emulator) that conforms to FROM. */
  readonly implementation: Effect;
}

/**
 * The grading. A client is broken when a request it may send under FROM is refused under TO
 * (narrowed input) or when an answer it did not have to handle becomes possible; an implementation
 * is broken when it must now accept a request it refused under FROM (widened input) or must stop
 * giving an answer FROM allowed. The other direction is compatible for each side.
 */
export const impacts = {
  /** Fewer requests are valid: a tighter limit, a new requirement, a value or parameter removed. */
  narrowed: { client: 'breaking', implementation: 'compatible' },
  /** More requests are valid: a looser limit, a requirement dropped, a value or parameter added. */
  widened: { client: 'compatible', implementation: 'breaking' },
  /** Some requests gain and some lose validity (a changed pattern, a re-cased value): both must adapt. */
  both: { client: 'breaking', implementation: 'breaking' },
  /** Nothing a request or an answer may be changes (a rule that comes and goes with its parameter, words only). */
  none: { client: 'none', implementation: 'none' },
  /** An answer clients have to handle becomes documented (a new error code): the implementation may now give it. */
  answerAdded: { client: 'breaking', implementation: 'compatible' },
  /** A documented answer goes away: clients may stop handling it, the implementation must stop giving it. */
  answerRemoved: { client: 'compatible', implementation: 'breaking' },
} as const satisfies Record<string, Impact>;

/** One difference between the contracts, with the verbatim quotes each edition gives for it. */
export interface Change {
  /** The rule id; a parameter path for a parameter; `(stateful) <id>`, `(error) <code>`, `(contradiction) <id>`. */
  readonly rule: string;
  readonly kind: ChangeKind;
  /** What FROM states; null where it states nothing. */
  readonly from: unknown;
  /** What TO states; null where it states nothing. */
  readonly to: unknown;
  readonly impact: Impact;
  /** The quotes of each edition's data behind the change; empty for a side that has none. */
  readonly source: { readonly from: readonly Source[]; readonly to: readonly Source[] };
}

/** The drift between two contracts of one operation. */
export interface ContractDiff {
  readonly from: ApiId;
  readonly to: ApiId;
  readonly changes: readonly Change[];
}

/** Whether a change breaks either side. */
export function isBreaking(change: Change): boolean {
  return change.impact.client === 'breaking' || change.impact.implementation === 'breaking';
}

/** The impact of changes that pull both ways: breaking for a side when any part is, compatible when any part is and none breaks. */
export function combine(...parts: readonly Impact[]): Impact {
  const side = (effects: readonly Effect[]): Effect => (effects.includes('breaking') ? 'breaking' : effects.includes('compatible') ? 'compatible' : 'none');
  return { client: side(parts.map((p) => p.client)), implementation: side(parts.map((p) => p.implementation)) };
}
