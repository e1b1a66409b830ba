import { defineDateTimeFormat } from './format-definition.ts';

/** `YYYY-MM-DD HH:MM:SS` without a zone (DCS Files.update_at). */
export const dateTimeSpaceSeconds = defineDateTimeFormat(
  'date-time-space-seconds',
  'time YYYY-MM-DD HH:MM:SS',
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  ' ',
  '',
);
