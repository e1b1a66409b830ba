import { requestedVpc } from './network.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** `subnet-in-vpc`: subnet_id is a subnet of the VPC vpc_id names (an unknown VPC is vpc-exists's to refuse). */
export const subnetInVpc: RulePlugin = {
  id: 'subnet-in-vpc',
  check: (call) => {
    const vpc = requestedVpc(call);
    return vpc && !vpc.subnetIds.includes(String(call.request['subnet_id'])) ? refuse(call, { pointer: '/subnet_id' }) : undefined;
  },
};
