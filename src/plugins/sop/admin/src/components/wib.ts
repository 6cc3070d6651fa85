/*
 * Times in the admin panel are WIB (Asia/Jakarta, UTC+7, no daylight saving) whatever the browser's
 * own zone: shown with "WIB" after them, typed as WIB wall time. The one place that converts.
 */

/** WIB's offset from UTC (ms); Indonesia keeps no daylight saving, so it never changes. */
const WIB_OFFSET_MS = 7 * 3600_000;

/** A moment in WIB whatever the browser's zone, labelled so, e.g. "30 Nov 2026, 10.00 WIB". */
export const formatWaktu = (iso: string): string =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(iso)) + ' WIB';

/**
 * An instant (ISO 8601 string or Date) as its WIB wall time `YYYY-MM-DDTHH:mm` — the value of an
 * `<input type="datetime-local">` read as WIB; its first ten characters are the WIB date. '' for
 * nothing or an invalid time.
 */
export const keWibLokal = (moment: string | Date | null | undefined): string => {
  if (moment === null || moment === undefined || moment === '') return '';
  const time = new Date(moment).getTime();
  return Number.isNaN(time) ? '' : new Date(time + WIB_OFFSET_MS).toISOString().slice(0, 16);
};

/** A WIB wall time `YYYY-MM-DDTHH:mm` (as typed) → the ISO 8601 instant in UTC; undefined when incomplete or invalid. */
export const dariWibLokal = (value: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const moment = new Date(`${value}:00+07:00`);
  return Number.isNaN(moment.getTime()) ? undefined : moment.toISOString();
};
