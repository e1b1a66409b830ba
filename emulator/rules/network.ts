import { fixtureList } from './fixtures.ts';
import type { RuleCall } from './rule.ts';

/** A VPC of a target's fixtures with its subnets and security groups. */
export interface NetworkedVpc {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

/** The target's VPCs. */
export const vpcsOf = (call: RuleCall): readonly NetworkedVpc[] => fixtureList<NetworkedVpc>(call, 'vpcs');

/** The VPC the request's vpc_id names, if the target has it. */
export const requestedVpc = (call: RuleCall): NetworkedVpc | undefined => vpcsOf(call).find((v) => v.vpcId === call.request['vpc_id']);
