import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../schema.ts';

/** RFC 3339 `date-time`, as JSON Schema's format names it (ajv knows no formats of its own). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Every `x-` key used anywhere in a document. */
function extensionKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) extensionKeys(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeys(child, found);
    }
  }
  return found;
}

/**
 * Compiles an exported schema as a tool that knows only standard JSON Schema 2020-12 would: strict ajv
 * without our vocabulary, the `x-` extensions as annotations, `date-time` as RFC 3339.
 */
export function compileStandard(schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', (value: string) => rfc3339.test(value) && !Number.isNaN(Date.parse(value)));
  for (const keyword of extensionKeys(schema)) ajv.addKeyword({ keyword });
  return ajv.compile(schema);
}
