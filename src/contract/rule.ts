import type { Source } from './source.ts';

/** The constraint kinds of the contract; every rule has exactly one. */
export type RuleKind =
  | 'type'
  | 'required'
  | 'conditional'
  | 'range'
  | 'length'
  | 'count'
  | 'enum'
  | 'pattern'
  | 'format'
  | 'forbiddenPrefix'
  | 'firstCharacter'
  | 'timeWindow';

/**
 * One documented constraint of a request, derived from a schema keyword.
 *
 * Rule ids have the form `<parameter path>.<keyword>[.<qualifier>]`, where the parameter path joins
 * property names with dots and leaves out array levels: `SystemDiskSize.maximum`, `Tag.maxItems`,
 * `DataDisk.Size.minimum`, `target_instance.id.required`, `VSwitchId.requiredWhen.NetMode`,
 * `ScheduledStartTime.timeWindow.after`. Ids are stable: reports, filters and replays use them.
 */
export interface Rule {
  readonly id: string;
  readonly kind: RuleKind;
  /** The JSON Schema keyword (standard or ours) that states the rule. */
  readonly keyword: string;
  /** Parameter path of the constrained value, array levels left out. */
  readonly path: readonly string[];
  /** JSON pointer template of the constrained value; `*` stands for any array index. */
  readonly pointer: string;
  /** JSON pointer (in the request schema) of the schema node that holds the keyword. */
  readonly schemaPointer: string;
  /** Tells apart several rules of one keyword on one node (a property name, a window bound). */
  readonly discriminator: string;
  /** The keyword's value, or the part of it that this rule is about. */
  readonly params: Readonly<Record<string, unknown>>;
  /** What the rule demands, in words. */
  readonly description: string;
  readonly source: readonly Source[];
  /**
   * Id of the contradiction whose readings state this rule differently or not at all. Whether a
   * request that breaks it is invalid then depends on the request: see `createRequestJudge`.
   */
  readonly ambiguous?: string;
}
