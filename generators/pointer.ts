/** JSON pointers of generated requests: templates use `*` for "the first entry" of a list. */

import { pointerSegments } from '../src/json/pointer.ts';

/** Splits a pointer into unescaped segments. */
export const segmentsOf = pointerSegments;

/** The pointer with each `*` replaced by `0`: generated cases act on a list's first entry. */
export function concrete(pointer: string): string {
  return pointer.replace(/\/\*(?=\/|$)/g, '/0');
}

/** A value set by an edit, copied when it is a container: the case keeps the edit's value apart from its request. */
function copyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * `document` with the value at `pointer` set, or removed when `action` is `remove`; parents must exist.
 * Only the containers on the pointer's path are copied: the rest is shared with `document`, so treat
 * both as immutable (binders copy a request before they change it).
 */
export function withValueAt(document: unknown, pointer: string, action: { readonly set: unknown } | { readonly remove: true }): unknown {
  const segments = segmentsOf(concrete(pointer));
  const replaced = (container: unknown, depth: number): unknown => {
    if (typeof container !== 'object' || container === null) throw new Error(`withValueAt: no container at ${pointer} (${segments.slice(0, depth).join('/')})`);
    const segment = segments[depth] as string;
    const copy = Array.isArray(container) ? [...(container as unknown[])] : { ...(container as Record<string, unknown>) };
    const entries = copy as Record<string, unknown>;
    if (depth < segments.length - 1) entries[segment] = replaced(entries[segment], depth + 1);
    else if ('set' in action) entries[segment] = copyOf(action.set);
    else if (Array.isArray(copy)) copy.splice(Number(segment), 1);
    else delete entries[segment];
    return copy;
  };
  if (segments.length === 0) return 'set' in action ? copyOf(action.set) : undefined;
  return replaced(document, 0);
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
