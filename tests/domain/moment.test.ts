import { spawnSync } from 'child_process';
import path from 'path';
import fc from 'fast-check';
import { instantOf } from '../../src/plugins/sop/server/src/engine/moment';
import { checkMoment } from '../../src/domain/input';

/* The instant a written datetime stands for (the gate writes back what it checked). */

describe('instantOf', () => {
  it('reads ISO text at its offset, Z, hours-only offsets and fractions', () => {
    expect(instantOf('2026-11-30T10:00:00+07:00')?.toISOString()).toBe('2026-11-30T03:00:00.000Z');
    expect(instantOf('2026-11-30T10:00+07')?.toISOString()).toBe('2026-11-30T03:00:00.000Z');
    expect(instantOf('2026-11-30T10:00-0330')?.toISOString()).toBe('2026-11-30T13:30:00.000Z');
    expect(instantOf('2026-11-30 10:00:05.5Z')?.toISOString()).toBe('2026-11-30T10:00:05.500Z');
    expect(instantOf('2026-11-30T10:00:05.123456789Z')?.toISOString()).toBe('2026-11-30T10:00:05.123Z');
  });

  it('reads text without a zone, and a date alone, in the server local time, as Strapi does', () => {
    expect(instantOf('2026-11-30T10:00')?.getTime()).toBe(new Date(2026, 10, 30, 10, 0).getTime());
    expect(instantOf('2026-11-30')?.getTime()).toBe(new Date(2026, 10, 30).getTime());
  });

  it('reads text without a zone in the zone the server runs in (Asia/Jakarta there), not as UTC', () => {
    // the time zone is fixed when a process starts: the app as compiled by global setup, in a child in WIB
    const moment = path.resolve(__dirname, '..', '..', 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'engine', 'moment.js');
    const read = `const { instantOf } = require(${JSON.stringify(moment)});
      console.log(JSON.stringify(['2026-11-30T10:00', '2026-11-30', '2026-11-30T10:00Z'].map((text) => instantOf(text).toISOString())));`;
    const child = spawnSync(process.execPath, ['-e', read], { env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Jakarta' }, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(['2026-11-30T03:00:00.000Z', '2026-11-29T17:00:00.000Z', '2026-11-30T10:00:00.000Z']);
  });

  it('knows 29 February of year 0000 (a leap year), as the input policy does', () => {
    expect(instantOf('0000-02-29T00:00Z')).not.toBeNull();
    expect(checkMoment('datetime', '0000-02-29T00:00Z', 'waktu')).toBeNull();
    expect(instantOf('0100-02-29T00:00Z')).toBeNull();
    expect(checkMoment('datetime', '0100-02-29T00:00Z', 'waktu')).toMatch(/tidak ada di kalender/);
  });

  it('reads whole milliseconds since 1970, as a number or as digits (leading zeros too)', () => {
    expect(instantOf(1764547200000)?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(instantOf('1764547200000')?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(instantOf('0002025')?.getTime()).toBe(2025);
    expect(instantOf(0)?.getTime()).toBe(0);
  });

  it('keeps a Date, and refuses what stands for no instant', () => {
    const date = new Date('2026-11-30T03:00:00.000Z');
    expect(instantOf(date)).toBe(date);
    for (const value of [
      new Date(Number.NaN),
      '2026-02-30T10:00:00Z',
      '2026-02-29',
      '2026-13-01T00:00Z',
      '2026-11-30T24:00Z',
      '2026-11-30T23:60Z',
      '2026-11-30T10:00+15:00',
      '30/11/2026',
      'kemarin',
      '',
      -1,
      1.5,
      Number.MAX_VALUE,
      9e15,
      8_640_000_000_000_001,
      Number.MAX_SAFE_INTEGER,
      null,
      undefined,
      {},
      ['2026-11-30'],
    ]) {
      expect({ value, instant: instantOf(value) }).toEqual({ value, instant: null });
    }
  });

  it('reads back every instant written as ISO text, and agrees with the input policy on what is a datetime', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(instantOf(date.toISOString())?.getTime()).toBe(date.getTime());
        expect(checkMoment('datetime', date.toISOString(), 'waktu')).toBeNull();
      }),
      { numRuns: 500 }
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.stringMatching(/^\d{4}-[01]\d-[0-3]\d([T ][0-2]\d:[0-6]\d(:[0-6]\d)?(Z|[+-][01]\d(:?[0-6]\d)?)?)?$/)
        ),
        (text) => {
          // whatever the input policy lets through as a datetime text has an instant, and nothing else does
          expect(instantOf(text) !== null).toBe(checkMoment('datetime', text, 'waktu') === null && text !== '');
        }
      ),
      { numRuns: 2000 }
    );
  });
});
