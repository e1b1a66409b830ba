/** JSON pointers of generated requests: templates use `*` for "the first entry" of a list. */

import { pointerSegments } from '../src/json/pointer.ts';

/** Splits a pointer into unescaped segments. */
export const segmentsOf = pointerSegments;

/** The pointer with each `*` replaced by `0`: generated cases act on a list's first entry. */
export function concrete(pointer: string): string {
  return pointer.replace(/\/\*(?=\/|$)/g, '/0');
}

/** A deep copy of `document` with the value at `pointer` set, or removed when `value` is `remove`. Parents must exist. */
export function withValueAt(document: unknown, pointer: string, action: { readonly set: unknown } | { readonly remove: true }): unknown {
  const copy = structuredClone(document);
  const segments = segmentsOf(concrete(pointer));
  const last = segments.pop();
  if (last === undefined) return 'set' in action ? structuredClone(action.set) : undefined;
  let parent: unknown = copy;
  for (const segment of segments) parent = (parent as Record<string, unknown>)[segment];
  if (typeof parent !== 'object' || parent === null) throw new Error(`withValueAt: no container at ${pointer} (${segments.join('/')})`);
  const container = parent as Record<string, unknown>;
  if ('set' in action) container[last] = structuredClone(action.set);
  else if (Array.isArray(container)) container.splice(Number(last), 1);
  else delete container[last];
  return copy;
}

/** The value at a pointer, or undefined. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const segment of segmentsOf(concrete(pointer))) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
