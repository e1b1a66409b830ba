import type { FormatDefinition } from './format-definition.ts';
import { dateTimeSpaceSeconds } from './date-time-space-seconds.ts';
import { utcDateTime } from './utc-date-time.ts';
import { utcDateTimeSeconds } from './utc-date-time-seconds.ts';

/** The string formats the contract uses, by name. */
export const formats: ReadonlyMap<string, FormatDefinition> = new Map([utcDateTimeSeconds, utcDateTime, dateTimeSpaceSeconds].map((f) => [f.name, f]));

export type { FormatDefinition } from './format-definition.ts';
