/**
 * The hash and MAC primitives the three signature schemes use, over UTF-8.
 *
 * @module
 */

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Lower-hex SHA-256 of the empty string (an empty body). */
export const EMPTY_SHA256_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Lower-hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lower-hex HMAC-SHA256. */
export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Base64 HMAC-SHA1. */
export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data).digest('base64');
}

/** Compares two signatures without leaking where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
