import { randomInt, randomUUID } from 'node:crypto';
import type { Contract } from '../src/contract/load.ts';
import { walkSchema, type SchemaNode } from '../src/contract/schema-node.ts';
import { compileSchema } from '../src/contract/validator.ts';
import { valueAtPointer } from '../src/json/pointer.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
const upperAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const pick = (chars: string): string => chars[randomInt(chars.length)] as string;
const run = (chars: string, length: number): string => Array.from({ length }, () => pick(chars)).join('');

/**
 * A fresh value in the shape of a documented one: a UUID stays a UUID (in its case), a letter prefix
 * and dash stay (`j-`), a hex or decimal rest gets as many fresh digits of its kind, any other rest as
 * many fresh letters and digits in its case (the examples' masks `****` and `xxxx` included):
 * `j-bp17bclvg344jlyt****` → `j-` and 20 lower-case characters, `8aa6999e…` → 32 hex digits,
 * `C8B26B44-0189-…` → an upper-case UUID.
 */
export function freshLike(example: string): string {
  if (uuid.test(example)) return example === example.toUpperCase() ? randomUUID().toUpperCase() : randomUUID();
  const [, prefix = '', rest = ''] = /^([A-Za-z]+-)?([\s\S]*)$/.exec(example) ?? [];
  if (rest === '') return prefix + run('0123456789abcdef', 32);
  if (/^\d+$/.test(rest)) return prefix + run('0123456789', rest.length);
  if (/^[0-9a-f]+$/.test(rest)) return prefix + run('0123456789abcdef', rest.length);
  if (/^[0-9A-F]+$/.test(rest)) return prefix + run('0123456789ABCDEF', rest.length);
  return prefix + [...rest].map((c) => (/[A-Z]/.test(c) ? pick(upperAlnum) : /[a-z0-9*]/.test(c) ? pick(lowerAlnum) : c)).join('');
}

/** Whether a response field names an identifier (`RequestId`, `JobId`, `id`, `instance_id`): its value is made fresh for every answer. */
export function isIdName(name: string): boolean {
  return /^id$|_id$|Id$|ID$/.test(name);
}

const quotesOf = (node: SchemaNode): string[] => (node['x-source'] ?? []).map((s) => `${s.seed}\n${s.quote}`);

/**
 * The response fields that echo the request, by response pointer → request pointer: a field echoes
 * the request parameter the documents describe with the same words (an `x-source` quote of the same
 * seed in common: CreateMigrationTask's `name` and `task_name` are both "迁移任务名称。"), else the
 * top-level parameter of the same name. Fields inside arrays never echo.
 */
export function echoesOf(contract: Contract, responseSchema: SchemaNode): Map<string, string> {
  const requestQuotes: [string, Set<string>][] = [];
  const requestPointers = new Set<string>();
  walkSchema(contract.requestSchema, (node, site) => {
    if (site.role === 'root' || site.pointer.includes('/*')) return;
    requestPointers.add(site.pointer);
    requestQuotes.push([site.pointer, new Set(quotesOf(node))]);
  });
  const echoes = new Map<string, string>();
  walkSchema(responseSchema, (node, site) => {
    if (site.role === 'root' || site.pointer.includes('/*')) return;
    const quotes = quotesOf(node);
    const byQuote = requestQuotes.find(([, theirs]) => quotes.some((q) => theirs.has(q)))?.[0];
    const byName = site.path.length === 1 && requestPointers.has(site.pointer) ? site.pointer : undefined;
    const echoed = byQuote ?? byName;
    if (echoed !== undefined) echoes.set(site.pointer, echoed);
  });
  return echoes;
}

/** How one operation answers a successful call. */
export interface SuccessPlan {
  readonly status: number;
  /** The top-level field the binding's cleanup call takes the id from (`response:JobId`). */
  readonly idField: string;
  /** Response pointer → the request pointer it echoes. */
  readonly echoes: ReadonlyMap<string, string>;
  /** The body for `request`: with `id` as the resource id when given (a replay), else a fresh one that `taken` does not hold. */
  readonly build: (request: Readonly<Record<string, unknown>>, id?: string, taken?: (id: string) => boolean) => Record<string, unknown>;
}

function typeOf(schema: SchemaNode): string | undefined {
  return Array.isArray(schema.type) ? (schema.type[0] as string | undefined) : (schema.type as string | undefined) ?? (schema.properties ? 'object' : undefined);
}

/** A value for a field the example lacks but the schema requires. */
function stand_in(schema: SchemaNode, name: string): unknown {
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return isIdName(name) ? freshLike('') : '';
  }
}

/**
 * The success answer of an operation, from its response schema and the seed's example response:
 * the example's fields (and any the schema requires), where an echoing field takes the request's
 * value, an enumerated field the example's value, an identifier a fresh value in the example's shape
 * (see {@link freshLike}), and anything else the example's value. The cleanup's `response:<field>`
 * reference names the resource id, always fresh. Built once and checked against the response schema:
 * a contract whose example cannot give a valid answer fails `createEmulator`.
 */
export function createSuccessPlan(contract: Contract, idField: string): SuccessPlan {
  const status = contract.document.binding.successStatus;
  const schema = contract.responseSchemas.get(status);
  if (!schema) throw new Error(`${contract.id}: no response schema for its success status ${status}`);
  if (!schema.properties?.[idField]) throw new Error(`${contract.id}: the cleanup call takes response:${idField}, which the response schema does not have`);
  const example = contract.examples.response.body;
  const echoes = echoesOf(contract, schema);

  const value = (node: SchemaNode, documented: unknown, pointer: string, name: string, request: Readonly<Record<string, unknown>>): unknown => {
    const echoed = echoes.get(pointer);
    const fromRequest = echoed === undefined ? undefined : valueAtPointer(request, echoed);
    if (fromRequest !== undefined) return fromRequest;
    if (node.enum) return node.enum.includes(documented) ? documented : node.enum[0];
    if (node['const'] !== undefined) return node['const'];
    const type = typeOf(node);
    if (type === 'object' && typeof documented === 'object' && documented !== null && !Array.isArray(documented)) {
      const fields = new Set([...Object.keys(documented), ...(node.required ?? [])]);
      return Object.fromEntries([...fields].map((key) => [key, value(node.properties?.[key] ?? {}, (documented as Record<string, unknown>)[key], `${pointer}/${key}`, key, request)]));
    }
    if (type === 'array' && Array.isArray(documented)) return documented.map((item, i) => value(node.items ?? {}, item, `${pointer}/${i}`, name, request));
    if (typeof documented === 'string' && isIdName(name)) return freshLike(documented);
    return documented === undefined ? stand_in(node, name) : documented;
  };

  const build = (request: Readonly<Record<string, unknown>>, id?: string, taken: (id: string) => boolean = () => false): Record<string, unknown> => {
    const body = value(schema, typeof example === 'object' && example !== null ? example : {}, '', '', request) as Record<string, unknown>;
    let resourceId = id;
    while (resourceId === undefined || (id === undefined && taken(resourceId))) resourceId = freshLike(String((example as Record<string, unknown> | undefined)?.[idField] ?? ''));
    return { ...body, [idField]: resourceId };
  };

  const check = compileSchema(schema);
  const sample = build(contract.examples.request);
  if (!check(sample)) throw new Error(`${contract.id}: the answer built from its example response does not fit its response schema: ${JSON.stringify(check.errors?.[0] ?? {})}`);
  return { status, idField, echoes, build };
}
