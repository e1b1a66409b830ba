import { heldRequests } from './fixtures.ts';
import { refuse, text, type RulePlugin } from './rule.ts';

/** `unique-job-name`: no held resource has the same Name. */
export const uniqueJobName: RulePlugin = {
  id: 'unique-job-name',
  check: (call) => {
    const name = text(call.request['Name']);
    return name !== undefined && heldRequests(call).some((r) => r['Name'] === name) ? refuse(call, { pointer: '/Name' }) : undefined;
  },
};
