import type { ReceivedRequest } from '../signing/received-request.ts';

/** Flips the last bit of the last character of `needle` in `text`: a one-byte tamper a signature must catch. */
export function flip(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" not found`);
  const last = needle.charCodeAt(needle.length - 1);
  return text.slice(0, at) + needle.slice(0, -1) + String.fromCharCode(last ^ 1) + text.slice(at + needle.length);
}

/** The request with one header set, or removed for `null`. */
export function withHeader(request: ReceivedRequest, name: string, value: string | null): ReceivedRequest {
  const headers = new Headers(request.headers);
  if (value === null) headers.delete(name);
  else headers.set(name, value);
  return { ...request, headers };
}
