import { positiveId } from '../../src/plugins/sop/server/src/engine/ids';
import { applyTextPolicy, checkMoment, checkText, MAX_DEPTH, normaliseLineBreaks, printableDeep, printableText } from '../../src/domain/input';

describe('input policy: text', () => {
  it('turns every line-break convention into \\n (CR LF, CR, Word VT and FF, NEL, LS, PS)', () => {
    expect(normaliseLineBreaks('a\r\nb\rc\u000Bd\u000Ce\u0085f\u2028g\u2029h\ni')).toBe('a\nb\nc\nd\ne\nf\ng\nh\ni');
    expect(checkText('Halaman satu.\n\u000cHalaman dua.')).toEqual({ ok: true, value: 'Halaman satu.\n\nHalaman dua.' });
    expect(checkText('kolom\tkedua')).toEqual({ ok: true, value: 'kolom\tkedua' });
  });

  it('refuses NUL, the rest of C0, DEL, C1 and U+FFFE/U+FFFF, naming the character and its position', () => {
    for (const character of ['\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f', '\ufffe', '\uffff']) {
      expect(checkText(`ab${character}c`)).toEqual({ ok: false, character, index: 2 });
    }
    // Indonesian letters, emoji and ordinary punctuation are text.
    expect(checkText('Surat “penting” — éàü 😀 Rp1.000,00')).toEqual({ ok: true, value: 'Surat “penting” — éàü 😀 Rp1.000,00' });
  });

  it('walks a body: normalises every string, reports each refused one by its path, refuses control characters in keys', () => {
    const result = applyTextPolicy({ perihal: 'a\u000Bb', penerima: [{ nama: 'x\u0000' }], data: { catatan: 'ok' } });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].path).toEqual(['penerima', 0, 'nama']);
    expect(result.problems[0].message).toMatch(/penerima\.0\.nama memuat karakter kendali U\+0000 pada posisi 2/);
    expect((result.value as { perihal: string }).perihal).toBe('a\nb');
    expect(applyTextPolicy({ 'nama\u0000': 'x' }).problems[0].message).toMatch(/nama kolom dengan karakter kendali U\+0000/);
    const when = new Date();
    expect(applyTextPolicy({ when }).value).toEqual({ when });
  });

  it('refuses nesting deeper than MAX_DEPTH without overflowing the stack', () => {
    let deep: unknown = 'dasar';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const result = applyTextPolicy({ data: deep });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].message).toMatch(new RegExp(`lebih dari ${MAX_DEPTH} tingkat`));
  });

  it('makes any stored text printable: same line breaks, control characters dropped', () => {
    expect(printableText('Perihal\u000Bbaris dua\u0000\u0007')).toBe('Perihal\nbaris dua');
    expect(printableDeep({ a: ['x\u000Cy', 3, null], b: { c: '\r\n' } })).toEqual({ a: ['x\ny', 3, null], b: { c: '\n' } });
    const buffer = Buffer.from('abc');
    expect(printableDeep({ buffer }).buffer).toBe(buffer);
  });
});

describe('input policy: dates, date-times and times', () => {
  it('refuses days that are not on the calendar', () => {
    expect(checkMoment('date', '2026-02-30', 'tanggal')).toBe('tanggal: tanggal "2026-02-30" tidak ada di kalender.');
    expect(checkMoment('date', '2026-13-45', 'tanggal')).toBe('tanggal: tanggal "2026-13-45" tidak ada di kalender.');
    expect(checkMoment('date', '2025-02-29', 'tanggal')).toMatch(/tidak ada di kalender/);
    expect(checkMoment('date', '2028-02-29', 'tanggal')).toBeNull();
    expect(checkMoment('datetime', '2026-02-30T10:00:00Z', 'waktuDiterima')).toMatch(/tidak ada di kalender/);
    expect(checkMoment('datetime', '2026-04-31T10:00:00.000+07:00', 'waktuDiterima')).toMatch(/tidak ada di kalender/);
  });

  it('refuses impossible hours, zones, formats and types', () => {
    expect(checkMoment('datetime', '2026-02-28T24:00:00Z', 'w')).toMatch(/jam/);
    expect(checkMoment('datetime', '2026-02-28T10:60:00Z', 'w')).toMatch(/jam/);
    expect(checkMoment('datetime', '2026-02-28T10:00:00+25:00', 'w')).toMatch(/zona/);
    expect(checkMoment('datetime', 'besok pagi', 'w')).toMatch(/ISO 8601/);
    expect(checkMoment('datetime', { $gt: 1 }, 'w')).toMatch(/bukan object/);
    expect(checkMoment('date', '28/02/2026', 't')).toMatch(/TTTT-BB-HH/);
    expect(checkMoment('date', 20260228, 't')).toMatch(/bukan number/);
    expect(checkMoment('time', '25:00:00', 'jam')).toMatch(/JJ:MM:DD/);
    expect(checkMoment('date', new Date('x'), 't')).toMatch(/tidak sah/);
  });

  it('accepts what Strapi and the admin panel send', () => {
    for (const value of [
      '2026-11-23T03:00:00.000Z',
      '2026-11-23T10:00:00+07:00',
      '2026-11-23T10:00',
      '2026-11-23',
      '1795000000000',
      1795000000000,
      new Date(),
      null,
      undefined,
    ]) {
      expect(checkMoment('datetime', value, 'w')).toBeNull();
    }
    expect(checkMoment('date', '2026-02-28', 't')).toBeNull();
    expect(checkMoment('time', '08:30:00.000', 'j')).toBeNull();
  });
});

describe('input policy: ids', () => {
  it('takes a positive id as number or digits, and nothing an integer column cannot hold (a 500 on PostgreSQL)', () => {
    expect(positiveId.parse(7)).toBe(7);
    expect(positiveId.parse('2147483647')).toBe(2147483647);
    expect(positiveId.safeParse('9999999999').success).toBe(false);
    expect(positiveId.safeParse(2147483648).success).toBe(false);
    expect(positiveId.safeParse('0').success).toBe(false);
    expect(positiveId.safeParse(-1).success).toBe(false);
  });
});
