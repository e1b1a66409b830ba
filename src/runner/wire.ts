import { adapterOf, type Target, type WireMutation } from '../adapters/index.ts';
import { referencedNames } from '../adapters/references.ts';
import type { Contract } from '../contract/load.ts';
import type { WireRequest } from '../protocols/wire-request.ts';

export type { WireMutation } from '../adapters/index.ts';

/** Turns a request document into the wire request of the contract's binding, signed with the target's credentials. */
export function toWire(contract: Contract, target: Target, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  return adapterOf(contract).toWire(contract, target, document, now);
}

/**
 * A wire-level case's request: `document` (the pre-flight one: every required business parameter
 * missing, so a refusal is the only right answer) sent with the protocol broken as `mutation` says.
 */
export function toBrokenWire(contract: Contract, target: Target, mutation: WireMutation, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  return adapterOf(contract).toBrokenWire(contract, target, mutation, document, now);
}

/** The binding's cleanup call template: RPC parameters or a REST body. */
function cleanupTemplate(contract: Contract): unknown {
  const cleanup = contract.document.binding.cleanup;
  return 'params' in cleanup ? cleanup.params : cleanup.body;
}

/** The id of what a success response created, as the binding's cleanup call names it (`response:JobId`, `response:id`…). */
export function createdId(contract: Contract, json: unknown): string | undefined {
  const [name] = referencedNames(cleanupTemplate(contract), 'response');
  const value = name !== undefined && typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The wire request that deletes a created resource: the binding's cleanup call, `response:` references naming it, `request:` ones taken from the create request. */
export function toCleanupWire(contract: Contract, target: Target, id: string, document: Readonly<Record<string, unknown>>, now = new Date()): WireRequest {
  return adapterOf(contract).toCleanupWire(contract, target, (kind, name) => (kind === 'response' ? id : document[name]), now);
}
