/**
 * An ISO 8601 date or date-time as Strapi takes it for a `date`/`datetime` attribute: `YYYY-MM-DD`,
 * then optionally `T` (or a space) `HH:mm[:ss[.fraction]]` and `Z` or an offset `±HH[[:]mm]`.
 * Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction, 8 zone, 9 zone hours, 10 zone minutes.
 */
export const ISO_MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;

const WHOLE_MILLISECONDS = /^\d{1,15}$/;

/**
 * The instant a `datetime` value stands for: a valid Date as it is; a whole, non-negative number of
 * milliseconds since 1970-01-01T00:00Z (a number, or up to 15 digits as text, as the input policy
 * takes them; Strapi itself would first try such digits as a compact ISO date, `20261130`); an ISO 8601
 * text (ISO_MOMENT) with `Z` or an offset at that offset, without one in the server's local time, as
 * Strapi's date parser reads it, a date alone at its local midnight. Returns null for anything else,
 * and for a day or time that does not exist (30 February, 24:00, an offset beyond ±14:59, beyond the
 * Date range). Callers write back `toISOString()` of the result, so what is stored is what was checked.
 */
export const instantOf = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' || (typeof value === 'string' && WHOLE_MILLISECONDS.test(value))) {
    const milliseconds = Number(value);
    // beyond ±8.64e15 ms (year 275760) there is no Date
    const date = Number.isSafeInteger(milliseconds) && milliseconds >= 0 ? new Date(milliseconds) : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
  }
  if (typeof value !== 'string') return null;
  const match = ISO_MOMENT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone, zh = '0', zm = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || Number(zh) > 14 || Number(zm) > 59) return null;
  const date = new Date(0);
  if (zone === undefined) {
    date.setFullYear(year, month - 1, day);
    date.setHours(hour, minute, second, milliseconds);
    if (date.getDate() !== day) return null;
    return date;
  }
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, milliseconds);
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  return new Date(date.getTime() - offsetMinutes * 60_000);
};
