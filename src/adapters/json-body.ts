import type { ParsedBody } from '../checks/check.ts';
import type { WireResponse } from '../protocols/wire-request.ts';

/** Bytes past any gateway's body limit we know of (12 MB), so an oversized wire-level case is oversized everywhere. */
export const oversizedBodyBytes = 13 * 1024 * 1024;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Where a vendor puts an answer's error code, message and request id: fields of the JSON body, or headers. */
export interface ErrorFields {
  readonly code: string;
  readonly message: string;
  /** A body field, or where the vendor sends it in a header instead. */
  readonly requestId: { readonly field: string } | { readonly header: string; readonly field?: string };
}

/** Reads a JSON body (when it is JSON) and the error fields where `fields` says the vendor puts them. */
export function readJsonBody(response: WireResponse, fields: ErrorFields): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const object = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const errorCode = text(object[fields.code]);
  const errorMessage = text(object[fields.message]);
  const where = fields.requestId;
  const requestId = 'header' in where ? (response.headers[where.header] ?? (where.field === undefined ? undefined : text(object[where.field]))) : text(object[where.field]);
  return { ...(json === undefined ? {} : { json }), ...(errorCode === undefined ? {} : { errorCode }), ...(errorMessage === undefined ? {} : { errorMessage }), ...(requestId === undefined ? {} : { requestId }) };
}
