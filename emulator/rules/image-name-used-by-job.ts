import { heldRequests } from './fixtures.ts';
import { refuse, text, type RulePlugin } from './rule.ts';

/**
 * `image-name-used-by-job`: no held resource uses the same ImageName (an existing image of that name
 * is no error: the documents say the JobId is appended).
 */
export const imageNameUsedByJob: RulePlugin = {
  id: 'image-name-used-by-job',
  check: (call) => {
    const imageName = text(call.request['ImageName']);
    return imageName !== undefined && heldRequests(call).some((r) => r['ImageName'] === imageName) ? refuse(call, { pointer: '/ImageName', args: [imageName] }) : undefined;
  },
};
