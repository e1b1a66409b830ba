import type { Contract } from '../../contract/load.ts';
import type { AlibabaSmcTarget } from '../../profile/load-profile.ts';
import { buildRpcRequest, type RpcWireBreak } from '../../protocols/alibaba-rpc-client.ts';
import type { ProtocolAdapter, Target, WireMutation } from '../adapter.ts';
import { oversizedBodyBytes, readJsonBody } from '../json-body.ts';
import { fillReferences, profileValue } from '../references.ts';
import { createSmcBinder } from './binder.ts';
import { smcStarterTarget } from './starter-target.ts';

/** How each mutation breaks an RPC call (Action and Version changes are made in the call itself). */
const breaks: Partial<Record<WireMutation, RpcWireBreak>> = {
  'missing-action': { omit: ['Action'] },
  'missing-version': { omit: ['Version'] },
  'unknown-route': { path: '/no-such-api' },
  'wrong-method': { method: 'PUT' },
  'malformed-encoding': { appendRaw: '&Description=%ZZ%E4%FF' },
};

/** The SMC target's configuration (source servers, VPCs, quota): what stateful checks of its operations build on. */
export function smcTargetOf(target: Target): AlibabaSmcTarget {
  return configOf(target);
}

function configOf(target: Target): AlibabaSmcTarget {
  if (target.vendor !== 'alibaba') throw new Error(`alibaba-rpc: a ${target.vendor} target is not an Alibaba one`);
  return target.config;
}

function rpcBinding(contract: Contract) {
  const binding = contract.document.binding;
  if (binding.style !== 'rpc') throw new Error(`alibaba-rpc: ${contract.id} is not an RPC operation`);
  return binding;
}

/**
 * Alibaba Cloud RPC (POP): parameters flattened into a form body or query, Action and Version as
 * protocol parameters, signature 1.0 or ACS3-HMAC-SHA256; errors `{RequestId, Code, Message}`
 * (reference A.1–A.4); credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/ALIBABA_CLOUD_SECURITY_TOKEN.
 */
export const alibabaRpc: ProtocolAdapter = {
  vendor: 'alibaba',
  toWire: (contract, target, document, now) => {
    const binding = rpcBinding(contract);
    const config = configOf(target);
    return buildRpcRequest(document, { endpoint: config.endpoint, action: binding.action, version: binding.version, now, ...(config.credentials ? { credentials: config.credentials } : {}) });
  },
  toBrokenWire: (contract, target, mutation, document, now) => {
    const binding = rpcBinding(contract);
    const config = configOf(target);
    const padded = mutation === 'oversized-body' ? { ...document, Description: 'a'.repeat(oversizedBodyBytes) } : document;
    return buildRpcRequest(padded, {
      endpoint: config.endpoint,
      action: mutation === 'unknown-action' ? `${binding.action}NoSuchAction` : binding.action,
      version: mutation === 'wrong-version' ? '1999-01-01' : binding.version,
      now,
      breaks: breaks[mutation] ?? {},
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
  },
  toCleanupWire: (contract, target, resolve, now) => {
    const binding = rpcBinding(contract);
    const config = configOf(target);
    const params = fillReferences(binding.cleanup.params, (kind, name) => (kind === 'profile' ? profileValue(config, name) : resolve(kind, name))) as Record<string, unknown>;
    return buildRpcRequest(params, { endpoint: config.endpoint, action: binding.cleanup.action, version: binding.version, now, ...(config.credentials ? { credentials: config.credentials } : {}) });
  },
  parseBody: (response) => readJsonBody(response, { code: 'Code', message: 'Message', requestId: { field: 'RequestId' } }),
  // Documented in the success body, and in every error body (reference A.4).
  requestIdRequired: true,
  preflightDocument: (target) => ({ RegionId: configOf(target).regionId }),
  credentialHints: (target) => `check the AccessKey id and secret (profile or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET), the signature method, the region (${configOf(target).regionId}) and this machine's clock`,
  withEnvironmentCredentials: (target, env) => {
    const config = configOf(target);
    const [id, secret, token] = [env['ALIBABA_CLOUD_ACCESS_KEY_ID'], env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], env['ALIBABA_CLOUD_SECURITY_TOKEN']];
    if (config.credentials || !id || !secret) return target;
    return { vendor: 'alibaba', config: { ...config, credentials: { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) } } };
  },
  secretsOf: (target) => {
    const credentials = configOf(target).credentials;
    return credentials ? [credentials.accessKeySecret, ...(credentials.securityToken ? [credentials.securityToken] : [])] : [];
  },
  createBinder: (target) => createSmcBinder(configOf(target)),
  starterTarget: smcStarterTarget,
};
