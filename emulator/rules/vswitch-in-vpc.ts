import { fixtureList } from './fixtures.ts';
import { invalid, refuse, text, type RulePlugin } from './rule.ts';

interface SwitchedVpc {
  readonly vpcId: string;
  readonly vSwitchIds: readonly string[];
}

/**
 * `vswitch-in-vpc`: with both VpcId and VSwitchId, the switch is one of that VPC's. Without VpcId
 * there is nothing to mismatch, but a switch no VPC has is still refused, with the invalid-parameter
 * code (no code is documented for it).
 */
export const vswitchInVpc: RulePlugin = {
  id: 'vswitch-in-vpc',
  check: (call) => {
    const vSwitch = text(call.request['VSwitchId']);
    if (vSwitch === undefined) return undefined;
    const vpcs = fixtureList<SwitchedVpc>(call, 'vpcs');
    const vpcId = text(call.request['VpcId']);
    if (vpcId !== undefined) return vpcs.find((v) => v.vpcId === vpcId)?.vSwitchIds.includes(vSwitch) ? undefined : refuse(call, { pointer: '/VSwitchId' });
    return vpcs.some((v) => v.vSwitchIds.includes(vSwitch)) ? undefined : invalid(call, '/VSwitchId', 'No virtual switch has this id.');
  },
};
