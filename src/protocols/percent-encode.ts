/**
 * The one percent-encoder shared by Alibaba (RPC v1 and ACS3) and Huawei
 * (`SDK-HMAC-SHA256`) canonicalization: UTF-8, RFC 3986 unreserved set.
 *
 * @module
 */

const ALL_UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const utf8 = new TextEncoder();

/** True for the bytes RFC 3986 calls unreserved: `A–Z a–z 0–9 - _ . ~`. */
export function isUnreservedByte(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || byte === 0x5f || byte === 0x2e || byte === 0x7e // - _ . ~
  );
}

/** `%XX` with upper-case hex, as both vendors require. */
export function percentByte(byte: number): string {
  return `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
}

/**
 * Percent-encodes `text` the way both vendors' signers do: every UTF-8 byte
 * outside `A–Z a–z 0–9 - _ . ~` becomes `%XX` (upper-case hex). So space is
 * `%20` (never `+`), `*` is `%2A`, `~` stays literal.
 *
 * Lone surrogates are encoded as U+FFFD (what `TextEncoder` does) instead of
 * throwing like `encodeURIComponent`, so hostile input cannot crash a verifier.
 */
export function percentEncode(text: string): string {
  if (ALL_UNRESERVED.test(text)) return text;
  try {
    // The native encoder, with the five characters it leaves alone that RFC 3986 reserves (fast on megabytes).
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => percentByte(c.charCodeAt(0)));
  } catch {
    // A lone surrogate: byte by byte below.
  }
  let out = '';
  for (const byte of utf8.encode(text)) {
    out += isUnreservedByte(byte) ? String.fromCharCode(byte) : percentByte(byte);
  }
  return out;
}
