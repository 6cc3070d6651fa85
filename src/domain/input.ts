// ---------------------------------------------------------------------------
// The input policy for text: one rule for every string that enters Meja Sandi
// (content manager, REST, strapi.documents, the /sop API, addresses), the same on
// SQLite and PostgreSQL.
//
// - Every line-break convention becomes "\n": CR LF (Windows), a lone CR (old Mac
//   mail), U+000B (what Word leaves for a manual line break, Shift+Enter), U+000C
//   (Word's page break), U+0085 (NEL) and U+2028 / U+2029 (Unicode line and paragraph
//   separators). People paste text from word processors; its breaks are meant as breaks.
// - Tab stays.
// - Every other control character — NUL and the rest of C0, DEL, C1 — and the
//   noncharacters U+FFFE / U+FFFF are REFUSED with a 400 that names the field and the
//   character, never removed silently: they never mean anything in a letter, PostgreSQL
//   refuses NUL in text (a 500 before this policy) and XML 1.0 (.docx, .xlsx) forbids
//   them. Refusing tells the sender that what they sent is not what would be stored.
//
// Text already stored before this policy (and text a letter takes from anywhere) is
// printed through `printableText`, which applies the same line-break rule and drops
// what is refused here, so a record that was accepted always prints.

import { ISO_MOMENT } from '../plugins/sop/server/src/engine/index';

const LINE_BREAKS = /\r\n|[\r\u000B\u000C\u0085\u2028\u2029]/g;
const REFUSED_CHARACTER = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;
const REFUSED_CHARACTERS = new RegExp(REFUSED_CHARACTER.source, 'g');
// A key (field name) carries no line break either.
const CONTROL_IN_KEY = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFFFE\uFFFF]/;

/** Every line-break convention (CR LF, CR, U+000B, U+000C, U+0085, U+2028, U+2029) as "\n". */
export const normaliseLineBreaks = (text: string): string => text.replace(LINE_BREAKS, '\n');

/** `U+0000`: how a refused character is named in messages. */
export const codePoint = (character: string): string => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Applies the text policy to one string: line breaks normalised to "\n"; any other
 * control character (or U+FFFE / U+FFFF) found → `{ ok: false, character, index }`
 * (the index in the normalised text), else `{ ok: true, value }`.
 */
export const checkText = (text: string): { ok: true; value: string } | { ok: false; character: string; index: number } => {
  const value = normaliseLineBreaks(text);
  const found = REFUSED_CHARACTER.exec(value);
  return found ? { ok: false, character: found[0], index: found.index } : { ok: true, value };
};

/**
 * The text that goes into a letter (.docx, .xlsx, PDF): the same line-break rule as
 * input, and every character the input policy refuses removed (XML 1.0 cannot carry
 * them). For text stored before the policy, or taken from anywhere else.
 */
export const printableText = (text: string): string => normaliseLineBreaks(text).replace(REFUSED_CHARACTERS, '');

/**
 * `printableText` applied to every string inside a value (arrays and plain objects
 * walked, other values — numbers, a Date, a Buffer — kept); returns a new value, the
 * input is not changed.
 */
export const printableDeep = <T>(value: T): T => {
  if (typeof value === 'string') return printableText(value) as T;
  if (Array.isArray(value)) return value.map((item) => printableDeep(item)) as T;
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) copy[key] = printableDeep(item);
    return copy as T;
  }
  return value;
};

/** One refused string (or structure) inside a value: its path (keys and indexes) and an Indonesian message. */
export type InputProblem = { path: (string | number)[]; message: string };

/** Deeper than this, a body or filter is refused: no form of Meja Sandi nests more than a few levels. */
export const MAX_DEPTH = 32;

const pathText = (path: readonly (string | number)[]): string => (path.length === 0 ? 'nilai' : path.join('.'));

/**
 * Applies the text policy to every string in a JSON-like value (object keys included),
 * to a depth of `MAX_DEPTH`. Returns the value with its line breaks normalised (a new
 * value; the input is not changed) and the problems found — a refused character, or
 * nesting too deep. With problems, the caller answers 400 and stores nothing.
 */
export const applyTextPolicy = (value: unknown, path: (string | number)[] = []): { value: unknown; problems: InputProblem[] } => {
  const problems: InputProblem[] = [];
  const walk = (item: unknown, at: (string | number)[]): unknown => {
    if (typeof item === 'string') {
      const checked = checkText(item);
      if (checked.ok) return checked.value;
      problems.push({
        path: at,
        message: `${pathText(at)} memuat karakter kendali ${codePoint(checked.character)} pada posisi ${checked.index + 1} yang tidak dapat disimpan atau dicetak; hapus karakter tersebut (biasanya terbawa saat menyalin teks).`,
      });
      return item;
    }
    if (item === null || typeof item !== 'object') return item;
    const prototype = Object.getPrototypeOf(item) as unknown;
    // Only JSON-like values are walked; a Date, a Buffer or another class instance is kept as it is.
    if (!Array.isArray(item) && prototype !== Object.prototype && prototype !== null) return item;
    if (at.length - path.length >= MAX_DEPTH) {
      problems.push({ path: at, message: `${pathText(at)} bersarang terlalu dalam (lebih dari ${MAX_DEPTH} tingkat).` });
      return item;
    }
    if (Array.isArray(item)) return item.map((element, index) => walk(element, [...at, index]));
    const copy: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(item as Record<string, unknown>)) {
      const badKey = CONTROL_IN_KEY.exec(key);
      if (badKey) {
        problems.push({ path: at, message: `${pathText(at)} memuat nama kolom dengan karakter kendali ${codePoint(badKey[0])}.` });
        continue;
      }
      copy[key] = walk(element, [...at, key]);
    }
    return copy;
  };
  const result = walk(value, path);
  return { value: result, problems };
};

// ---------------------------------------------------------------------------
// Dates: a date that is not on the calendar is refused before any database work.
// Strapi's own parsers reject `2026-02-30` only deep inside a transaction (its unique
// check then never settles: issue 10), and JavaScript's `Date` quietly turns it into
// 2 March; so every date, date-time and time is checked here first.

/** The attribute types that carry a moment. */
export type MomentType = 'date' | 'datetime' | 'time' | 'timestamp';

const daysInMonth = (year: number, month: number): number => {
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999 (0000 is a leap year, 1900 is not)
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
};

// Strapi's own time format (HH:mm:ss with optional milliseconds).
const TIME = /^(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,3})?$/;

const calendarProblem = (text: string): string | null => {
  const match = ISO_MOMENT.exec(text);
  if (!match) return 'format';
  const [, y, mo, d, h, mi, s, , , zh, zm] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'kalender';
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return 'jam';
  if (zh !== undefined && (Number(zh) > 14 || (zm !== undefined && Number(zm) > 59))) return 'zona';
  return null;
};

/**
 * Checks one value for an attribute of type `type`. Accepted: `null`/`undefined`
 * (no value); a valid `Date`; for `date` the string `YYYY-MM-DD` of a day that exists
 * (or an ISO date-time of such a day, whose date part Strapi keeps);
 * for `datetime`/`timestamp` an ISO 8601 date or date-time (`YYYY-MM-DDTHH:mm[:ss[.fff]]`
 * with `Z` or an offset) of a day and time that exist, or a whole number of
 * milliseconds since 1970 (number or digits, as Strapi accepts); for `time`
 * `HH:mm:ss[.fff]`. Returns `null` when accepted, else an Indonesian message naming
 * `label` (the field) and the value.
 */
export const checkMoment = (type: MomentType, value: unknown, label: string): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${label}: tanggal tidak sah.` : null;
  const shown = typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : typeof value;
  if (type === 'time') {
    return typeof value === 'string' && TIME.test(value) ? null : `${label}: jam ${shown} tidak sah; gunakan format JJ:MM:DD (00:00:00–23:59:59).`;
  }
  if (
    type !== 'date' &&
    ((typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'string' && /^\d{1,15}$/.test(value)))
  ) {
    return null;
  }
  if (typeof value !== 'string') {
    return type === 'date'
      ? `${label}: tanggal harus berupa teks TTTT-BB-HH, bukan ${shown}.`
      : `${label}: waktu harus berupa teks ISO 8601 (TTTT-BB-HHTJJ:MM:DDZ), bukan ${shown}.`;
  }
  // A date may come as a whole ISO date-time (Strapi keeps its date part); its day must exist all the same.
  const problem = calendarProblem(value);
  if (problem === null) return null;
  if (problem === 'kalender') return `${label}: tanggal ${shown} tidak ada di kalender.`;
  if (problem === 'jam') return `${label}: jam pada ${shown} tidak ada (00.00–23.59).`;
  if (problem === 'zona') return `${label}: zona waktu pada ${shown} tidak sah.`;
  return type === 'date'
    ? `${label}: tanggal ${shown} tidak sah; gunakan format TTTT-BB-HH, misalnya 2026-02-28.`
    : `${label}: waktu ${shown} tidak sah; gunakan format ISO 8601, misalnya 2026-02-28T09:30:00+07:00.`;
};

/**
 * Whether `error` is PostgreSQL's refusal of a value itself (SQLSTATE class 22, "data exception":
 * a number out of its column's range such as `filters[id][$eq]=99999999999` on an `integer`, text
 * where a number belongs, `1.5` for an integer) — the value the client sent, never the server's
 * state: a 400, as SQLite (which stores any value) answers the same request with an empty list.
 * Looks at the error and its `cause` chain (Strapi wraps knex's errors). Session 7: every role,
 * the Caraka included, could make the server answer 500 with one such filter.
 */
export const isRefusedValue = (error: unknown): boolean => {
  for (let at = error, depth = 0; typeof at === 'object' && at !== null && depth < 5; depth += 1) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
};
