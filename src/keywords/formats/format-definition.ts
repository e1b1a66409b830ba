/** A string format of the contract: how to recognise it and, for date-times, the instant it names. */
export interface FormatDefinition {
  readonly name: string;
  readonly description: string;
  /** The shape of a valid value as an ECMA-262 pattern (a shape only: calendar checks are `validate`'s). */
  readonly pattern: string;
  /** The standard JSON Schema format this one narrows (`date-time`: RFC 3339), if any. */
  readonly narrows?: 'date-time';
  readonly validate: (value: string) => boolean;
  /** The instant a valid value names (UTC when the format has no zone). */
  readonly toDate: (value: string) => Date | undefined;
  /** Renders an instant in this format (whole seconds). */
  readonly fromDate: (date: Date) => string;
  /** Near misses of a valid rendering of `date`: the shapes a client gets wrong. */
  readonly malformed: (date: Date) => readonly { readonly label: string; readonly value: string }[];
}

/** Builds a calendar-checked date-time format from a regular expression with six numeric groups. */
export function defineDateTimeFormat(
  name: string,
  description: string,
  shape: RegExp,
  separator: string,
  zone: string,
  malformed: FormatDefinition['malformed'],
): FormatDefinition {
  const toDate = (value: string): Date | undefined => {
    const match = shape.exec(value);
    if (!match) return undefined;
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    // Date.UTC rolls 2026-02-30 over into March; a value that does not come back unchanged is no calendar date.
    const roundTrip =
      date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
    return roundTrip ? date : undefined;
  };
  return {
    name,
    description,
    pattern: shape.source,
    // RFC 3339 date-times separate date and time with T and always carry a zone.
    ...(separator === 'T' && zone !== '' ? { narrows: 'date-time' as const } : {}),
    validate: (value) => toDate(value) !== undefined,
    toDate,
    fromDate: (date) => `${date.toISOString().slice(0, 10)}${separator}${date.toISOString().slice(11, 19)}${zone}`,
    malformed,
  };
}
