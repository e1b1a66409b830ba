import type { WireRequest, WireResponse } from './wire-request.ts';

/**
 * Why no response came back (`tls`: no TLS session: an untrusted certificate, or no TLS at that
 * address; `oversized`: an answer began, but its body ran past the bound and was not read to its end).
 */
export type TransportFailureKind = 'timeout' | 'refused' | 'reset' | 'tls' | 'oversized' | 'other';

/** One request's outcome on the wire: the (last) request sent and its response, or why none came. */
export type Exchange =
  | { readonly request: WireRequest; readonly response: WireResponse; readonly durationMs: number; readonly attempts: number }
  | { readonly request: WireRequest; readonly failure: { readonly kind: TransportFailureKind; readonly message: string }; readonly durationMs: number; readonly attempts: number };
