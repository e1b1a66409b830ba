/**
 * Tolerant `application/x-www-form-urlencoded` parsing (used for RPC query
 * strings and form bodies, and for the query part of signed requests) and the
 * matching RFC 3986 serializer.
 *
 * @module
 */

import { percentEncode } from './percent-encode.ts';

/** What can be wrong with a form-encoded string; parsing never throws. */
export type FormProblemCode = 'malformed-percent-encoding' | 'invalid-utf8' | 'too-many-parameters';

/** One problem found while parsing; `key` is the decoded parameter name (first 200 chars; empty if none). */
export interface FormProblem {
  readonly code: FormProblemCode;
  readonly key: string;
  readonly message: string;
}

/** Result of decoding one name or value. */
export interface DecodedComponent {
  readonly value: string;
  /** A `%` not followed by two hex digits was kept literally. */
  readonly malformedPercent: boolean;
  /** The decoded bytes were not UTF-8; offending bytes became U+FFFD. */
  readonly invalidUtf8: boolean;
}

/** Options for {@link parseFormUrlEncoded}. */
export interface ParseFormOptions {
  /** Stop after this many pairs and report `too-many-parameters` (default 10 000). */
  readonly maxPairs?: number;
  /** Treat `+` as a space, as form decoding does (default true). */
  readonly plusAsSpace?: boolean;
}

/** Default cap on the number of pairs read from one string. */
export const DEFAULT_MAX_FORM_PAIRS = 10_000;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Keeps problem keys and messages small even for megabyte-long names. */
function shown(name: string): string {
  return name.length > 200 ? `${name.slice(0, 200)}…` : name;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Percent-decodes one name or value. Like WHATWG form parsing a broken `%`
 * escape is kept literally and bad UTF-8 becomes U+FFFD, but unlike
 * `URLSearchParams` both are reported so a server can flag them.
 */
export function decodeFormComponent(text: string, plusAsSpace = true): DecodedComponent {
  if (!text.includes('%') && !(plusAsSpace && text.includes('+'))) {
    return { value: text, malformedPercent: false, invalidUtf8: false };
  }
  const bytes: number[] = [];
  let malformedPercent = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 3;
      } else {
        malformedPercent = true;
        bytes.push(0x25);
        i += 1;
      }
    } else if (code === 0x2b && plusAsSpace) {
      bytes.push(0x20);
      i += 1;
    } else if (code < 0x80) {
      bytes.push(code);
      i += 1;
    } else {
      // Literal non-ASCII text (e.g. a raw UTF-8 body): re-encode it as UTF-8.
      const point = text.codePointAt(i) ?? 0xfffd;
      for (const byte of utf8.encode(String.fromCodePoint(point))) bytes.push(byte);
      i += point > 0xffff ? 2 : 1;
    }
  }
  const raw = Uint8Array.from(bytes);
  try {
    return { value: strictUtf8.decode(raw), malformedPercent, invalidUtf8: false };
  } catch {
    return { value: lenientUtf8.decode(raw), malformedPercent, invalidUtf8: true };
  }
}

/**
 * Splits `a=1&b=2` into decoded pairs, in wire order, keeping duplicates.
 * Empty segments (`a=1&&b=2`) are skipped; a segment without `=` has value ''.
 * Never throws; work is bounded by `maxPairs` and the input length.
 */
export function parseFormUrlEncoded(
  text: string,
  options: ParseFormOptions = {},
): { pairs: Array<[string, string]>; problems: FormProblem[] } {
  const maxPairs = options.maxPairs ?? DEFAULT_MAX_FORM_PAIRS;
  const plusAsSpace = options.plusAsSpace ?? true;
  const pairs: Array<[string, string]> = [];
  const problems: FormProblem[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      if (pairs.length >= maxPairs) {
        problems.push({
          code: 'too-many-parameters',
          key: '',
          message: `More than ${maxPairs} parameters; the rest were ignored.`,
        });
        break;
      }
      const segment = text.slice(start, end);
      const eq = segment.indexOf('=');
      const name = decodeFormComponent(eq === -1 ? segment : segment.slice(0, eq), plusAsSpace);
      const value = decodeFormComponent(eq === -1 ? '' : segment.slice(eq + 1), plusAsSpace);
      if (name.malformedPercent || value.malformedPercent) {
        problems.push({
          code: 'malformed-percent-encoding',
          key: shown(name.value),
          message: `Parameter "${shown(name.value)}" contains a "%" that is not followed by two hex digits.`,
        });
      }
      if (name.invalidUtf8 || value.invalidUtf8) {
        problems.push({
          code: 'invalid-utf8',
          key: shown(name.value),
          message: `Parameter "${shown(name.value)}" does not decode to valid UTF-8.`,
        });
      }
      pairs.push([name.value, value.value]);
    }
    start = end + 1;
  }
  return { pairs, problems };
}

/**
 * Serializes pairs with the RFC 3986 encoder (`%20` for space), which every
 * form decoder accepts and which is byte-identical to what the signers hash.
 */
export function serializeFormUrlEncoded(pairs: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [name, value] of pairs) parts.push(`${percentEncode(name)}=${percentEncode(value)}`);
  return parts.join('&');
}
