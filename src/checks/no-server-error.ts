import { found, type Check } from './check.ts';

/**
 * `no-server-error`: no generated request, valid or not, may get a 5xx, a timeout or a broken
 * connection. Throttling is no server error, whatever its status (a gateway's 503 with Retry-After).
 */
export const noServerError: Check = {
  name: 'no-server-error',
  appliesTo: (context) => context.answer.class !== 'throttling',
  run: ({ exchange }) => {
    if ('failure' in exchange) return found('transport_failure', 'violation', `No response: ${exchange.failure.message}.`, { received: exchange.failure });
    const { status } = exchange.response;
    return status >= 500 ? found('server_error', 'violation', `The endpoint answered ${status}: a server error for a generated request.`, { documented: 'a 2xx or a 4xx', received: status }) : [];
  },
};
