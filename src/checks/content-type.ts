import { found, type Check } from './check.ts';
import { fromLayerInFront } from './answer.ts';

/**
 * `content-type`: JSON bodies (asked for with Format=JSON or a JSON API) come as application/json. The
 * documents name no media type, so another label is drift, not a violation of them.
 */
export const contentType: Check = {
  name: 'content-type',
  appliesTo: (context) => 'response' in context.exchange && context.exchange.response.body.length > 0 && !fromLayerInFront(context.answer),
  run: (context) => {
    if (!('response' in context.exchange)) return [];
    const type = context.exchange.response.headers['content-type'] ?? '';
    return /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)
      ? []
      : found('wrong_content_type', 'drift', `The body came as "${type || 'no content type'}", not application/json.`, { documented: 'application/json', received: type });
  },
};
