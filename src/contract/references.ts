import { escapePointer, pointerSegments } from '../json/pointer.ts';
import { walkSchema, type SchemaNode } from './schema-node.ts';

/**
 * The request values that name a resource which must exist and which no fixture of a profile stands
 * for (`x-refers-to` in the request schema: an ECS instance type, an OBS bucket), as pointer templates
 * (`*` for every entry of a list). A random value there names nothing, and a service may refuse it for that.
 */
export function unboundReferencesOf(schema: SchemaNode): string[] {
  const found: string[] = [];
  walkSchema(schema, (node, site) => {
    if (node['x-refers-to'] !== undefined) found.push(site.pointer);
  });
  return found;
}

/** The concrete pointers of the values a request sends at the given templates. */
export function sentAt(templates: readonly string[], request: unknown): string[] {
  const expand = (node: unknown, segments: readonly string[], pointer: string): string[] => {
    if (node === undefined || node === null) return [];
    const [first, ...rest] = segments;
    if (first === undefined) return [pointer];
    if (typeof node !== 'object') return [];
    if (first === '*') return Array.isArray(node) ? node.flatMap((entry, index) => expand(entry, rest, `${pointer}/${index}`)) : [];
    return expand((node as Record<string, unknown>)[first], rest, `${pointer}/${escapePointer(first)}`);
  };
  return templates.flatMap((template) => expand(request, pointerSegments(template), ''));
}
