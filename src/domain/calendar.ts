/**
 * Service calendar of the office (Asia/Jakarta, WIB): when the counter is open,
 * and the working-time arithmetic behind SLA deadlines and complaint timers.
 *
 * WIB is a fixed UTC+7 without daylight saving, so all arithmetic is done on
 * "local milliseconds" (UTC epoch + 7 h) with UTC getters; the machine's TZ and
 * Intl time zones are never consulted. Service periods are half-open
 * [buka, tutup): 08.00 is open, 16.00 is already closed.
 */

export type DayName = 'senin' | 'selasa' | 'rabu' | 'kamis' | 'jumat' | 'sabtu' | 'minggu';

/** Local 'HH.MM' or 'HH:MM' times; the break, when present, needs both ends. */
export type ServicePeriod = { buka: string; tutup: string; istirahatMulai?: string; istirahatSelesai?: string };

/** A missing day is closed. Treat schedules as immutable: parsed forms are cached per object. */
export type ServiceSchedule = Partial<Record<DayName, ServicePeriod>>;

/** Closed local dates 'YYYY-MM-DD' (libur nasional, cuti bersama). */
export type Holidays = ReadonlySet<string> | readonly string[];

export const DEFAULT_SCHEDULE: ServiceSchedule = Object.freeze({
  senin: Object.freeze({ buka: '08.00', tutup: '16.00', istirahatMulai: '12.00', istirahatSelesai: '13.00' }),
  selasa: Object.freeze({ buka: '08.00', tutup: '16.00', istirahatMulai: '12.00', istirahatSelesai: '13.00' }),
  rabu: Object.freeze({ buka: '08.00', tutup: '16.00', istirahatMulai: '12.00', istirahatSelesai: '13.00' }),
  kamis: Object.freeze({ buka: '08.00', tutup: '16.00', istirahatMulai: '12.00', istirahatSelesai: '13.00' }),
  jumat: Object.freeze({ buka: '08.00', tutup: '11.00' }),
});

/** One Monday–Thursday service day: 08.00–16.00 minus the 12.00–13.00 break. */
export const SLA_WORKING_MINUTES = 420;

/** Indexed like Date#getUTCDay(): 0 = Minggu. */
export const DAY_NAMES: readonly DayName[] = ['minggu', 'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu'];

const DAY_LABELS: Record<DayName, string> = {
  senin: 'Senin',
  selasa: 'Selasa',
  rabu: 'Rabu',
  kamis: 'Kamis',
  jumat: 'Jumat',
  sabtu: 'Sabtu',
  minggu: 'Minggu',
};

const WEEK_ORDER: readonly DayName[] = ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu'];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** WIB (Asia/Jakarta) is UTC+7 all year, no daylight saving: local time = UTC + this many ms. */
export const WIB_OFFSET_MS = 7 * 60 * MINUTE_MS;
const MINUTES_PER_DAY = 24 * 60;

// ---------------------------------------------------------------------------
// Jam (time of day)

const JAM_PATTERN = /^(\d{1,2})[.:](\d{2})$/;

/** '08.00' or '08:00' → minutes since local midnight; '24.00' is accepted as end of day. */
export const parseJam = (text: string): number => {
  const match = typeof text === 'string' ? JAM_PATTERN.exec(text.trim()) : null;
  if (!match) {
    throw new Error(`Format jam tidak valid: "${String(text)}". Gunakan JJ.MM atau JJ:MM, misalnya 08.00.`);
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw new Error(`Jam di luar rentang 00.00–24.00: "${text}".`);
  }
  return hours * 60 + minutes;
};

/** 480 → '08.00' (Indonesian style, with a dot). */
export const formatJam = (minutes: number): string => {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PER_DAY) {
    throw new Error(`Menit tidak valid untuk ditulis sebagai jam: ${minutes}. Harus bilangan bulat 0–1440.`);
  }
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}.${pad(minutes % 60)}`;
};

// ---------------------------------------------------------------------------
// Local (WIB) dates

const toLocalMs = (instant: Date): number => {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new Error('Waktu tidak valid.');
  return time + WIB_OFFSET_MS;
};

const fromLocalMs = (local: number): Date => new Date(local - WIB_OFFSET_MS);

/** Days since 1970-01-01 local. */
const dayIndexOf = (local: number): number => Math.floor(local / DAY_MS);

// 1970-01-01 was a Thursday (getUTCDay() === 4).
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

const dateOfDay = (day: number): string => {
  const date = new Date(day * DAY_MS);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** 'YYYY-MM-DD' of the instant in Asia/Jakarta. */
export const localDate = (instant: Date): string => dateOfDay(dayIndexOf(toLocalMs(instant)));

// ---------------------------------------------------------------------------
// Schedule validation and compilation

/** [start, end) in ms since local midnight. */
type Period = readonly [start: number, end: number];
/** Open periods per weekday, indexed like getUTCDay(). */
type WeeklyPeriods = readonly (readonly Period[])[];

const PERIOD_FIELDS = ['buka', 'tutup', 'istirahatMulai', 'istirahatSelesai'] as const;
type PeriodField = (typeof PERIOD_FIELDS)[number];

const FIELD_LABELS: Record<PeriodField, string> = {
  buka: 'jam buka',
  tutup: 'jam tutup',
  istirahatMulai: 'jam mulai istirahat',
  istirahatSelesai: 'jam selesai istirahat',
};

const isDayName = (key: string): key is DayName => (WEEK_ORDER as readonly string[]).includes(key);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const readJam = (label: string, field: PeriodField, value: unknown): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new Error(`Jadwal hari ${label}: ${FIELD_LABELS[field]} harus berupa teks jam, misalnya 08.00.`);
  }
  try {
    return parseJam(value);
  } catch {
    throw new Error(`Jadwal hari ${label}: ${FIELD_LABELS[field]} "${value}" tidak valid (gunakan format 08.00).`);
  }
};

const checkPeriod = (day: DayName, value: unknown): { period: ServicePeriod; ranges: Period[] } => {
  const label = DAY_LABELS[day];
  if (!isRecord(value)) {
    throw new Error(`Jadwal hari ${label} harus berupa objek berisi jam buka dan jam tutup.`);
  }
  for (const key of Object.keys(value)) {
    if (!(PERIOD_FIELDS as readonly string[]).includes(key)) {
      throw new Error(`Jadwal hari ${label} memuat isian tidak dikenal "${key}".`);
    }
  }
  const buka = readJam(label, 'buka', value.buka);
  const tutup = readJam(label, 'tutup', value.tutup);
  const mulai = readJam(label, 'istirahatMulai', value.istirahatMulai);
  const selesai = readJam(label, 'istirahatSelesai', value.istirahatSelesai);
  if (buka === undefined) throw new Error(`Jadwal hari ${label}: jam buka wajib diisi.`);
  if (tutup === undefined) throw new Error(`Jadwal hari ${label}: jam tutup wajib diisi.`);

  if (mulai === undefined && selesai === undefined) {
    if (!(buka < tutup)) {
      throw new Error(`Jadwal hari ${label}: jam buka (${formatJam(buka)}) harus sebelum jam tutup (${formatJam(tutup)}).`);
    }
    return { period: { buka: formatJam(buka), tutup: formatJam(tutup) }, ranges: [[buka * MINUTE_MS, tutup * MINUTE_MS]] };
  }
  if (mulai === undefined || selesai === undefined) {
    throw new Error(`Jadwal hari ${label}: jam mulai dan jam selesai istirahat harus diisi keduanya.`);
  }
  if (!(buka < mulai && mulai < selesai && selesai < tutup)) {
    const given = [buka, mulai, selesai, tutup].map(formatJam).join(', ');
    throw new Error(`Jadwal hari ${label}: urutan jam harus buka < mulai istirahat < selesai istirahat < tutup (diterima ${given}).`);
  }
  return {
    period: {
      buka: formatJam(buka),
      tutup: formatJam(tutup),
      istirahatMulai: formatJam(mulai),
      istirahatSelesai: formatJam(selesai),
    },
    ranges: [
      [buka * MINUTE_MS, mulai * MINUTE_MS],
      [selesai * MINUTE_MS, tutup * MINUTE_MS],
    ],
  };
};

const checkSchedule = (input: unknown): { schedule: ServiceSchedule; weekly: WeeklyPeriods } => {
  if (!isRecord(input)) {
    throw new Error('Jadwal layanan harus berupa objek berisi hari senin sampai minggu.');
  }
  for (const key of Object.keys(input)) {
    if (!isDayName(key)) {
      throw new Error(`Hari "${key}" tidak dikenal dalam jadwal layanan. Gunakan senin, selasa, rabu, kamis, jumat, sabtu, atau minggu.`);
    }
  }
  const schedule: ServiceSchedule = {};
  const weekly: Period[][] = DAY_NAMES.map(() => []);
  for (const day of WEEK_ORDER) {
    const value = input[day];
    if (value === undefined || value === null) continue;
    const { period, ranges } = checkPeriod(day, value);
    schedule[day] = period;
    weekly[DAY_NAMES.indexOf(day)] = ranges;
  }
  // Without an open weekday every search for the next opening would run forever.
  if (weekly.every((ranges) => ranges.length === 0)) {
    throw new Error('Jadwal layanan tidak memiliki satu pun hari buka; waktu layanan tidak dapat dihitung.');
  }
  return { schedule, weekly };
};

/** Checks the structure and the order buka < istirahatMulai < istirahatSelesai < tutup; returns a normalized copy. */
export const validateSchedule = (schedule: unknown): ServiceSchedule => checkSchedule(schedule).schedule;

const compiledSchedules = new WeakMap<ServiceSchedule, WeeklyPeriods>();

const compileSchedule = (schedule: ServiceSchedule): WeeklyPeriods => {
  const cached = compiledSchedules.get(schedule);
  if (cached) return cached;
  const { weekly } = checkSchedule(schedule);
  compiledSchedules.set(schedule, weekly);
  return weekly;
};

// ---------------------------------------------------------------------------
// Holidays

const HOLIDAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const isCalendarDate = (text: string): boolean => {
  const match = HOLIDAY_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const isHolidayList = (holidays: Holidays): holidays is readonly string[] => Array.isArray(holidays);

const holidaySets = new WeakMap<Holidays, ReadonlySet<string>>();

const holidaySetOf = (holidays: Holidays): ReadonlySet<string> => {
  const cached = holidaySets.get(holidays);
  if (cached) return cached;
  const entries = isHolidayList(holidays) ? holidays : Array.from(holidays);
  for (const entry of entries) {
    if (typeof entry !== 'string' || !isCalendarDate(entry)) {
      throw new Error(`Tanggal libur tidak valid: "${String(entry)}". Gunakan format TTTT-BB-HH, misalnya 2026-12-25.`);
    }
  }
  const set = isHolidayList(holidays) ? new Set(holidays) : holidays;
  holidaySets.set(holidays, set);
  return set;
};

// ---------------------------------------------------------------------------
// Working-time arithmetic

type Calendar = { periodsOn: (day: number) => readonly Period[] };

const NO_PERIODS: readonly Period[] = [];

const daysOf = (weekly: WeeklyPeriods, closed: ReadonlySet<string>) => (day: number) => {
  const periods = weekly[weekdayOf(day)];
  return periods.length === 0 || closed.has(dateOfDay(day)) ? NO_PERIODS : periods;
};

/** At most this many days (≈ 11 years) are remembered per calendar; days beyond are worked out each time. */
const REMEMBERED_DAYS = 4096;

/** One calendar per compiled schedule and holiday list, so its days are worked out once (below). */
const calendars = new WeakMap<WeeklyPeriods, WeakMap<readonly string[], Calendar>>();

/**
 * The calendar of a schedule and a holiday list. For a list (an array: its holidays are read once,
 * holidaySetOf) each day's periods are remembered on the calendar, which is kept as long as the
 * schedule and the list are: a complaint's three deadlines walk up to ≈ 90 days, every one the same
 * for every complaint of the same hour (issue 14's profile put the walk at ≈ 3 % of a complaint's
 * CPU). A Set is read live, as before, and its days are not remembered.
 */
const calendarOf = (schedule: ServiceSchedule, holidays: Holidays): Calendar => {
  const weekly = compileSchedule(schedule);
  const closed = holidaySetOf(holidays);
  if (!isHolidayList(holidays)) return { periodsOn: daysOf(weekly, closed) };
  let perList = calendars.get(weekly);
  if (!perList) calendars.set(weekly, (perList = new WeakMap()));
  const known = perList.get(holidays);
  if (known) return known;
  const periodsOf = daysOf(weekly, closed);
  const days = new Map<number, readonly Period[]>();
  const calendar: Calendar = {
    periodsOn: (day) => {
      let periods = days.get(day);
      if (periods !== undefined) return periods;
      periods = periodsOf(day);
      // a walk over centuries (a record's receipt time set far in the past) is computed, not kept
      if (days.size < REMEMBERED_DAYS) days.set(day, periods);
      return periods;
    },
  };
  perList.set(holidays, calendar);
  return calendar;
};

/**
 * Walks forward period by period from `local` and returns the local instant at
 * which `remainingMs` of service time has elapsed; 0 gives the next opening.
 * Terminates because compileSchedule guarantees an open weekday and the holiday
 * set is finite. An end exactly at a closing/break edge stays at that edge.
 */
const advance = (calendar: Calendar, local: number, remainingMs: number): number => {
  let remaining = remainingMs;
  for (let day = dayIndexOf(local); ; day += 1) {
    const midnight = day * DAY_MS;
    for (const [start, end] of calendar.periodsOn(day)) {
      const periodEnd = midnight + end;
      if (periodEnd <= local) continue;
      const from = Math.max(midnight + start, local);
      const available = periodEnd - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
};

/** Inside service hours: not a holiday, not a break, not closed. */
export const isOpen = (instant: Date, schedule: ServiceSchedule, holidays: Holidays): boolean => {
  const local = toLocalMs(instant);
  const day = dayIndexOf(local);
  const timeOfDay = local - day * DAY_MS;
  return calendarOf(schedule, holidays)
    .periodsOn(day)
    .some(([start, end]) => start <= timeOfDay && timeOfDay < end);
};

/** The instant itself when open, else the next moment the office opens. */
export const nextOpening = (instant: Date, schedule: ServiceSchedule, holidays: Holidays): Date =>
  fromLocalMs(advance(calendarOf(schedule, holidays), toLocalMs(instant), 0));

/** Counts only minutes inside service hours; a start outside hours counts from the next opening. */
export const addWorkingMinutes = (start: Date, minutes: number, schedule: ServiceSchedule, holidays: Holidays): Date => {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new Error(`Jumlah menit kerja harus bilangan tidak negatif, diterima ${minutes}.`);
  }
  const local = toLocalMs(start);
  return fromLocalMs(advance(calendarOf(schedule, holidays), local, Math.round(minutes * MINUTE_MS)));
};

/** SLA deadline of a receipt: one service day (420 working minutes) later. */
export const tenggat = (receivedAt: Date, schedule: ServiceSchedule = DEFAULT_SCHEDULE, holidays: Holidays = []): Date =>
  addWorkingMinutes(receivedAt, SLA_WORKING_MINUTES, schedule, holidays);

/**
 * Complaint timers: the same local time of day `days` working days later. The
 * count starts from the next opening; a result in a break or after closing
 * (e.g. 14.00 landing on a Friday) moves to the next opening.
 */
export const addWorkingDays = (start: Date, days: number, schedule: ServiceSchedule, holidays: Holidays): Date => {
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`Jumlah hari kerja harus bilangan bulat tidak negatif, diterima ${days}.`);
  }
  const calendar = calendarOf(schedule, holidays);
  const opening = advance(calendar, toLocalMs(start), 0);
  let day = dayIndexOf(opening);
  const timeOfDay = opening - day * DAY_MS;
  for (let counted = 0; counted < days;) {
    day += 1;
    if (calendar.periodsOn(day).length > 0) counted += 1;
  }
  return fromLocalMs(advance(calendar, day * DAY_MS + timeOfDay, 0));
};

/**
 * A counter of working minutes for many intervals on one calendar (the quarterly evaluation
 * measures hundreds of thousands of steps): `(from, to) => minutes`, equal to
 * `workingMinutesBetween(from, to, schedule, holidays)` for every pair (0 when `to <= from`), in
 * constant time per call once the days between are known. It keeps, per local day, the service
 * time from the first day it was asked about (integer milliseconds, so the difference is exact).
 * Throws like workingMinutesBetween on an invalid schedule, holiday or instant.
 */
export const workingMinutesCounter = (schedule: ServiceSchedule, holidays: Holidays): ((from: Date | number, to: Date | number) => number) => {
  const calendar = calendarOf(schedule, holidays);
  const periods = new Map<number, readonly Period[]>();
  const periodsOn = (day: number): readonly Period[] => {
    let known = periods.get(day);
    if (!known) periods.set(day, (known = calendar.periodsOn(day)));
    return known;
  };
  const lengthOf = (day: number): number => periodsOn(day).reduce((total, [start, end]) => total + (end - start), 0);
  // service ms in [first day asked, day) for every day of the contiguous range [low, high] (negative before it)
  const before = new Map<number, number>();
  let low = Number.NaN;
  let high = Number.NaN;
  const cumulative = (day: number): number => {
    if (before.size === 0) {
      before.set(day, 0);
      low = high = day;
    }
    for (; high < day; high += 1) before.set(high + 1, (before.get(high) as number) + lengthOf(high));
    for (; low > day; low -= 1) before.set(low - 1, (before.get(low) as number) - lengthOf(low - 1));
    return before.get(day) as number;
  };
  const at = (local: number): number => {
    const day = dayIndexOf(local);
    const midnight = day * DAY_MS;
    let total = cumulative(day);
    for (const [start, end] of periodsOn(day)) total += Math.max(0, Math.min(midnight + end, local) - (midnight + start));
    return total;
  };
  return (from, to) => {
    const start = typeof from === 'number' && Number.isFinite(from) ? from + WIB_OFFSET_MS : toLocalMs(from as Date);
    const end = typeof to === 'number' && Number.isFinite(to) ? to + WIB_OFFSET_MS : toLocalMs(to as Date);
    return end <= start ? 0 : (at(end) - at(start)) / MINUTE_MS;
  };
};

/** Service minutes in [from, to) (fractional when the instants carry seconds); 0 if to <= from. */
export const workingMinutesBetween = (from: Date, to: Date, schedule: ServiceSchedule, holidays: Holidays): number => {
  const start = toLocalMs(from);
  const end = toLocalMs(to);
  const calendar = calendarOf(schedule, holidays);
  if (end <= start) return 0;
  let totalMs = 0;
  for (let day = dayIndexOf(start); day * DAY_MS < end; day += 1) {
    const midnight = day * DAY_MS;
    for (const [periodStart, periodEnd] of calendar.periodsOn(day)) {
      const overlap = Math.min(midnight + periodEnd, end) - Math.max(midnight + periodStart, start);
      if (overlap > 0) totalMs += overlap;
    }
  }
  return totalMs / MINUTE_MS;
};
