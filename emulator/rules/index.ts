import { clientTokenIdempotency } from './client-token-idempotency.ts';
import { dataDiskIndexExists } from './data-disk-index-exists.ts';
import { diskSizeAboveUsed } from './disk-size-above-used.ts';
import { imageNameUsedByJob } from './image-name-used-by-job.ts';
import { jobQuota } from './job-quota.ts';
import { oneIncompleteJobPerSource } from './one-incomplete-job-per-source.ts';
import { projectExists } from './project-exists.ts';
import type { RulePlugin } from './rule.ts';
import { securityGroupExists } from './security-group-exists.ts';
import { sourceMustBeAvailable } from './source-must-be-available.ts';
import { sourceMustExist } from './source-must-exist.ts';
import { subnetInVpc } from './subnet-in-vpc.ts';
import { targetInstanceExists } from './target-instance-exists.ts';
import { uniqueJobName } from './unique-job-name.ts';
import { vpcExists } from './vpc-exists.ts';
import { vswitchInVpc } from './vswitch-in-vpc.ts';

/**
 * Every stateful rule plug-in, in the order they run when a call breaks several (README): the
 * ClientToken first (a repeat must not trip over what its first call created), then the source, its
 * state, its other jobs, the name, the image name, data disk indexes, disk sizes, the network, the
 * quota; the path before the body's references. An operation runs those its contract's `stateful`
 * lists, in this order.
 */
export const rulePlugins: readonly RulePlugin[] = [
  clientTokenIdempotency,
  sourceMustExist,
  sourceMustBeAvailable,
  oneIncompleteJobPerSource,
  uniqueJobName,
  imageNameUsedByJob,
  dataDiskIndexExists,
  diskSizeAboveUsed,
  vswitchInVpc,
  jobQuota,
  projectExists,
  targetInstanceExists,
  vpcExists,
  subnetInVpc,
  securityGroupExists,
];

export type { HeldResource, ProfileTarget, Refusal, Replay, RuleCall, RuleOutcome, RulePlugin } from './rule.ts';
