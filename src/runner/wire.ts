import type { Contract } from '../contract/load.ts';
import { buildRpcRequest, type RpcWireBreak } from '../protocols/alibaba-rpc-client.ts';
import { buildRestRequest } from '../protocols/huawei-rest-client.ts';
import type { WireRequest } from '../protocols/wire-request.ts';
import type { Target } from './target.ts';

/** Turns a request document into the wire request of the contract's binding, signed with the target's credentials. */
export function toWire(contract: Contract, target: Target, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  const binding = contract.document.binding;
  if (binding.style === 'rpc') {
    if (target.vendor !== 'alibaba') throw new Error(`toWire: ${contract.id} needs an Alibaba target`);
    return buildRpcRequest(document, { endpoint: target.config.endpoint, action: binding.action, version: binding.version, now, ...(target.config.credentials ? { credentials: target.config.credentials } : {}) });
  }
  if (target.vendor !== 'huawei') throw new Error(`toWire: ${contract.id} needs a Huawei target`);
  return buildRestRequest(document, {
    endpoint: target.config.endpoint,
    method: binding.method,
    path: binding.path,
    pathParameters: { project_id: target.config.projectId },
    projectId: target.config.projectId,
    now,
    ...(target.config.credentials ? { credentials: target.config.credentials } : {}),
  });
}

/** How a wire-level case breaks the protocol (wire-rules.schema.json `mutation`). */
export type WireMutation = Contract['wireRules']['rules'][number]['mutation'];

/** Bytes past any gateway's body limit we know of (12 MB), so an oversized case is oversized everywhere. */
const oversizedBytes = 13 * 1024 * 1024;

/** How each mutation breaks an RPC call (Action and Version changes are made in the call itself). */
const rpcBreaks: Partial<Record<WireMutation, RpcWireBreak>> = {
  'missing-action': { omit: ['Action'] },
  'missing-version': { omit: ['Version'] },
  'unknown-route': { path: '/no-such-api' },
  'wrong-method': { method: 'PUT' },
  'malformed-encoding': { appendRaw: '&Description=%ZZ%E4%FF' },
};

/** The body bytes of a REST mutation that replaces the JSON body. */
function restBody(mutation: WireMutation, document: Readonly<Record<string, unknown>>): string | undefined {
  const raw: Partial<Record<WireMutation, () => string>> = {
    'malformed-json': () => '{"task_name": ',
    'empty-body': () => '',
    'body-not-object': () => '[]',
    'oversized-body': () => JSON.stringify({ ...document, padding: 'a'.repeat(oversizedBytes) }),
  };
  return raw[mutation]?.();
}

/**
 * A wire-level case's request: the pre-flight document (every required business parameter missing,
 * so a refusal is the only right answer) sent with the protocol broken as `mutation` says, signed
 * over what is actually sent.
 */
export function toBrokenWire(contract: Contract, target: Target, mutation: WireMutation, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  const binding = contract.document.binding;
  if (binding.style === 'rpc') {
    if (target.vendor !== 'alibaba') throw new Error(`toBrokenWire: ${contract.id} needs an Alibaba target`);
    const padded = mutation === 'oversized-body' ? { ...document, Description: 'a'.repeat(oversizedBytes) } : document;
    return buildRpcRequest(padded, {
      endpoint: target.config.endpoint,
      action: mutation === 'unknown-action' ? `${binding.action}NoSuchAction` : binding.action,
      version: mutation === 'wrong-version' ? '1999-01-01' : binding.version,
      now,
      breaks: rpcBreaks[mutation] ?? {},
      ...(target.config.credentials ? { credentials: target.config.credentials } : {}),
    });
  }
  if (target.vendor !== 'huawei') throw new Error(`toBrokenWire: ${contract.id} needs a Huawei target`);
  const rawBody = restBody(mutation, document);
  return buildRestRequest(document, {
    endpoint: target.config.endpoint,
    method: mutation === 'wrong-method' ? 'PUT' : binding.method,
    path: mutation === 'unknown-route' ? binding.path.replace(/[^/]+$/, 'no-such-api') : binding.path,
    pathParameters: { project_id: target.config.projectId },
    projectId: target.config.projectId,
    now,
    ...(rawBody === undefined ? {} : { rawBody }),
    ...(mutation === 'wrong-content-type' ? { contentType: 'text/plain' } : mutation === 'no-content-type' ? { contentType: null } : {}),
    ...(target.config.credentials ? { credentials: target.config.credentials } : {}),
  });
}

function field(json: unknown, name: string): string | undefined {
  const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The id of what a success response created, as the binding's cleanup names it (`response:JobId`, `response:id`…). */
export function createdId(contract: Contract, json: unknown): string | undefined {
  const cleanup = contract.document.binding.cleanup;
  const reference = 'action' in cleanup ? Object.values(cleanup.params).find((v) => v.startsWith('response:')) : JSON.stringify(cleanup.body).match(/response:(\w+)/)?.[0];
  return reference ? field(json, reference.slice('response:'.length)) : undefined;
}

/** The wire request that deletes a created resource (DeleteReplicationJob, DeleteMigrationTask). */
export function toCleanupWire(contract: Contract, target: Target, id: string, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  const binding = contract.document.binding;
  if (binding.style === 'rpc' && target.vendor === 'alibaba') {
    const params: Record<string, unknown> = {};
    for (const [name, reference] of Object.entries(binding.cleanup.params)) {
      params[name] = reference.startsWith('response:') ? id : reference.startsWith('request:') ? (document[reference.slice('request:'.length)] ?? target.config.regionId) : reference;
    }
    return buildRpcRequest(params, { endpoint: target.config.endpoint, action: binding.cleanup.action, version: binding.version, now, ...(target.config.credentials ? { credentials: target.config.credentials } : {}) });
  }
  if (binding.style === 'rest' && target.vendor === 'huawei') {
    return buildRestRequest(
      { task_id_list: [id] },
      {
        endpoint: target.config.endpoint,
        method: binding.cleanup.method,
        path: binding.cleanup.path,
        pathParameters: { project_id: target.config.projectId },
        projectId: target.config.projectId,
        now,
        ...(target.config.credentials ? { credentials: target.config.credentials } : {}),
      },
    );
  }
  throw new Error(`toCleanupWire: ${contract.id} and the ${target.vendor} target do not match`);
}
