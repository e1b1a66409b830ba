/**
 * Deliberate deviations from the documents, for showing that the conformance run catches each one.
 * Faults are opt-in by name; the default emulator has none.
 */

/**
 * Where a fault acts in the emulator's pipeline (request → wire checks → contract validation →
 * operation's stateful rules → answer):
 * - `validation`: lets the violation of one contract rule through (`rule` names it), or refuses a
 *   value exactly at its limit (`atLimit`);
 * - `validation-answer`: changes how a broken rule is answered (`status`, or `serverError`);
 * - `state`: wraps one stateful rule plug-in (`rule` names it, `wrap` says how);
 * - `idempotency`: wraps the ClientToken rule the same way;
 * - `wire`: how a request broken below its parameters is answered (`wire` names the break);
 * - `answer`: rewrites the finished response (body fields, headers).
 */
export type FaultHook = 'validation' | 'validation-answer' | 'state' | 'idempotency' | 'wire' | 'answer';

/**
 * How a `state` or `idempotency` fault wraps its rule: `disable` never runs it, `one-more` runs it
 * with its limit raised by one, `invalid-parameter` answers its refusals with the vendor's
 * invalid-parameter code naming the same parameter instead of the rule's documented code.
 */
export type RuleWrap = 'disable' | 'one-more' | 'invalid-parameter';

/** One deliberate deviation. */
export interface FaultDefinition {
  readonly name: string;
  readonly description: string;
  readonly hook: FaultHook;
  /** The API family whose answers it changes (a label). */
  readonly vendor: 'alibaba' | 'huawei' | 'both';
  /** `validation`: the id of the contract rule; `state`, `idempotency`: the id of the stateful rule it wraps. */
  readonly rule?: string;
  /** `validation`: let the violation through only for a value exactly one past the rule's limit. */
  readonly offByOne?: true;
  /** `validation`: refuse a value exactly at the rule's limit (a valid one), as if it broke the rule. */
  readonly atLimit?: true;
  /** `state`, `idempotency`: how the rule is wrapped. */
  readonly wrap?: RuleWrap;
  /** `validation-answer`: the status a validation refusal gets (its body unchanged). */
  readonly status?: number;
  /** `validation-answer`, `wire`: answered as the operation's server error (its documented 500, else the vendor's first). */
  readonly serverError?: true;
  /** `wire`: the break of the protocol it answers otherwise (an id of the vendor's wire rules). */
  readonly wire?: string;
}

/** Every fault, in listing order. */
export const faults = [
  // Parameter rules let through
  { name: 'range-off-by-one', hook: 'validation', vendor: 'alibaba', rule: 'SystemDiskSize.maximum', offByOne: true, description: 'SMC accepts SystemDiskSize one above the edition maximum' },
  { name: 'conditional-unenforced', hook: 'validation', vendor: 'alibaba', rule: 'VSwitchId.requiredWhen.NetMode', description: 'SMC accepts NetMode=2 without VSwitchId' },
  { name: 'tag-prefix-accepted', hook: 'validation', vendor: 'alibaba', rule: 'Tag.Key.forbiddenPrefixes', description: 'SMC accepts a tag key that starts with aliyun' },
  { name: 'past-schedule-accepted', hook: 'validation', vendor: 'alibaba', rule: 'ScheduledStartTime.timeWindow.after', description: 'SMC accepts a ScheduledStartTime in the past' },
  { name: 'enum-unenforced', hook: 'validation', vendor: 'alibaba', rule: 'NetMode.enum', description: 'SMC accepts a NetMode outside 0 and 2' },
  { name: 'name-length-unenforced', hook: 'validation', vendor: 'alibaba', rule: 'Name.maxLength', description: 'SMC accepts a Name longer than 128 characters' },
  { name: 'dcs-target-id-optional', hook: 'validation', vendor: 'huawei', rule: 'target_instance.id.required', description: 'DCS accepts a target_instance without id' },
  { name: 'rejects-twenty-tags', hook: 'validation', vendor: 'alibaba', rule: 'Tag.maxItems', atLimit: true, description: 'SMC rejects a valid request with the documented maximum of 20 tags' },
  // How a broken rule is answered
  { name: 'validation-500', hook: 'validation-answer', vendor: 'both', serverError: true, description: 'validation errors are answered 500 InternalError (DCS.5000)' },
  { name: 'status-404-for-validation', hook: 'validation-answer', vendor: 'both', status: 404, description: 'validation errors are answered 404 instead of 400' },
  { name: 'error-status-200', hook: 'validation-answer', vendor: 'both', status: 200, description: 'validation errors are answered with status 200 (the error body unchanged)' },
  // Stateful rules, wrapped
  { name: 'wrong-code-duplicate-name', hook: 'state', vendor: 'alibaba', rule: 'unique-job-name', wrap: 'invalid-parameter', description: 'a duplicate job name is answered InvalidParameter instead of ReplicationJobName.Duplicate' },
  { name: 'names-not-unique', hook: 'state', vendor: 'alibaba', rule: 'unique-job-name', wrap: 'disable', description: 'SMC accepts a job name already in use' },
  { name: 'busy-source-accepted', hook: 'state', vendor: 'alibaba', rule: 'one-incomplete-job-per-source', wrap: 'disable', description: 'SMC accepts a second job on a source with an incomplete job' },
  { name: 'unavailable-source-accepted', hook: 'state', vendor: 'alibaba', rule: 'source-must-be-available', wrap: 'disable', description: 'SMC accepts a job for a source that is not Available' },
  { name: 'quota-off-by-one', hook: 'state', vendor: 'alibaba', rule: 'job-quota', wrap: 'one-more', description: 'SMC allows one job more than the quota' },
  { name: 'quota-unenforced', hook: 'state', vendor: 'alibaba', rule: 'job-quota', wrap: 'disable', description: 'SMC never refuses a job for the quota' },
  { name: 'image-name-reuse', hook: 'state', vendor: 'alibaba', rule: 'image-name-used-by-job', wrap: 'disable', description: 'SMC (current) accepts an ImageName used by another job' },
  { name: 'vswitch-mismatch-accepted', hook: 'state', vendor: 'alibaba', rule: 'vswitch-in-vpc', wrap: 'disable', description: 'SMC accepts a VSwitchId that is not in the given VpcId' },
  { name: 'dcs-unknown-target-accepted', hook: 'state', vendor: 'huawei', rule: 'target-instance-exists', wrap: 'disable', description: 'DCS accepts a target_instance.id that names no instance' },
  { name: 'dcs-unknown-vpc-accepted', hook: 'state', vendor: 'huawei', rule: 'vpc-exists', wrap: 'disable', description: 'DCS online migration accepts a vpc_id that names no VPC' },
  // The ClientToken rule, wrapped
  { name: 'idempotency-ignored', hook: 'idempotency', vendor: 'alibaba', rule: 'client-token-idempotency', wrap: 'disable', description: 'SMC ignores ClientToken and creates a new job every time' },
  // Requests broken below their parameters
  { name: 'malformed-json-500', hook: 'wire', vendor: 'huawei', wire: 'malformed-json', serverError: true, description: 'DCS answers a body that is not JSON with 500 DCS.5000' },
  // The answer's shape
  { name: 'missing-request-id', hook: 'answer', vendor: 'alibaba', description: 'SMC answers carry no RequestId' },
  { name: 'error-without-code', hook: 'answer', vendor: 'alibaba', description: 'SMC error bodies carry no Code' },
  { name: 'undocumented-code', hook: 'answer', vendor: 'alibaba', description: 'validation errors carry the undocumented code InvalidParam.Value' },
  { name: 'text-content-type', hook: 'answer', vendor: 'both', description: 'answers are labelled text/plain' },
  { name: 'error-body-not-json', hook: 'answer', vendor: 'both', description: 'error answers carry a plain-text body' },
  { name: 'dcs-long-error-code', hook: 'answer', vendor: 'huawei', description: 'DCS error_code values longer than 9 characters' },
  { name: 'dcs-status-outside-enum', hook: 'answer', vendor: 'huawei', description: 'the DCS success body has status RUNNING, outside the documented enum' },
  { name: 'dcs-online-missing-id', hook: 'answer', vendor: 'huawei', description: 'the CreateOnlineMigrationTask success body has no instance_id' },
] as const satisfies readonly FaultDefinition[];

/** The name of a known fault. */
export type FaultName = (typeof faults)[number]['name'];

/** Whether `name` is a known fault. */
export function isFaultName(name: string): name is FaultName {
  return faults.some((f) => f.name === name);
}

/** The definitions of the active faults that act at `hook`. */
export function faultsAt(active: ReadonlySet<FaultName>, hook: FaultHook): (FaultDefinition & { readonly name: FaultName })[] {
  return faults.filter((f) => f.hook === hook && active.has(f.name));
}
