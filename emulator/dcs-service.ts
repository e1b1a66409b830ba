import type { Contract } from '../src/contract/load.ts';
import type { Clock } from '../src/keywords/clock.ts';
import { receiveRequest } from '../src/protocols/signing/received-request.ts';
import { verifyHuawei } from '../src/protocols/signing/huawei-sdk-hmac-sha256.ts';
import type { FaultName } from './faults.ts';
import { createMigrationTask, createOnlineMigrationTask } from './handlers/CreateMigrationTask.ts';
import { deleteMigrationTask } from './handlers/DeleteMigrationTask.ts';
import { dcsError } from './responses.ts';
import type { Store } from './store.ts';

/** Bodies above this are refused with 413, as the API gateway does. */
export const maxBodyBytes = 1024 * 1024;

/** The DCS v2 REST endpoints: routes by method and path, checks project, auth, content type and JSON, then the operation. */
export function createDcsService(contracts: { migration: Contract; online: Contract }, store: NonNullable<Store['dcs']>, faults: ReadonlySet<FaultName>, clock: Clock): (request: Request) => Promise<Response> {
  const routes = [
    { method: 'POST', pattern: /^\/v2\/([^/]+)\/migration-task\/?$/, handle: createMigrationTask(contracts.migration, store, faults, clock) },
    { method: 'POST', pattern: /^\/v2\/([^/]+)\/migration\/instance\/?$/, handle: createOnlineMigrationTask(contracts.online, store, faults, clock) },
    { method: 'DELETE', pattern: /^\/v2\/([^/]+)\/migration-tasks\/delete\/?$/, handle: deleteMigrationTask(store) },
  ];
  const credentials = store.target.credentials;
  return async (request) => {
    const path = new URL(request.url).pathname;
    const route = routes.find((r) => r.pattern.test(path));
    if (!route || route.method !== request.method) return dcsError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.');
    const received = await receiveRequest(request);
    if (received.body.byteLength > maxBodyBytes) return dcsError(413, 'APIGW.0201', 'Request entity too large.');
    if (credentials && 'token' in credentials) {
      if (received.headers.get('x-auth-token') !== credentials.token) return dcsError(401, 'APIGW.0301', 'Incorrect IAM authentication information: x-auth-token not found or not valid');
    } else if (credentials) {
      const verified = verifyHuawei({ request: received, secretFor: (ak) => (ak === credentials.ak ? credentials.sk : undefined), now: clock.now() });
      if (!verified.ok) return dcsError(verified.httpStatus, verified.errorCode, verified.message);
    }
    const projectId = decodeURIComponent(route.pattern.exec(path)?.[1] ?? '');
    if (projectId !== store.target.projectId) return dcsError(404, 'DCS.4001', 'The requested URL does not exist.');
    if (received.body.byteLength === 0) return dcsError(400, 'DCS.4004', 'Empty request body.');
    if (!/^application\/json\b/i.test(received.headers.get('content-type') ?? '')) return dcsError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(received.body));
    } catch {
      return dcsError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return dcsError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
    return route.handle(body as Record<string, unknown>);
  };
}
