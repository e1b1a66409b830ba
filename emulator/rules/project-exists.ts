import { refuse, type RulePlugin } from './rule.ts';

/**
 * `project-exists`: every path parameter the binding takes from the profile (`"project_id":
 * "profile:projectId"`) is the target's value. Checked on the path, before the body.
 */
export const projectExists: RulePlugin = {
  id: 'project-exists',
  stage: 'path',
  check: (call) => {
    const binding = call.contract.document.binding;
    const fromProfile = binding.style === 'rest' ? Object.entries(binding.pathParameters) : [];
    for (const [name, reference] of fromProfile) {
      const field = /^profile:(.+)$/.exec(reference)?.[1];
      if (field !== undefined && call.pathParameters[name] !== (call.target as unknown as Readonly<Record<string, unknown>>)[field]) return refuse(call, { pointer: `/${name}` });
    }
    return undefined;
  },
};
