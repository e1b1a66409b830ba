import type { Contract } from '../contract/load.ts';
import { buildRpcRequest } from '../protocols/alibaba-rpc-client.ts';
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
