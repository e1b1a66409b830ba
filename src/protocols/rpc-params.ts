/**
 * Alibaba RPC parameter flattening (`Tag.1.Key`, `Disks.System.Size`) and its
 * tolerant inverse.
 *
 * @module
 */

import type { FormProblemCode } from './form-urlencoded.ts';

/** Everything {@link unflattenRpcParams} and `parseRpcRequest` can report. */
export type RpcParamProblemCode =
  | FormProblemCode
  | 'duplicate-parameter'
  | 'scalar-and-container'
  | 'mixed-container'
  | 'empty-segment'
  | 'index-zero'
  | 'index-not-canonical'
  | 'index-too-large'
  | 'index-gap'
  | 'too-deep'
  | 'unsupported-content-type'
  | 'body-unreadable';

/** A problem with the received parameters; `key` is the wire name or path it concerns. */
export interface RpcParamProblem {
  readonly code: RpcParamProblemCode;
  readonly key: string;
  readonly message: string;
}

/** Limits that keep {@link unflattenRpcParams} bounded on hostile input. */
export interface UnflattenOptions {
  /** Largest accepted 1-based list index (default {@link DEFAULT_MAX_RPC_INDEX}). */
  readonly maxIndex?: number;
  /** Largest number of dot-separated segments in a name (default {@link DEFAULT_MAX_RPC_DEPTH}). */
  readonly maxDepth?: number;
}

/** Default largest list index; SMC lists are far smaller (e.g. `Tag.N` ≤ 20). */
export const DEFAULT_MAX_RPC_INDEX = 1000;
/** Default largest name depth; the deepest SMC name (`Disks.Data.N.Part.N.Path`) has 6. */
export const DEFAULT_MAX_RPC_DEPTH = 32;

/** Nested value produced by {@link unflattenRpcParams}: strings only. */
export type RpcParamValue = string | RpcParamValue[] | { [name: string]: RpcParamValue };

// ---------------------------------------------------------------- flatten

/**
 * Flattens a request object into RPC wire pairs, the way Alibaba's SDKs do:
 * arrays become 1-based `Name.N` (recursing into objects and nested arrays),
 * plain objects become dotted paths, booleans `true`/`false`, numbers plain
 * decimal. `null`/`undefined` are skipped, but inside an array the index still
 * advances (`[a, null, b]` gives `.1` and `.3`). Order follows the input's
 * property order.
 *
 * @throws TypeError for values that have no wire form (functions, symbols,
 *   non-plain objects such as `Date`, cycles) and RangeError for NaN/±Infinity;
 *   this is the client side, where a silent wrong request is worse than an error.
 */
export function flattenRpcParams(value: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  flattenObject(value, '', out, new Set());
  return out;
}

function flattenObject(value: object, prefix: string, out: Array<[string, string]>, ancestors: Set<object>): void {
  enter(value, prefix, ancestors);
  for (const [name, item] of Object.entries(value)) {
    flattenValue(item, prefix === '' ? name : `${prefix}.${name}`, out, ancestors);
  }
  ancestors.delete(value);
}

function flattenValue(value: unknown, key: string, out: Array<[string, string]>, ancestors: Set<object>): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case 'string':
      out.push([key, value]);
      return;
    case 'boolean':
    case 'bigint':
      out.push([key, String(value)]);
      return;
    case 'number':
      out.push([key, formatDecimal(value, key)]);
      return;
    default:
      break;
  }
  if (Array.isArray(value)) {
    enter(value, key, ancestors);
    // Index loop, not forEach: holes count as undefined and still advance N.
    for (let i = 0; i < value.length; i++) flattenValue(value[i], `${key}.${i + 1}`, out, ancestors);
    ancestors.delete(value);
    return;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    flattenObject(value, key, out, ancestors);
    return;
  }
  throw new TypeError(`flattenRpcParams: "${key}" holds a ${describe(value)}, which has no RPC wire form`);
}

function enter(value: object, key: string, ancestors: Set<object>): void {
  if (ancestors.has(value)) throw new TypeError(`flattenRpcParams: cycle at "${key}"`);
  ancestors.add(value);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}

/** Plain positional decimal: the wire never carries `1e+21` or `1e-7`. */
function formatDecimal(n: number, key: string): string {
  if (!Number.isFinite(n)) throw new RangeError(`flattenRpcParams: "${key}" is ${n}`);
  const text = String(n);
  const e = text.indexOf('e');
  if (e === -1) return text;
  if (Number.isInteger(n)) return BigInt(n).toString();
  // Only |n| < 1e-6 reaches here: expand the mantissa with leading zeros.
  const negative = n < 0;
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intDigits = dot === -1 ? mantissa.length : dot;
  return `${negative ? '-' : ''}0.${'0'.repeat(-(intDigits + exponent))}${digits}`;
}

// -------------------------------------------------------------- unflatten

interface TrieNode {
  scalar: { readonly key: string; readonly value: string } | undefined;
  readonly children: Map<string, TrieNode>;
}

const DIGITS = /^[0-9]+$/;

/** Keeps problem keys and messages small even for megabyte-long names. */
function shown(key: string): string {
  return key.length > 200 ? `${key.slice(0, 200)}…` : key;
}

/**
 * Rebuilds a nested value from RPC wire pairs. Values stay strings (typing is
 * the schema's job). Segments after the first that are all digits are list
 * positions: 1-based on the wire, sorted numerically, returned as a dense
 * array. Never throws; anything odd is skipped and reported:
 *
 * - the same name twice → `duplicate-parameter` (the first value is kept);
 * - a name that is both a value and a container (`Tag=1&Tag.1.Key=a`) →
 *   `scalar-and-container` (the container is kept);
 * - list positions mixed with names under one parent → `mixed-container`
 *   (the list is kept);
 * - index `0`, non-canonical (`01`), above `maxIndex`, or gaps → `index-*`;
 * - empty segments (`a..b`) or more than `maxDepth` segments → skipped.
 *
 * The result only depends on the multiset of pairs plus first-seen order for
 * property order and duplicate resolution.
 */
export function unflattenRpcParams(
  pairs: Iterable<readonly [string, string]>,
  options: UnflattenOptions = {},
): { value: Record<string, RpcParamValue>; problems: RpcParamProblem[] } {
  const maxIndex = options.maxIndex ?? DEFAULT_MAX_RPC_INDEX;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_RPC_DEPTH;
  const problems: RpcParamProblem[] = [];
  const root: TrieNode = { scalar: undefined, children: new Map() };

  for (const [key, value] of pairs) {
    const segments = splitName(key, maxDepth, maxIndex, problems);
    if (segments === undefined) continue;
    let node = root;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { scalar: undefined, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    if (node.scalar !== undefined) {
      problems.push({
        code: 'duplicate-parameter',
        key: shown(key),
        message: `Parameter "${shown(key)}" was given more than once; the first value was used.`,
      });
    } else {
      node.scalar = { key, value };
    }
  }

  const value = materializeObject(root, '', problems);
  return { value, problems };
}

/** Validates a name; returns its segments or undefined (problem recorded). */
function splitName(key: string, maxDepth: number, maxIndex: number, problems: RpcParamProblem[]): string[] | undefined {
  // Count dots before splitting so a name made of a million dots stays cheap.
  let dots = 0;
  for (let i = key.indexOf('.'); i !== -1 && dots < maxDepth; i = key.indexOf('.', i + 1)) dots++;
  if (dots >= maxDepth) {
    problems.push({
      code: 'too-deep',
      key: shown(key),
      message: `Parameter name has more than ${maxDepth} segments; ignored.`,
    });
    return undefined;
  }
  const segments = key.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    if (segment === '') {
      problems.push({ code: 'empty-segment', key: shown(key), message: `Parameter name "${shown(key)}" has an empty segment; ignored.` });
      return undefined;
    }
    // The first segment is always a parameter name, even if numeric.
    if (i === 0 || !DIGITS.test(segment)) continue;
    if (/^0+$/.test(segment)) {
      problems.push({ code: 'index-zero', key: shown(key), message: `"${shown(key)}": list positions start at 1; ignored.` });
      return undefined;
    }
    if (segment.startsWith('0')) {
      problems.push({
        code: 'index-not-canonical',
        key: shown(key),
        message: `"${shown(key)}": list position "${shown(segment)}" has leading zeros; ignored.`,
      });
      return undefined;
    }
    if (segment.length > 15 || Number(segment) > maxIndex) {
      problems.push({
        code: 'index-too-large',
        key: shown(key),
        message: `"${shown(key)}": list position exceeds ${maxIndex}; ignored.`,
      });
      return undefined;
    }
  }
  return segments;
}

function materialize(node: TrieNode, path: string, problems: RpcParamProblem[]): RpcParamValue {
  if (node.children.size === 0) return node.scalar?.value ?? '';
  if (node.scalar !== undefined) {
    problems.push({
      code: 'scalar-and-container',
      key: shown(path),
      message: `"${shown(path)}" is given both as a value and as a list/object; the value was ignored.`,
    });
  }
  let hasIndex = false;
  let hasName = false;
  for (const segment of node.children.keys()) {
    if (DIGITS.test(segment)) hasIndex = true;
    else hasName = true;
  }
  if (!hasIndex) return materializeObject(node, path, problems);

  if (hasName) {
    for (const segment of node.children.keys()) {
      if (DIGITS.test(segment)) continue;
      problems.push({
        code: 'mixed-container',
        key: shown(`${path}.${segment}`),
        message: `"${shown(path)}" is a list, so the named member "${shown(segment)}" was ignored.`,
      });
    }
  }
  const entries = [...node.children.entries()]
    .filter(([segment]) => DIGITS.test(segment))
    .map(([segment, child]) => [Number(segment), child] as const)
    .sort((a, b) => a[0] - b[0]);
  const list: RpcParamValue[] = [];
  let expected = 1;
  for (const [index, child] of entries) {
    if (index !== expected) {
      problems.push({
        code: 'index-gap',
        key: shown(`${path}.${index}`),
        message: `"${shown(path)}": list position ${index} follows ${expected - 1}; positions were compacted.`,
      });
    }
    expected = index + 1;
    list.push(materialize(child, `${path}.${index}`, problems));
  }
  return list;
}

function materializeObject(node: TrieNode, path: string, problems: RpcParamProblem[]): Record<string, RpcParamValue> {
  // fromEntries defines own properties, so "__proto__" cannot touch prototypes.
  return Object.fromEntries(
    [...node.children.entries()].map(([segment, child]) => [
      segment,
      materialize(child, path === '' ? segment : `${path}.${segment}`, problems),
    ]),
  );
}
