import { defineDateTimeFormat } from './format-definition.ts';

/** `YYYY-MM-DD HH:MM:SS` without a zone (DCS Files.update_at). */
export const dateTimeSpaceSeconds = defineDateTimeFormat(
  'date-time-space-seconds',
  'time YYYY-MM-DD HH:MM:SS',
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  ' ',
  '',
  (date) => {
    const iso = date.toISOString();
    const [day, time] = [iso.slice(0, 10), iso.slice(11, 19)];
    return [
      { label: 'ISO T separator and Z', value: `${day}T${time}Z` },
      { label: 'slashes', value: `${day.replaceAll('-', '/')} ${time}` },
      { label: 'no seconds', value: `${day} ${time.slice(0, 5)}` },
      { label: 'month 13', value: `${day.slice(0, 5)}13${day.slice(7)} ${time}` },
    ];
  },
);
