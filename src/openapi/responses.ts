/**
 * An operation's responses: its success schemas, and for every documented status the error envelope
 * with the codes documented for it, the operation's own first, then the product's global catalogue.
 * The codes are an `x-error-codes` list (code, message, class, provenance) and a Markdown list in the
 * description rather than an `enum` on the envelope: which envelope field holds the code is the
 * adapter's knowledge, and an endpoint may answer codes no document lists (drift, not a broken schema).
 * Catalogue codes of statuses the operation does not document go to `default`.
 *
 * @module
 */

import { STATUS_CODES } from 'node:http';
import type { Contract } from '../contract/load.ts';
import type { ResponseObject, Responses } from './openapi-types.ts';

/** One documented error code, as `x-error-codes` lists it. */
export interface DocumentedCode {
  readonly code: string;
  readonly message: string;
  readonly class: string;
  /** `operation`: the operation's own error table (with its seed); `catalogue`: the product's global catalogue (with its source and confidence). */
  readonly documentedBy: 'operation' | 'catalogue';
  readonly seed?: string;
  readonly source?: string;
  readonly confidence?: string;
  readonly gateway?: boolean;
  /** Under `default`: the status the catalogue gives the code. */
  readonly status?: number;
}

/** The component names the responses refer to. */
export interface ResponseSchemaRefs {
  readonly success: ReadonlyMap<number, string>;
  readonly errorEnvelope: string;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every documented code by status: the operation's errors, then the catalogue's codes it does not have itself. */
export function documentedCodes(contract: Contract): Map<number, DocumentedCode[]> {
  const byStatus = new Map<number, DocumentedCode[]>();
  const add = (status: number, code: DocumentedCode) => {
    const listed = byStatus.get(status) ?? [];
    if (!listed.some((c) => c.code === code.code)) byStatus.set(status, [...listed, code]);
  };
  for (const e of contract.document.errors) add(e.status, { code: e.code, message: e.message, class: e.class, documentedBy: 'operation', seed: e.seed });
  for (const e of contract.globalErrors.errors) {
    const code: DocumentedCode = { code: e.code, message: e.message, class: e.class, documentedBy: 'catalogue', source: e.source, confidence: e.confidence, ...(e.gateway ? { gateway: true } : {}) };
    for (const status of e.statuses) add(status, code);
  }
  return byStatus;
}

function errorResponse(title: string, codes: readonly DocumentedCode[], envelope: string): ResponseObject {
  const list = codes.map((c) => `- \`${c.code}\` (${[...(c.status ? [`HTTP ${c.status}`] : []), c.class, ...(c.documentedBy === 'catalogue' ? ['global catalogue'] : [])].join(', ')}): ${c.message}`).join('\n');
  return {
    description: codes.length === 0 ? `${title}. No code is documented for it.` : `${title}. Documented codes:\n\n${list}`,
    content: { 'application/json': { schema: ref(envelope) } },
    'x-error-codes': codes,
  };
}

/** The responses of the operation: success bodies (with the seed's example), documented error statuses, and `default`. */
export function responsesOf(contract: Contract, refs: ResponseSchemaRefs): Responses {
  const codes = documentedCodes(contract);
  const example = contract.examples.response;
  const responses: Record<string, ResponseObject> = {};
  for (const [status, name] of refs.success) {
    responses[String(status)] = {
      description: `${STATUS_CODES[status] ?? 'Success'}: the operation's answer`,
      content: { 'application/json': { schema: ref(name), ...(example.status === status ? { example: example.body } : {}) } },
    };
  }
  const documented = contract.document.documentedStatuses.filter((status) => !refs.success.has(status));
  for (const status of documented) responses[String(status)] = errorResponse(`${STATUS_CODES[status] ?? 'Error'} (${status})`, codes.get(status) ?? [], refs.errorEnvelope);
  const elsewhere = [...codes].filter(([status]) => !documented.includes(status) && !refs.success.has(status));
  const undocumented = elsewhere.flatMap(([status, list]) => list.map((c) => ({ ...c, status })));
  if (undocumented.length > 0) responses['default'] = errorResponse('Another status, which this operation does not document but the global catalogue gives', undocumented, refs.errorEnvelope);
  return responses;
}
