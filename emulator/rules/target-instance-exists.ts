import { fixtureList } from './fixtures.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** `target-instance-exists`: target_instance.id names one of the target's instances (`redisInstances`). */
export const targetInstanceExists: RulePlugin = {
  id: 'target-instance-exists',
  check: (call) => {
    const id = (call.request['target_instance'] as { id?: unknown } | undefined)?.id;
    return id !== undefined && !fixtureList<{ id: string }>(call, 'redisInstances').some((i) => i.id === id) ? refuse(call, { pointer: '/target_instance/id' }) : undefined;
  },
};
