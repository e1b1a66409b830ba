import type { WireRequestRecord, WireResponseRecord } from '../checks/finding.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { redactHeaders } from '../protocols/redact.ts';
import { toCurl, type WireRequest } from '../protocols/wire-request.ts';

/** Removes secrets from text (the run's literal credentials, signatures, tokens). */
export type Redact = (text: string) => string;

/** A request as findings keep it: secrets redacted. */
export function recordRequest(request: WireRequest, redact: Redact): WireRequestRecord {
  const headers = Object.fromEntries(Object.entries(redactHeaders(request.headers)).map(([k, v]) => [k, redact(v)]));
  return { method: request.method, url: redact(request.url), headers, ...(request.body === undefined ? {} : { body: redact(request.body) }) };
}

/** A response as findings keep it, with how long it took; undefined when none came. */
export function recordResponse(exchange: Exchange, redact: Redact): WireResponseRecord | undefined {
  return 'response' in exchange
    ? { status: exchange.response.status, headers: redactHeaders(exchange.response.headers), body: redact(exchange.response.body), durationMs: Math.round(exchange.durationMs) }
    : undefined;
}

/** A curl command for a request, secrets redacted. */
export function recordCurl(request: WireRequest, redact: Redact): string {
  return redact(toCurl(request));
}
