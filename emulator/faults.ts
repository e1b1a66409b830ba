/**
 * Deliberate deviations from the documents, for showing that the conformance run catches each one.
 * Faults are opt-in by name; the default emulator has none.
 */
export interface FaultDefinition {
  readonly name: string;
  readonly description: string;
}

/** Every fault, in listing order. */
export const faults = [
  { name: 'range-off-by-one', description: 'SMC accepts SystemDiskSize one above the edition maximum' },
  { name: 'conditional-unenforced', description: 'SMC accepts NetMode=2 without VSwitchId' },
  { name: 'wrong-code-duplicate-name', description: 'a duplicate job name is answered InvalidParameter instead of ReplicationJobName.Duplicate' },
  { name: 'validation-500', description: 'validation errors are answered 500 InternalError' },
  { name: 'missing-request-id', description: 'SMC answers carry no RequestId' },
  { name: 'error-without-code', description: 'SMC error bodies carry no Code' },
  { name: 'text-content-type', description: 'answers are labelled text/plain' },
  { name: 'idempotency-ignored', description: 'SMC ignores ClientToken and creates a new job every time' },
  { name: 'dcs-long-error-code', description: 'DCS error_code values longer than 9 characters' },
  { name: 'dcs-status-outside-enum', description: 'the DCS success body has status RUNNING, outside the documented enum' },
  { name: 'dcs-target-id-optional', description: 'DCS accepts a target_instance without id' },
  { name: 'names-not-unique', description: 'SMC accepts a job name already in use' },
  { name: 'busy-source-accepted', description: 'SMC accepts a second job on a source with an incomplete job' },
  { name: 'unavailable-source-accepted', description: 'SMC accepts a job for a source that is not Available' },
  { name: 'quota-off-by-one', description: 'SMC allows one job more than the quota' },
  { name: 'image-name-reuse', description: 'SMC (current) accepts an ImageName used by another job' },
  { name: 'vswitch-mismatch-accepted', description: 'SMC accepts a VSwitchId that is not in the given VpcId' },
  { name: 'status-404-for-validation', description: 'validation errors are answered 404 instead of 400' },
  { name: 'tag-prefix-accepted', description: 'SMC accepts a tag key that starts with aliyun' },
  { name: 'past-schedule-accepted', description: 'SMC accepts a ScheduledStartTime in the past' },
  { name: 'enum-unenforced', description: 'SMC accepts a NetMode outside 0 and 2' },
  { name: 'name-length-unenforced', description: 'SMC accepts a Name longer than 128 characters' },
  { name: 'error-body-not-json', description: 'error answers carry a plain-text body' },
  { name: 'undocumented-code', description: 'validation errors carry the undocumented code InvalidParam.Value' },
  { name: 'dcs-online-missing-id', description: 'the CreateOnlineMigrationTask success body has no instance_id' },
  { name: 'dcs-unknown-target-accepted', description: 'DCS accepts a target_instance.id that names no instance' },
  { name: 'dcs-unknown-vpc-accepted', description: 'DCS online migration accepts a vpc_id that names no VPC' },
  { name: 'rejects-twenty-tags', description: 'SMC rejects a valid request with the documented maximum of 20 tags' },
] as const satisfies readonly FaultDefinition[];

export type FaultName = (typeof faults)[number]['name'];

/** Whether `name` is a known fault. */
export function isFaultName(name: string): name is FaultName {
  return faults.some((f) => f.name === name);
}
