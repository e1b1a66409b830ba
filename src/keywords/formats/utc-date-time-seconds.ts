import { defineDateTimeFormat } from './format-definition.ts';

/** Near misses of a UTC time to the second: the shapes a client gets wrong. */
export function utcNearMisses(date: Date): { readonly label: string; readonly value: string }[] {
  const iso = date.toISOString();
  const [day, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  return [
    { label: 'no Z', value: `${day}T${time}` },
    { label: '+08:00 offset', value: `${day}T${time}+08:00` },
    { label: 'milliseconds', value: `${day}T${time}.000Z` },
    { label: 'space separator', value: `${day} ${time}Z` },
    { label: 'date only', value: day },
    { label: 'month 13', value: `${day.slice(0, 5)}13${day.slice(7)}T${time}Z` },
    { label: 'epoch seconds', value: String(Math.floor(date.getTime() / 1000)) },
  ];
}

/** ISO 8601 UTC time to the second, `YYYY-MM-DDThh:mm:ssZ` (SMC ScheduledStartTime, ValidTime): no offset, no fraction. */
export const utcDateTimeSeconds = defineDateTimeFormat('utc-date-time-seconds', 'UTC time YYYY-MM-DDThh:mm:ssZ', /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/, 'T', 'Z', utcNearMisses);
