/**
 * The part of JSON Patch (RFC 6902) that readings use to vary a request schema: `add`, `remove`,
 * `replace` and `test` (a guard: the patch fails unless the value at the path is the one given, so an
 * index into a list cannot silently point at another entry after the schema is edited).
 */
export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

function segmentsOf(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`json-patch: "${path}" is not a JSON pointer`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** The parent container of a path and the last segment; throws when the parent does not exist. */
function parentOf(document: unknown, path: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const segments = segmentsOf(path);
  const key = segments.pop();
  if (key === undefined) throw new Error('json-patch: the whole document cannot be patched');
  let node: unknown = document;
  for (const segment of segments) {
    node = isContainer(node) ? (node as Record<string, unknown>)[segment] : undefined;
    if (!isContainer(node)) throw new Error(`json-patch: ${path} has no parent`);
  }
  return { parent: node as Record<string, unknown> | unknown[], key };
}

function indexOf(list: unknown[], key: string, path: string, allowEnd: boolean): number {
  const index = key === '-' && allowEnd ? list.length : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : Number.NaN;
  if (!(index >= 0 && index <= list.length - (allowEnd ? 0 : 1))) throw new Error(`json-patch: ${path} is not an index of the list`);
  return index;
}

/** Applies `operations` in order to a copy of `document`; throws (naming the path) when one cannot apply. */
export function applyJsonPatch<T>(document: T, operations: readonly JsonPatchOperation[]): T {
  const copy = structuredClone(document);
  for (const operation of operations) {
    const { parent, key } = parentOf(copy, operation.path);
    const list = Array.isArray(parent) ? parent : undefined;
    const object = parent as Record<string, unknown>;
    switch (operation.op) {
      case 'test': {
        const actual = list ? list[indexOf(list, key, operation.path, false)] : object[key];
        if (JSON.stringify(actual) !== JSON.stringify(operation.value)) throw new Error(`json-patch: test failed at ${operation.path}: ${JSON.stringify(actual)} is not ${JSON.stringify(operation.value)}`);
        break;
      }
      case 'add':
        if (list) list.splice(indexOf(list, key, operation.path, true), 0, structuredClone(operation.value));
        else object[key] = structuredClone(operation.value);
        break;
      case 'replace':
        if (list) list[indexOf(list, key, operation.path, false)] = structuredClone(operation.value);
        else if (!(key in object)) throw new Error(`json-patch: nothing to replace at ${operation.path}`);
        else object[key] = structuredClone(operation.value);
        break;
      case 'remove':
        if (list) list.splice(indexOf(list, key, operation.path, false), 1);
        else if (!(key in object)) throw new Error(`json-patch: nothing to remove at ${operation.path}`);
        else delete object[key];
        break;
    }
  }
  return copy;
}
