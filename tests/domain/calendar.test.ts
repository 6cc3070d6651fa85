import fc from 'fast-check';
import {
  addWorkingDays,
  addWorkingMinutes,
  DEFAULT_SCHEDULE,
  formatJam,
  type Holidays,
  isOpen,
  localDate,
  nextOpening,
  parseJam,
  type ServiceSchedule,
  SLA_WORKING_MINUTES,
  tenggat,
  validateSchedule,
  workingMinutesBetween,
  workingMinutesCounter,
} from '../../src/domain/calendar';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** '2026-11-23 10:00' (or with ':SS') read as a Jakarta wall-clock time. */
const wib = (text: string): Date => {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new Error(`bad test time ${text}`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - WIB_OFFSET_MS);
};

/** The inverse of wib(), so failures read like the office speaks. */
const show = (instant: Date): string => {
  const local = new Date(instant.getTime() + WIB_OFFSET_MS).toISOString();
  const seconds = local.slice(17, 19);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
};

// 2026-11-23 is a Monday: 23 Sen, 24 Sel, 25 Rab, 26 Kam, 27 Jum, 28 Sab, 29 Min, 30 Sen.
const NATAL: Holidays = ['2026-12-24', '2026-12-25', '2026-12-28'];
const WITH_SATURDAY: ServiceSchedule = { ...DEFAULT_SCHEDULE, sabtu: { buka: '08:00', tutup: '12:00' } };

describe('wib helper', () => {
  it('reads Jakarta wall-clock time independently of the machine TZ', () => {
    expect(wib('2026-11-23 10:00').toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(show(wib('2026-11-23 10:00:30'))).toBe('2026-11-23 10:00:30');
  });
});

describe('tenggat (420 working minutes)', () => {
  it.each<[string, string, string, Holidays]>([
    ['Monday morning → Tuesday same time', '2026-11-23 10:00', '2026-11-24 10:00', []],
    ['Thursday 15.00 → Monday 11.00 (60 + 180 + 180)', '2026-11-26 15:00', '2026-11-30 11:00', []],
    ['receipt in the break counts from 13.00', '2026-11-23 12:30', '2026-11-24 12:00', []],
    ['receipt exactly at break start counts from 13.00', '2026-11-23 12:00', '2026-11-24 12:00', []],
    ['receipt exactly at break end', '2026-11-23 13:00', '2026-11-24 12:00', []],
    ['one minute before the break', '2026-11-23 11:59', '2026-11-24 11:59', []],
    ['after 16.00 counts from next day 08.00', '2026-11-23 16:30', '2026-11-24 16:00', []],
    ['exactly at closing counts from next day 08.00', '2026-11-23 16:00', '2026-11-24 16:00', []],
    ['exactly at opening ends at closing the same day', '2026-11-23 08:00', '2026-11-23 16:00', []],
    ['before opening ends at closing the same day', '2026-11-23 07:59', '2026-11-23 16:00', []],
    ['late night Wednesday', '2026-11-25 23:30', '2026-11-26 16:00', []],
    ['Wednesday afternoon', '2026-11-25 15:30', '2026-11-26 15:30', []],
    ['Thursday at closing spans Friday into Monday', '2026-11-26 16:00', '2026-11-30 12:00', []],
    ['Friday morning spans into Monday afternoon', '2026-11-27 09:00', '2026-11-30 14:00', []],
    ['Friday exactly 11.00 counts from Monday 08.00', '2026-11-27 11:00', '2026-11-30 16:00', []],
    ['Friday afternoon counts from Monday 08.00', '2026-11-27 14:00', '2026-11-30 16:00', []],
    ['Saturday counts from Monday 08.00', '2026-11-28 10:00', '2026-11-30 16:00', []],
    ['Sunday night counts from Monday 08.00', '2026-11-29 23:59', '2026-11-30 16:00', []],
    ['single holiday on Tuesday is skipped', '2026-11-23 10:00', '2026-11-25 10:00', ['2026-11-24']],
    ['holiday on a Monday is skipped', '2026-11-26 15:00', '2026-12-01 11:00', ['2026-11-30']],
    ['holiday on a Friday is skipped', '2026-11-26 15:00', '2026-11-30 15:00', ['2026-11-27']],
    ['consecutive cuti bersama Thu–Fri–Mon', '2026-12-23 14:00', '2026-12-29 14:00', NATAL],
    ['receipt on a holiday counts from the next working day', '2026-12-24 09:00', '2026-12-29 16:00', NATAL],
    ['year boundary with 1 January holiday', '2026-12-31 14:00', '2027-01-04 14:00', ['2027-01-01']],
    ['year boundary without holiday', '2026-12-31 14:00', '2027-01-04 10:00', []],
    ['holidays given as a Set', '2026-11-26 15:00', '2026-12-01 11:00', new Set(['2026-11-30'])],
    ['seconds are kept', '2026-11-23 10:00:30', '2026-11-24 10:00:30', []],
  ])('%s', (_name, received, expected, holidays) => {
    expect(show(tenggat(wib(received), DEFAULT_SCHEDULE, holidays))).toBe(expected);
  });

  it('defaults to the standard schedule and no holidays', () => {
    expect(show(tenggat(wib('2026-11-23 10:00')))).toBe('2026-11-24 10:00');
    expect(SLA_WORKING_MINUTES).toBe(420);
  });

  it.each<[string, string, string]>([
    ['Friday morning continues on Saturday', '2026-11-27 10:00', '2026-11-30 10:00'],
    ['Saturday 11.00 continues on Monday', '2026-11-28 11:00', '2026-11-30 15:00'],
    ['Saturday after noon counts from Monday', '2026-11-28 12:00', '2026-11-30 16:00'],
  ])('custom schedule with Saturday 08.00–12.00: %s', (_name, received, expected) => {
    expect(show(tenggat(wib(received), WITH_SATURDAY, []))).toBe(expected);
  });
});

describe('addWorkingMinutes', () => {
  it.each<[string, number, string]>([
    ['2026-11-23 08:00', 420, '2026-11-23 16:00'],
    ['2026-11-23 08:00', 421, '2026-11-24 08:01'],
    ['2026-11-23 08:00', 240, '2026-11-23 12:00'],
    ['2026-11-23 08:00', 241, '2026-11-23 13:01'],
    ['2026-11-23 08:00', 0, '2026-11-23 08:00'],
    ['2026-11-23 12:15', 0, '2026-11-23 13:00'],
    ['2026-11-27 11:00', 0, '2026-11-30 08:00'],
    ['2026-11-23 08:00', 4 * 420 + 180, '2026-11-27 11:00'],
    ['2026-11-23 08:00', 4 * 420 + 181, '2026-11-30 08:01'],
    ['2026-11-23 10:00', 1.5, '2026-11-23 10:01:30'],
  ])('%s + %d min → %s', (start, minutes, expected) => {
    expect(show(addWorkingMinutes(wib(start), minutes, DEFAULT_SCHEDULE, []))).toBe(expected);
  });

  it('handles long spans (a year of working time) quickly', () => {
    const begin = Date.now();
    const end = addWorkingMinutes(wib('2026-11-23 08:00'), 52 * 1860, DEFAULT_SCHEDULE, []);
    expect(show(end)).toBe('2027-11-19 11:00');
    expect(Date.now() - begin).toBeLessThan(200);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['negative minutes', () => addWorkingMinutes(wib('2026-11-23 08:00'), -1, DEFAULT_SCHEDULE, []), /tidak negatif/],
    ['NaN minutes', () => addWorkingMinutes(wib('2026-11-23 08:00'), Number.NaN, DEFAULT_SCHEDULE, []), /tidak negatif/],
    ['invalid date', () => addWorkingMinutes(new Date('x'), 10, DEFAULT_SCHEDULE, []), /Waktu tidak valid/],
    ['schedule with no open day', () => addWorkingMinutes(wib('2026-11-23 08:00'), 10, {}, []), /tidak memiliki satu pun hari buka/],
    ['no open day via nextOpening', () => nextOpening(wib('2026-11-23 08:00'), {}, []), /hari buka/],
    ['malformed holiday', () => tenggat(wib('2026-11-23 08:00'), DEFAULT_SCHEDULE, ['2026-2-30']), /Tanggal libur tidak valid/],
    ['impossible holiday date', () => tenggat(wib('2026-11-23 08:00'), DEFAULT_SCHEDULE, ['2026-02-30']), /2026-02-30/],
  ])('rejects %s', (_name, run, message) => {
    expect(run).toThrow(message);
  });
});

describe('isOpen and nextOpening', () => {
  it.each<[string, boolean, string, Holidays]>([
    ['2026-11-23 07:59', false, '2026-11-23 08:00', []],
    ['2026-11-23 08:00', true, '2026-11-23 08:00', []],
    ['2026-11-23 11:59', true, '2026-11-23 11:59', []],
    ['2026-11-23 12:00', false, '2026-11-23 13:00', []],
    ['2026-11-23 13:00', true, '2026-11-23 13:00', []],
    ['2026-11-23 15:59', true, '2026-11-23 15:59', []],
    ['2026-11-23 16:00', false, '2026-11-24 08:00', []],
    ['2026-11-27 10:59', true, '2026-11-27 10:59', []],
    ['2026-11-27 11:00', false, '2026-11-30 08:00', []],
    ['2026-11-28 09:00', false, '2026-11-30 08:00', []],
    ['2026-11-30 09:00', false, '2026-12-01 08:00', ['2026-11-30']],
    ['2026-12-23 16:00', false, '2026-12-29 08:00', NATAL],
  ])('%s open=%s, next opening %s', (at, open, next, holidays) => {
    expect(isOpen(wib(at), DEFAULT_SCHEDULE, holidays)).toBe(open);
    expect(show(nextOpening(wib(at), DEFAULT_SCHEDULE, holidays))).toBe(next);
  });

  it('localDate uses Jakarta dates around UTC midnight', () => {
    expect(localDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});

describe('addWorkingDays', () => {
  it.each<[string, string, number, string, Holidays]>([
    ['3 working days in one week', '2026-11-23 10:00', 3, '2026-11-26 10:00', []],
    ['3 working days over a weekend', '2026-11-26 10:00', 3, '2026-12-01 10:00', []],
    ['0 days from a break is the next opening', '2026-11-23 12:30', 0, '2026-11-23 13:00', []],
    ['start in the break counts from 13.00', '2026-11-23 12:30', 1, '2026-11-24 13:00', []],
    ['start on Saturday counts from Monday 08.00', '2026-11-28 10:00', 1, '2026-12-01 08:00', []],
    ['landing on Friday afternoon moves to the next opening', '2026-11-26 14:00', 1, '2026-11-30 08:00', []],
    ['skips a holiday Monday', '2026-11-27 09:00', 1, '2026-12-01 09:00', ['2026-11-30']],
    [
      '14 working days across a holiday week and New Year',
      '2026-12-14 10:00',
      14,
      '2027-01-11 10:00',
      ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2027-01-01'],
    ],
  ])('%s', (_name, start, days, expected, holidays) => {
    expect(show(addWorkingDays(wib(start), days, DEFAULT_SCHEDULE, holidays))).toBe(expected);
  });

  it('gives the same deadlines from one remembered holiday list as from a live Set, day after day (issue 14)', () => {
    // one list object, asked again and again: its calendar remembers each day's periods; a Set is read fresh each time
    const list: readonly string[] = ['2026-12-24', '2026-12-25', '2027-01-01', '2027-03-20'];
    const schedule: ServiceSchedule = { ...DEFAULT_SCHEDULE, sabtu: { buka: '08.00', tutup: '12.00' } };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 24 * 60 }), fc.integer({ min: 0, max: 60 }), (minutes, days) => {
        const start = new Date(wib('2026-11-01 00:00').getTime() + minutes * 60_000);
        for (const [rules, holidays] of [
          [DEFAULT_SCHEDULE, list],
          [schedule, list],
        ] as const) {
          expect(addWorkingDays(start, days, rules, holidays).getTime()).toBe(addWorkingDays(start, days, rules, new Set(list)).getTime());
          expect(isOpen(start, rules, holidays)).toBe(isOpen(start, rules, new Set(list)));
        }
      }),
      { numRuns: 400 }
    );
  });

  it('counts a walk longer than the days a calendar remembers as the Set path does', () => {
    // ≈ 13,500 days: past the 4,096 a calendar keeps, so the rest are worked out each time
    const list: readonly string[] = ['1999-12-31', '2026-12-25'];
    const from = wib('1990-01-01 09:00');
    const to = wib('2026-12-01 10:00');
    expect(workingMinutesBetween(from, to, DEFAULT_SCHEDULE, list)).toBe(workingMinutesBetween(from, to, DEFAULT_SCHEDULE, new Set(list)));
    expect(workingMinutesBetween(from, to, DEFAULT_SCHEDULE, list)).toBe(workingMinutesBetween(from, to, DEFAULT_SCHEDULE, list));
  });

  it('rejects fractional or negative day counts', () => {
    expect(() => addWorkingDays(wib('2026-11-23 10:00'), 1.5, DEFAULT_SCHEDULE, [])).toThrow(/bilangan bulat/);
    expect(() => addWorkingDays(wib('2026-11-23 10:00'), -1, DEFAULT_SCHEDULE, [])).toThrow(/tidak negatif/);
  });
});

describe('workingMinutesBetween', () => {
  it.each<[string, string, number, Holidays]>([
    ['2026-11-23 10:00', '2026-11-24 10:00', 420, []],
    ['2026-11-26 15:00', '2026-11-30 11:00', 420, []],
    ['2026-11-23 10:00', '2026-11-23 09:00', 0, []],
    ['2026-11-23 10:00', '2026-11-23 10:00', 0, []],
    ['2026-11-23 12:10', '2026-11-23 12:50', 0, []],
    ['2026-11-23 11:30', '2026-11-23 13:30', 60, []],
    ['2026-11-27 10:00', '2026-11-30 09:00', 120, []],
    ['2026-11-28 08:00', '2026-11-29 20:00', 0, []],
    ['2026-11-23 10:00', '2026-11-25 10:00', 420, ['2026-11-24']],
    ['2026-11-23 08:00', '2026-11-30 08:00', 1860, []],
    ['2026-11-23 10:00', '2026-11-23 10:00:30', 0.5, []],
  ])('%s → %s = %d min', (from, to, minutes, holidays) => {
    expect(workingMinutesBetween(wib(from), wib(to), DEFAULT_SCHEDULE, holidays)).toBe(minutes);
  });
});

describe('parseJam and formatJam', () => {
  it.each<[string, number]>([
    ['08.00', 480],
    ['08:00', 480],
    ['8.30', 510],
    ['00.00', 0],
    ['23:59', 1439],
    ['24.00', 1440],
    [' 07.15 ', 435],
  ])('parseJam(%p) = %d', (text, minutes) => {
    expect(parseJam(text)).toBe(minutes);
  });

  it.each(['', '8', '1200', '12-00', '12.5', '25.00', '12.60', '24.01', 'jam 8', '08.00 WIB'])(
    'parseJam rejects %p with an Indonesian message',
    (text) => {
      expect(() => parseJam(text)).toThrow(/jam/i);
    }
  );

  it.each<[number, string]>([
    [480, '08.00'],
    [0, '00.00'],
    [735, '12.15'],
    [1439, '23.59'],
    [1440, '24.00'],
  ])('formatJam(%d) = %s', (minutes, text) => {
    expect(formatJam(minutes)).toBe(text);
  });

  it.each([-1, 1441, 1.5, Number.NaN])('formatJam rejects %p', (minutes) => {
    expect(() => formatJam(minutes)).toThrow(/Menit tidak valid/);
  });

  it('round-trips every minute of the day', () => {
    for (let minutes = 0; minutes <= 1440; minutes += 1) {
      expect(parseJam(formatJam(minutes))).toBe(minutes);
      expect(parseJam(formatJam(minutes).replace('.', ':'))).toBe(minutes);
    }
  });
});

describe('validateSchedule', () => {
  it('accepts and normalizes a valid schedule', () => {
    expect(validateSchedule(DEFAULT_SCHEDULE)).toEqual(DEFAULT_SCHEDULE);
    expect(validateSchedule({ sabtu: { buka: '8:00', tutup: '12:00' }, minggu: null })).toEqual({
      sabtu: { buka: '08.00', tutup: '12.00' },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', null, /harus berupa objek/],
    ['an array', [], /harus berupa objek/],
    ['unknown day', { jumaat: { buka: '08.00', tutup: '11.00' } }, /"jumaat" tidak dikenal/],
    ['day not an object', { sabtu: 'libur' }, /Sabtu harus berupa objek/],
    ['missing closing time', { senin: { buka: '08.00' } }, /Senin: jam tutup wajib diisi/],
    ['opening after closing', { senin: { buka: '16.00', tutup: '08.00' } }, /Senin: jam buka \(16\.00\) harus sebelum jam tutup \(08\.00\)/],
    ['opening equal to closing', { selasa: { buka: '08.00', tutup: '08.00' } }, /Selasa/],
    ['half a break', { selasa: { buka: '08.00', tutup: '16.00', istirahatMulai: '12.00' } }, /Selasa: .*istirahat harus diisi keduanya/],
    ['break reversed', { rabu: { buka: '08.00', tutup: '16.00', istirahatMulai: '13.00', istirahatSelesai: '12.00' } }, /Rabu: urutan jam/],
    ['break past closing', { kamis: { buka: '08.00', tutup: '12.00', istirahatMulai: '11.00', istirahatSelesai: '13.00' } }, /Kamis: urutan jam/],
    ['break starting at opening', { kamis: { buka: '08.00', tutup: '16.00', istirahatMulai: '08.00', istirahatSelesai: '09.00' } }, /Kamis/],
    ['bad time text', { jumat: { buka: '8', tutup: '11.00' } }, /Jumat: jam buka "8" tidak valid/],
    ['time not a string', { minggu: { buka: 800, tutup: '11.00' } }, /Minggu: jam buka harus berupa teks/],
    ['misspelled field', { senin: { buka: '08.00', tutup: '16.00', istirahatmulai: '12.00' } }, /Senin memuat isian tidak dikenal "istirahatmulai"/],
    ['no open day at all', {}, /tidak memiliki satu pun hari buka/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => validateSchedule(input)).toThrow(message);
  });
});

describe('properties', () => {
  const from = wib('2026-01-01 00:00').getTime();
  const until = wib('2028-12-31 23:59').getTime();
  const dayMs = 86_400_000;

  it('addWorkingMinutes stays in service hours and round-trips through workingMinutesBetween', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: until }),
        fc.integer({ min: 0, max: 6000 }),
        fc.constantFrom(DEFAULT_SCHEDULE, WITH_SATURDAY),
        fc.uniqueArray(fc.integer({ min: 0, max: 1100 }), { maxLength: 40 }),
        (startMs, minutes, schedule, holidayOffsets) => {
          const holidays = holidayOffsets.map((offset) => localDate(new Date(from + offset * dayMs)));
          const start = new Date(startMs);
          const result = addWorkingMinutes(start, minutes, schedule, holidays);
          expect(result.getTime()).toBeGreaterThanOrEqual(start.getTime());
          // Inside service hours, or exactly at the end of a period (closing time or break start).
          const atEdge = isOpen(new Date(result.getTime() - 1), schedule, holidays);
          expect(isOpen(result, schedule, holidays) || atEdge).toBe(true);
          const opening = nextOpening(start, schedule, holidays);
          expect(workingMinutesBetween(opening, result, schedule, holidays)).toBe(minutes);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('workingMinutesCounter answers as workingMinutesBetween for every pair, in any order of asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: from, max: until }), fc.integer({ min: -dayMs, max: 40 * dayMs })), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(DEFAULT_SCHEDULE, WITH_SATURDAY),
        fc.uniqueArray(fc.integer({ min: 0, max: 1100 }), { maxLength: 40 }),
        (pairs, schedule, holidayOffsets) => {
          const holidays = holidayOffsets.map((offset) => localDate(new Date(from + offset * dayMs)));
          const counter = workingMinutesCounter(schedule, holidays);
          for (const [startMs, length] of pairs) {
            const start = new Date(startMs);
            const end = new Date(startMs + length);
            expect(counter(start, end)).toBe(workingMinutesBetween(start, end, schedule, holidays));
            expect(counter(startMs, startMs + length)).toBe(workingMinutesBetween(start, end, schedule, holidays));
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
