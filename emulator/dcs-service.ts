import type { Contract } from '../src/contract/load.ts';
import { receiveRequest } from '../src/protocols/signing/received-request.ts';
import { verifyHuawei } from '../src/protocols/signing/huawei-sdk-hmac-sha256.ts';
import { isTooLarge, tooLargeAnswer } from './body-limits.ts';
import { cataloguedError, requireStateful, statefulError } from './documented-error.ts';
import { createMigrationTask } from './handlers/CreateMigrationTask.ts';
import { createOnlineMigrationTask } from './handlers/CreateOnlineMigrationTask.ts';
import { deleteMigrationTask } from './handlers/DeleteMigrationTask.ts';
import { errorResponse } from './responses.ts';
import type { EmulatorSettings } from './settings.ts';
import type { DcsState } from './store.ts';

/** The DCS operations' contracts. */
export interface DcsContracts {
  readonly migration: Contract;
  readonly online: Contract;
}

const notJson = 'DCS.4005';

/**
 * The DCS v2 REST endpoints: routes by method and path, then in the gateway's order checks body size,
 * authentication, project, body presence, content type and JSON, then runs the operation.
 */
export function createDcsService(contracts: DcsContracts, state: DcsState, settings: EmulatorSettings): (request: Request) => Promise<Response> {
  const { clock } = settings;
  const { migration } = contracts;
  for (const contract of [migration, contracts.online]) requireStateful(contract, ['project-exists']);
  const routes = [
    { method: 'POST', pattern: /^\/v2\/([^/]+)\/migration-task\/?$/, contract: migration, handle: createMigrationTask(migration, state, settings) },
    { method: 'POST', pattern: /^\/v2\/([^/]+)\/migration\/instance\/?$/, contract: contracts.online, handle: createOnlineMigrationTask(contracts.online, state, settings) },
    { method: 'DELETE', pattern: /^\/v2\/([^/]+)\/migration-tasks\/delete\/?$/, contract: migration, handle: deleteMigrationTask(migration, state) },
  ];
  const credentials = state.target.credentials;
  const gateway = (code: string, detail?: string) => errorResponse(migration, { ...cataloguedError(migration, code), ...(detail ? { message: `Incorrect IAM authentication information: ${detail}` } : {}) });
  return async (request) => {
    const path = new URL(request.url).pathname;
    const route = routes.find((r) => r.pattern.test(path) && r.method === request.method);
    if (!route) return gateway('APIGW.0101');
    const { contract } = route;
    const received = await receiveRequest(request);
    if (isTooLarge(contract, received.body.byteLength)) return tooLargeAnswer(contract);
    if (credentials && 'token' in credentials) {
      if (received.headers.get('x-auth-token') !== credentials.token) return gateway('APIGW.0301', 'x-auth-token not found or not valid');
    } else if (credentials) {
      const verified = verifyHuawei({ request: received, secretFor: (ak) => (ak === credentials.ak ? credentials.sk : undefined), now: clock.now() });
      if (!verified.ok) return errorResponse(contract, { status: verified.httpStatus, code: verified.errorCode, message: verified.message });
    }
    let projectId: string;
    try {
      projectId = decodeURIComponent(route.pattern.exec(path)?.[1] ?? '');
    } catch {
      projectId = '';
    }
    if (projectId !== state.target.projectId) return errorResponse(contract, statefulError(contract, 'project-exists')!);
    if (received.body.byteLength === 0) return errorResponse(contract, cataloguedError(contract, 'DCS.4004'));
    if (!/^application\/json\s*(;|$)/i.test(received.headers.get('content-type') ?? '')) return errorResponse(contract, cataloguedError(contract, notJson));
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(received.body));
    } catch {
      return errorResponse(contract, cataloguedError(contract, settings.faults.has('malformed-json-500') ? 'DCS.5000' : notJson));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorResponse(contract, cataloguedError(contract, notJson));
    return route.handle(body as Record<string, unknown>);
  };
}
