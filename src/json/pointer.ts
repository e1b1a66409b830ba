/** JSON Pointer (RFC 6901) helpers shared by every layer: contracts, keywords, generators, runner, emulator. */

/** Escapes one JSON pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` in `document`, or undefined when any step is missing. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const segment of pointerSegments(pointer)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A document holding `value` at `pointer` and nothing else (`/task_id_list`, [a, b] → `{task_id_list: [a, b]}`). */
export function documentWith(pointer: string, value: unknown): unknown {
  return pointerSegments(pointer).reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
}
