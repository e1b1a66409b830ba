import { requestedVpc } from './network.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** `vpc-exists`: vpc_id names one of the target's VPCs. */
export const vpcExists: RulePlugin = {
  id: 'vpc-exists',
  check: (call) => (call.request['vpc_id'] !== undefined && !requestedVpc(call) ? refuse(call, { pointer: '/vpc_id' }) : undefined),
};
