import type { HuaweiDcsTarget } from '../../profile/load-profile.ts';
import type { Binder } from '../adapter.ts';
import { isObject, leaseEnd, LiveNames, rebind } from '../binding.ts';
import { FixturePool } from '../fixture-pool.ts';

type RedisInstance = HuaweiDcsTarget['fixtures']['redisInstances'][number];

/** The task's name in either operation's body. */
const nameKeys = ['task_name', 'name'] as const;

/**
 * Binds cases to a DCS target's fixtures: a VPC with its subnet and security group, a target Redis
 * instance leased to one case at a time, a task name no other task of the run had (cases share base
 * requests, and the documents say neither whether names are unique nor when a deleted task's is free).
 */
export function createDcsBinder(config: HuaweiDcsTarget): Binder {
  const instances = new FixturePool<RedisInstance>(config.fixtures.redisInstances);
  const names = new LiveNames();
  const vpc = (config.fixtures.vpcs ?? []).find((v) => v.subnetIds.length > 0 && v.securityGroupIds.length > 0);
  return {
    capacity: () => instances.size,
    references: ['/target_instance/id', '/target_instance/name', '/vpc_id', '/subnet_id', '/security_group_id'],
    async bind(c) {
      // Copied as deep as it is written (the top level and the target instance): the rest stays shared with the case.
      const request: Record<string, unknown> = { ...c.request };
      if (isObject(request['target_instance'])) request['target_instance'] = { ...request['target_instance'] };
      const edited = c.anyValue ? undefined : c.pointer;
      rebind(request, 'vpc_id', '/vpc_id', edited, vpc?.vpcId);
      rebind(request, 'subnet_id', '/subnet_id', edited, vpc?.subnetIds[0]);
      rebind(request, 'security_group_id', '/security_group_id', edited, vpc?.securityGroupIds[0]);
      if ('vpc_id' in request && !vpc && c.kind === 'valid') return { skipped: 'the profile has no VPC with a subnet and a security group' };
      const claimed: string[] = [];
      for (const key of nameKeys) {
        const value = request[key];
        if (typeof value === 'string' && edited !== `/${key}`) claimed.push((request[key] = names.claim(value)));
      }
      const releaseNames = (created: boolean) => claimed.forEach((name) => names.release(name, created));
      const target = request['target_instance'];
      if (!isObject(target) || !('id' in target) || edited === '/target_instance/id') return { request, done: ({ created }) => releaseNames(created) };
      const instance = (await instances.acquire()) ?? undefined;
      if (!instance) {
        releaseNames(false);
        return { skipped: 'every Redis instance of the profile is used up' };
      }
      target['id'] = instance.id;
      rebind(target, 'name', '/target_instance/name', edited, instance.name);
      return { request, done: leaseEnd(instances, instance, releaseNames) };
    },
  };
}

