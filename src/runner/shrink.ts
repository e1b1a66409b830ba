import type { SchemaNode } from '../contract/schema-node.ts';
import { escapePointer } from '../json/pointer.ts';

type Json = Record<string, unknown>;

/** What {@link shrinkRequest} needs. */
export interface ShrinkInput {
  /** The failing request document, as generated (before binding). */
  readonly request: Readonly<Json>;
  readonly schema: SchemaNode;
  /** Pointers the case changed or pinned: left as they are. */
  readonly keep: readonly string[];
  /** Whether a candidate is still the same case (judged the same way under every reading); no request is sent for one that is not. */
  readonly sameCase: (request: Json) => boolean;
  /** Sends a candidate; true when it still fails the same check the same way. */
  readonly stillFails: (request: Json) => Promise<boolean>;
  /** Requests the shrink may send. */
  readonly maxRequests: number;
}

/** The smallest failing request found, and the requests it took. */
export interface ShrinkResult {
  readonly request: Json;
  readonly requests: number;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `pointer` is `at`, inside it, or on the way to it. */
function onPath(pointer: string, at: string): boolean {
  return pointer === at || pointer.startsWith(`${at}/`) || at.startsWith(`${pointer}/`);
}

/** The request with only what the schema requires, and whatever leads to a kept pointer. */
function requiredOnly(value: unknown, node: SchemaNode | undefined, pointer: string, keep: readonly string[]): unknown {
  if (Array.isArray(value)) {
    const kept = value.filter((_, i) => i === 0 || keep.some((k) => onPath(`${pointer}/${i}`, k)));
    return kept.map((item, i) => requiredOnly(item, node?.items, `${pointer}/${i}`, keep));
  }
  if (!isObject(value)) return value;
  const required = new Set(node?.required ?? []);
  const result: Json = {};
  for (const [name, child] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(name)}`;
    if (required.has(name) || keep.some((k) => onPath(at, k))) result[name] = requiredOnly(child, node?.properties?.[name], at, keep);
  }
  return result;
}

/** Candidates one step smaller than `request`: a property dropped, a list shortened, a string shortened, a number moved to its limit. */
function* smallerSteps(request: Json, schema: SchemaNode, keep: readonly string[]): Generator<Json> {
  const walk = function* (value: unknown, node: SchemaNode | undefined, pointer: string, replace: (v: unknown) => Json, remove?: () => Json): Generator<Json> {
    const kept = keep.some((k) => k === pointer || k.startsWith(`${pointer}/`));
    if (remove && !keep.some((k) => onPath(pointer, k))) yield remove();
    if (Array.isArray(value)) {
      if (value.length > 1 && !keep.some((k) => k.startsWith(`${pointer}/`) && Number(k.slice(pointer.length + 1).split('/')[0]) > 0)) yield replace(value.slice(0, Math.max(1, node?.minItems ?? 1)));
      for (const [i, item] of value.entries()) {
        yield* walk(item, node?.items, `${pointer}/${i}`, (v) => replace(value.map((x, j) => (j === i ? v : x))), value.length > (node?.minItems ?? 0) ? () => replace(value.filter((_, j) => j !== i)) : undefined);
      }
      return;
    }
    if (isObject(value)) {
      const required = new Set(node?.required ?? []);
      for (const [name, child] of Object.entries(value)) {
        const at = `${pointer}/${escapePointer(name)}`;
        const without = (): Json => replace(Object.fromEntries(Object.entries(value).filter(([k]) => k !== name)));
        yield* walk(child, node?.properties?.[name], at, (v) => replace({ ...value, [name]: v }), required.has(name) ? undefined : without);
      }
      return;
    }
    if (kept) return;
    if (typeof value === 'string') {
      const chars = [...value];
      const shortest = Math.max(node?.minLength ?? 1, 1);
      if (chars.length > shortest) yield replace(chars.slice(0, shortest).join(''));
    } else if (typeof value === 'number') {
      for (const limit of [node?.minimum, node?.maximum]) if (typeof limit === 'number' && limit !== value) yield replace(limit);
    }
  };
  yield* walk(request, schema, '', (v) => v as Json);
}

function sizeOf(request: Json): number {
  return JSON.stringify(request).length;
}

/**
 * Shrinks a failing request toward the smallest one that still fails the same way: first everything
 * the schema does not require, then one step at a time (an optional parameter dropped, a list
 * shortened, a string cut to its shortest, a number moved to its limit), keeping each step that still
 * fails, until no step helps or the request budget is spent.
 */
export async function shrinkRequest(input: ShrinkInput): Promise<ShrinkResult> {
  let current = structuredClone(input.request) as Json;
  let requests = 0;
  const tried = new Set<string>([JSON.stringify(current)]);
  const attempt = async (candidate: Json): Promise<boolean> => {
    const key = JSON.stringify(candidate);
    if (tried.has(key) || sizeOf(candidate) >= sizeOf(current) || !input.sameCase(candidate)) return false;
    tried.add(key);
    requests += 1;
    if (!(await input.stillFails(candidate))) return false;
    current = candidate;
    return true;
  };
  await attempt(requiredOnly(current, input.schema, '', input.keep) as Json);
  for (let improved = true; improved && requests < input.maxRequests; ) {
    improved = false;
    for (const candidate of smallerSteps(current, input.schema, input.keep)) {
      if (requests >= input.maxRequests) break;
      if (await attempt(candidate)) {
        improved = true;
        break;
      }
    }
  }
  return { request: current, requests };
}
