import { defineDateTimeFormat } from './format-definition.ts';

/** ISO 8601 UTC time to the second, `YYYY-MM-DDThh:mm:ssZ` (SMC ScheduledStartTime, ValidTime): no offset, no fraction. */
export const utcDateTimeSeconds = defineDateTimeFormat(
  'utc-date-time-seconds',
  'UTC time YYYY-MM-DDThh:mm:ssZ',
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/,
  'T',
  'Z',
);
