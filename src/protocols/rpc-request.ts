/**
 * Reading the parameters of an Alibaba RPC request from the query string and
 * an `application/x-www-form-urlencoded` body.
 *
 * @module
 */

import { DEFAULT_MAX_FORM_PAIRS, parseFormUrlEncoded } from './form-urlencoded.ts';
import type { RpcParamProblem } from './rpc-params.ts';

/** Parameters of one RPC request, in wire order (query first, then body). */
export interface RpcRequestParams {
  /**
   * Every decoded pair as received, duplicates included: the signature covers
   * exactly these, so nothing is merged away before verification.
   */
  readonly params: Array<[string, string]>;
  readonly problems: RpcParamProblem[];
}

/** The raw parts {@link parseRpcRequestParts} needs. */
export interface RpcRequestParts {
  /** Query string without the leading `?` (raw, still percent-encoded). */
  readonly query: string;
  /** The `Content-Type` header, or null. */
  readonly contentType: string | null;
  /** The raw body bytes (empty if none). */
  readonly body: Uint8Array;
}

/** Options for RPC request parsing. */
export interface ParseRpcRequestOptions {
  /** Cap on pairs read from query and body together (default 10 000). */
  readonly maxPairs?: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** True when a Content-Type names a form body, ignoring case and parameters. */
export function isFormContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/x-www-form-urlencoded';
}

/**
 * Pure core of {@link parseRpcRequest}. Query and form body are both read
 * (older SDKs send a form body, newer ones the query). A name that appears
 * more than once, in either or both places, is reported as
 * `duplicate-parameter` rather than silently resolved: no source says which
 * one Alibaba's gateway prefers, and the SDKs never send duplicates, so an
 * emulator should flag the request instead of guessing.
 */
export function parseRpcRequestParts(parts: RpcRequestParts, options: ParseRpcRequestOptions = {}): RpcRequestParams {
  const maxPairs = options.maxPairs ?? DEFAULT_MAX_FORM_PAIRS;
  const problems: RpcParamProblem[] = [];
  const fromQuery = parseFormUrlEncoded(parts.query, { maxPairs });
  problems.push(...fromQuery.problems);
  const params: Array<[string, string]> = [...fromQuery.pairs];
  const seen = new Map<string, { count: number; query: boolean; body: boolean }>();
  const note = (name: string, place: 'query' | 'body'): void => {
    const entry = seen.get(name) ?? { count: 0, query: false, body: false };
    entry.count += 1;
    entry[place] = true;
    seen.set(name, entry);
  };
  for (const [name] of fromQuery.pairs) note(name, 'query');

  if (parts.body.length > 0) {
    if (isFormContentType(parts.contentType)) {
      let text: string;
      try {
        text = strictUtf8.decode(parts.body);
      } catch {
        // Raw (unescaped) non-UTF-8 bytes; escaped ones are caught per pair.
        text = lenientUtf8.decode(parts.body);
        problems.push({ code: 'invalid-utf8', key: '', message: 'The form body is not valid UTF-8.' });
      }
      const fromBody = parseFormUrlEncoded(text, {
        maxPairs: Math.max(0, maxPairs - fromQuery.pairs.length),
      });
      problems.push(...fromBody.problems);
      for (const pair of fromBody.pairs) {
        params.push(pair);
        note(pair[0], 'body');
      }
    } else {
      problems.push({
        code: 'unsupported-content-type',
        key: '',
        message: `Body with Content-Type "${parts.contentType ?? ''}" is not form-encoded; it was ignored.`,
      });
    }
  }

  for (const [name, entry] of seen) {
    if (entry.count < 2) continue;
    const shown = name.length > 200 ? `${name.slice(0, 200)}…` : name;
    const places = entry.query && entry.body ? 'query and body' : entry.query ? 'query' : 'body';
    problems.push({
      code: 'duplicate-parameter',
      key: shown,
      message: `Parameter "${shown}" appears ${entry.count} times (${places}).`,
    });
  }
  return { params, problems };
}

/**
 * Reads all RPC parameters of a web `Request`: its query string plus a
 * form-encoded body. Never rejects: broken percent-encoding, bad UTF-8, an
 * unreadable body and duplicates all come back as problems.
 */
export async function parseRpcRequest(request: Request, options: ParseRpcRequestOptions = {}): Promise<RpcRequestParams> {
  let query = '';
  try {
    query = new URL(request.url).search.slice(1);
  } catch {
    // Request URLs are always absolute; kept for safety only.
  }
  let body = new Uint8Array(0);
  const extra: RpcParamProblem[] = [];
  try {
    body = new Uint8Array(await request.arrayBuffer());
  } catch (error) {
    extra.push({
      code: 'body-unreadable',
      key: '',
      message: `The request body could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const result = parseRpcRequestParts({ query, contentType: request.headers.get('content-type'), body }, options);
  return { params: result.params, problems: [...extra, ...result.problems] };
}
