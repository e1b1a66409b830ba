import { randomUUID } from 'node:crypto';
import type { Contract } from '../src/contract/load.ts';
import type { ErrorAnswer } from './documented-error.ts';

/** A JSON response with the vendors' content type. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers } });
}

/** An Alibaba request id: an upper-case UUID, as in the documents' examples. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The Alibaba RPC error body (reference A.4). */
export function alibabaError(status: number, code: string, message: string, requestId = newRequestId()): Response {
  return json(status, {
    RequestId: requestId,
    HostId: 'smc.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Smc&requestId=${requestId}`,
  });
}

/** The DCS v2 error body (seeds 003/004); the request id travels in `X-Request-Id` (reference B.1). */
export function dcsError(status: number, code: string, message: string): Response {
  return json(status, { error_code: code, error_msg: message, error_ext_msg: null }, { 'x-request-id': randomUUID().replace(/-/g, '') });
}

/** An error answer in the envelope of the contract's vendor. */
export function errorResponse(contract: Contract, answer: ErrorAnswer): Response {
  return contract.document.vendor === 'alibaba' ? alibabaError(answer.status, answer.code, answer.message) : dcsError(answer.status, answer.code, answer.message);
}
