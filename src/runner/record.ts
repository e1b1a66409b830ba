import type { WireRequestRecord, WireResponseRecord } from '../checks/finding.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { redactHeaders } from '../protocols/redact.ts';
import { toCurl, type WireRequest } from '../protocols/wire-request.ts';

/** Removes secrets from text (the run's literal credentials, signatures, tokens). */
export type Redact = (text: string) => string;

/**
 * Characters of a body that findings keep. Above it a finding keeps the body's start and says how
 * long it was: a 13 MiB body (the oversized-body case, an endpoint's garbage) would otherwise make a
 * 30 MB report. Replaying a case needs none of it: `replay` rebuilds the case from its document and rule.
 */
export const recordedBodyLimit = 64 * 1024;

/** The first `limit` characters of `text`, never ending in half a surrogate pair. */
function headOf(text: string, limit: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return text.slice(0, end);
}

/** A body as findings keep it: secrets redacted first (a secret is never cut in half and left readable), then bounded. */
function recordBody(body: string, redact: Redact): string {
  const redacted = redact(body);
  return redacted.length <= recordedBodyLimit ? redacted : `${headOf(redacted, recordedBodyLimit)}… [${redacted.length} characters in all; the rest is left out of the report]`;
}

/** A request as findings keep it: secrets redacted, the body bounded. */
export function recordRequest(request: WireRequest, redact: Redact): WireRequestRecord {
  const headers = Object.fromEntries(Object.entries(redactHeaders(request.headers)).map(([k, v]) => [k, redact(v)]));
  return { method: request.method, url: redact(request.url), headers, ...(request.body === undefined ? {} : { body: recordBody(request.body, redact) }) };
}

/** A response as findings keep it, with how long it took; undefined when none came. */
export function recordResponse(exchange: Exchange, redact: Redact): WireResponseRecord | undefined {
  return 'response' in exchange
    ? { status: exchange.response.status, headers: redactHeaders(exchange.response.headers), body: recordBody(exchange.response.body, redact), durationMs: Math.round(exchange.durationMs) }
    : undefined;
}

/** A curl command for a request, secrets redacted; a body past the bound is sent cut, and a comment says so. */
export function recordCurl(request: WireRequest, redact: Redact): string {
  if (request.body === undefined || request.body.length <= recordedBodyLimit) return redact(toCurl(request));
  const body = redact(request.body);
  const cut = headOf(body, recordedBodyLimit);
  const note = cut.length < body.length ? ` # the body is cut to its first ${cut.length} of ${body.length} characters; 'replay' sends the case whole` : '';
  return `${redact(toCurl({ ...request, body: cut }))}${note}`;
}
