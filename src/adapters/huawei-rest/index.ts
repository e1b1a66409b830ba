import type { Contract } from '../../contract/load.ts';
import type { HuaweiDcsTarget } from '../../profile/load-profile.ts';
import { buildRestRequest, type RestCall } from '../../protocols/huawei-rest-client.ts';
import type { ProtocolAdapter, Target, WireMutation } from '../adapter.ts';
import { oversizedBodyBytes, readJsonBody } from '../json-body.ts';
import { fillReferences, profileValue } from '../references.ts';
import { createDcsBinder } from './binder.ts';
import { dcsStarterTarget } from './starter-target.ts';

/** The body bytes of a mutation that replaces the JSON body. */
function brokenBody(mutation: WireMutation, document: Readonly<Record<string, unknown>>): string | undefined {
  const raw: Partial<Record<WireMutation, () => string>> = {
    'malformed-json': () => '{"task_name": ',
    'empty-body': () => '',
    'body-not-object': () => '[]',
    'oversized-body': () => JSON.stringify({ ...document, padding: 'a'.repeat(oversizedBodyBytes) }),
  };
  return raw[mutation]?.();
}

/** The DCS target's configuration (project, Redis instances, VPCs): what stateful checks of its operations build on. */
export function dcsTargetOf(target: Target): HuaweiDcsTarget {
  return configOf(target);
}

function configOf(target: Target): HuaweiDcsTarget {
  if (target.vendor !== 'huawei') throw new Error(`huawei-rest: a ${target.vendor} target is not a Huawei one`);
  return target.config;
}

function restBinding(contract: Contract) {
  const binding = contract.document.binding;
  if (binding.style !== 'rest') throw new Error(`huawei-rest: ${contract.id} is not a REST operation`);
  return binding;
}

/** The call to the target for a binding's method and path, its path parameters filled from the profile (`profile:projectId`). */
function callOf(contract: Contract, config: HuaweiDcsTarget, method: string, path: string, now: Date): RestCall {
  const pathParameters = fillReferences(restBinding(contract).pathParameters, (_kind, name) => String(profileValue(config, name) ?? '')) as Record<string, string>;
  return { endpoint: config.endpoint, method, path, pathParameters, projectId: config.projectId, now, ...(config.credentials ? { credentials: config.credentials } : {}) };
}

/**
 * Huawei Cloud REST (API gateway, DCS v2): a JSON body on the operation's method and path, AK/SK
 * (SDK-HMAC-SHA256) or an IAM token; errors `{error_code, error_msg}` with the request id in
 * `X-Request-Id` (reference B.1–B.2); credentials from HUAWEICLOUD_SDK_AK/_SK or HUAWEICLOUD_X_AUTH_TOKEN.
 */
export const huaweiRest: ProtocolAdapter = {
  vendor: 'huawei',
  toWire: (contract, target, document, now) => {
    const binding = restBinding(contract);
    return buildRestRequest(document, callOf(contract, configOf(target), binding.method, binding.path, now));
  },
  toBrokenWire: (contract, target, mutation, document, now) => {
    const binding = restBinding(contract);
    const method = mutation === 'wrong-method' ? 'PUT' : binding.method;
    const path = mutation === 'unknown-route' ? binding.path.replace(/[^/]+$/, 'no-such-api') : binding.path;
    const rawBody = brokenBody(mutation, document);
    return buildRestRequest(document, {
      ...callOf(contract, configOf(target), method, path, now),
      ...(rawBody === undefined ? {} : { rawBody }),
      ...(mutation === 'wrong-content-type' ? { contentType: 'text/plain' } : mutation === 'no-content-type' ? { contentType: null } : {}),
    });
  },
  toCleanupWire: (contract, target, resolve, now) => {
    const cleanup = restBinding(contract).cleanup;
    const config = configOf(target);
    const body = fillReferences(cleanup.body, (kind, name) => (kind === 'profile' ? profileValue(config, name) : resolve(kind, name)));
    return buildRestRequest(body, callOf(contract, config, cleanup.method, cleanup.path, now));
  },
  // The request id travels in X-Request-Id (some gateways put request_id in the body).
  parseBody: (response) => readJsonBody(response, { code: 'error_code', message: 'error_msg', requestId: { header: 'x-request-id', field: 'request_id' } }),
  // DCS documents no request id; its absence is only noted.
  requestIdRequired: false,
  preflightDocument: () => ({}),
  credentialHints: (target) => `check the AK/SK or token (profile or HUAWEICLOUD_SDK_AK/_SK, HUAWEICLOUD_X_AUTH_TOKEN), the project id (${configOf(target).projectId}) and the region of the endpoint`,
  withEnvironmentCredentials: (target, env) => {
    const config = configOf(target);
    if (config.credentials) return target;
    const [ak, sk, token] = [env['HUAWEICLOUD_SDK_AK'], env['HUAWEICLOUD_SDK_SK'], env['HUAWEICLOUD_X_AUTH_TOKEN']];
    if (ak && sk) return { vendor: 'huawei', config: { ...config, credentials: { ak, sk } } };
    return token ? { vendor: 'huawei', config: { ...config, credentials: { token } } } : target;
  },
  secretsOf: (target) => {
    const credentials = configOf(target).credentials;
    if (!credentials) return [];
    return 'token' in credentials ? [credentials.token] : [credentials.sk, ...(credentials.securityToken ? [credentials.securityToken] : [])];
  },
  createBinder: (target) => createDcsBinder(configOf(target)),
  starterTarget: dcsStarterTarget,
};
