import type { WireResponse } from '../protocols/wire-request.ts';
import type { ParsedBody } from './check.ts';

/** Reads the JSON body and the vendor's error code and request id out of a response. */
export function parseBody(response: WireResponse, vendor: 'alibaba' | 'huawei'): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const object = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const errorCode = vendor === 'alibaba' ? text(object['Code']) : text(object['error_code']);
  const errorMessage = vendor === 'alibaba' ? text(object['Message']) : text(object['error_msg']);
  const requestId = vendor === 'alibaba' ? text(object['RequestId']) : (response.headers['x-request-id'] ?? text(object['request_id']));
  return {
    ...(json === undefined ? {} : { json }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(errorMessage === undefined ? {} : { errorMessage }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
