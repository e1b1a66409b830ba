import { defineDateTimeFormat } from './format-definition.ts';
import { utcNearMisses } from './utc-date-time-seconds.ts';

/**
 * ISO 8601 UTC time, `YYYY-MM-DDThh:mm:ssZ` with an optional fraction of a second (`…:ss.000Z`): what
 * "UTC ISO 8601" admits where no document narrows it to whole seconds (a reading of SMC ValidTime).
 */
export const utcDateTime = defineDateTimeFormat(
  'utc-date-time',
  'UTC time YYYY-MM-DDThh:mm:ss[.fraction]Z',
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/,
  'T',
  'Z',
  (date) => utcNearMisses(date).filter((miss) => miss.label !== 'milliseconds'),
);
