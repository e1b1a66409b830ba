import { requestedVpc, vpcsOf } from './network.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** `security-group-exists`: security_group_id is a security group of the VPC vpc_id names (of any of the target's VPCs when it names none). */
export const securityGroupExists: RulePlugin = {
  id: 'security-group-exists',
  check: (call) => {
    const group = String(call.request['security_group_id']);
    const vpc = requestedVpc(call);
    const known = vpc ? vpc.securityGroupIds.includes(group) : vpcsOf(call).some((v) => v.securityGroupIds.includes(group));
    return known ? undefined : refuse(call, { pointer: '/security_group_id' });
  },
};
