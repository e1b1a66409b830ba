import type { Contract } from '../src/contract/load.ts';
import { invalidParameter, missingParameter, withDetail, type ErrorAnswer } from './documented-error.ts';
import { documentWith, valueAtPointer } from '../src/json/pointer.ts';
import { parameterName } from './validation-answer.ts';

/**
 * Where the binding's cleanup call carries the id of what the operation created: the place of its
 * `response:<field>` reference in the cleanup's parameters (RPC `cleanup.params`) or body (REST
 * `cleanup.body`). Inside a list (`{"task_id_list": ["response:id"]}`) the call carries a list of ids.
 */
export interface CleanupShape {
  /** The response field the id comes from (`JobId`, `id`, `instance_id`). */
  readonly idField: string;
  /** JSON pointer of the parameter that carries the id, or the list of ids. */
  readonly pointer: string;
  readonly list: boolean;
}

/** The cleanup shape of a contract's binding; throws when its cleanup call references no response field. */
export function cleanupShapeOf(contract: Contract): CleanupShape {
  const binding = contract.document.binding;
  const template: unknown = binding.style === 'rpc' ? binding.cleanup.params : binding.cleanup.body;
  const find = (node: unknown, pointer: string, inList: boolean): CleanupShape | undefined => {
    const field = typeof node === 'string' ? /^response:(.+)$/.exec(node)?.[1] : undefined;
    if (field !== undefined) return { idField: field, pointer, list: inList };
    if (Array.isArray(node)) return node.map((item) => find(item, pointer, true)).find(Boolean);
    if (typeof node === 'object' && node !== null) return Object.entries(node).map(([key, value]) => find(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, false)).find(Boolean);
    return undefined;
  };
  const shape = find(template, '', false);
  if (!shape) throw new Error(`${contract.id}: the binding's cleanup call takes no response:<field> reference`);
  return shape;
}

/** What the operations sharing a cleanup call let go of. */
export interface Releaser {
  readonly contract: Contract;
  readonly cleanup: CleanupShape;
  /** Forgets the resource with this id; whether it held one. */
  readonly release: (id: string) => boolean;
}

/** A cleanup call's outcome: the ids deleted and the cleanup request's shape holding them, or the error. */
export type CleanupAnswer = { readonly error: ErrorAnswer } | { readonly deleted: readonly string[]; readonly echo: unknown };

/**
 * Runs a cleanup call for every operation whose cleanup it is: the id (or list of ids) at the place
 * the binding puts it, deleted from whichever operation holds it. A missing id gets the vendor's
 * missing-parameter code; anything but a string (or a non-empty list of strings) and a single id no
 * operation holds get its invalid-parameter code. Ids of a list that nothing holds are left out of
 * the echo.
 */
export function runCleanup(operations: readonly Releaser[], request: Readonly<Record<string, unknown>>): CleanupAnswer {
  const [first] = operations;
  if (!first) throw new Error('runCleanup: no operation');
  const { contract, cleanup } = first;
  const name = parameterName(cleanup.pointer, contract.document.binding.style);
  const value = valueAtPointer(request, cleanup.pointer);
  if (value === undefined) return { error: missingParameter(contract, name) };
  const ids = cleanup.list ? value : [value];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) return { error: invalidParameter(contract, name) };
  const deleted = (ids as string[]).filter((id) => operations.some((op) => op.release(id)));
  if (!cleanup.list && deleted.length === 0) return { error: withDetail(invalidParameter(contract, name), 'Nothing the emulator holds has this id.') };
  return { deleted, echo: documentWith(cleanup.pointer, cleanup.list ? deleted : deleted[0]) };
}
