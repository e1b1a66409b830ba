import { refuse, type RulePlugin } from './rule.ts';

/** `job-quota`: the operation holds fewer resources than its limit (the emulator's quota, the profile's, or the contract's). */
export const jobQuota: RulePlugin = {
  id: 'job-quota',
  check: (call) => (call.limit !== undefined && call.held.size >= call.limit ? refuse(call) : undefined),
};
