/**
 * The two UTC timestamp formats on the wire: Alibaba's `yyyy-MM-ddTHH:mm:ssZ`
 * (`Timestamp`, `x-acs-date`) and Huawei's basic `YYYYMMDDTHHMMSSZ` (`X-Sdk-Date`).
 *
 * @module
 */

const ALIBABA = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `2018-01-01T12:00:00Z`: UTC, seconds precision, no milliseconds. */
export function formatAlibabaTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `20191115T033655Z`: UTC basic format, as in `X-Sdk-Date`. */
export function formatSdkDate(date: Date): string {
  return formatAlibabaTimestamp(date).replace(/[-:]/g, '');
}

/** Strict parse of {@link formatAlibabaTimestamp}'s format; undefined if malformed or not a real date. */
export function parseAlibabaTimestamp(text: string): Date | undefined {
  return fromMatch(ALIBABA.exec(text));
}

/** Strict parse of {@link formatSdkDate}'s format; undefined if malformed or not a real date. */
export function parseSdkDate(text: string): Date | undefined {
  return fromMatch(BASIC.exec(text));
}

function fromMatch(match: RegExpExecArray | null): Date | undefined {
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2023-02-30 over to March; a round trip rejects that.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? date : undefined;
}
