/**
 * The app's one clock. Every moment that becomes a number, a date in a book or on a letter,
 * or a deadline is read here — SOP steps (src/plugins/sop/server/src/services/transition.ts), complaint intake
 * (src/api/pengaduan/lib/intake.ts), the berita gate's default receipt time, and the print
 * date of letters (src/letters/unduh.ts) — never from a scattered `new Date()`, so tests can
 * stand at 31 Desember 23.59 WIB and step over the turn of the year.
 *
 * Which moment each printed number or date takes (all parts — day, month, year — from that
 * one moment, read in WIB, UTC+7):
 *  - nomor agenda (berita, kriptogram) and its year and sequence: the registration moment
 *    (`waktuAgenda`, the `diagendakan` step);
 *  - nomor surat of a salinan: the same registration moment of its kriptogram (the sequence
 *    is the kriptogram's agenda sequence, so its month and year must be that entry's too);
 *  - nomor tiket pengaduan: the moment the complaint is recorded;
 *  - buku agenda: an entry belongs to the period that holds its registration moment;
 *  - tanggal of the surat pengantar: the Kasi's signature; kartu kendali: the step that made it;
 *    "dicetak" on any document: the moment of printing.
 *
 * The clock can be set only when NODE_ENV is `test`. It lives on `globalThis`, so a test
 * (which loads src/) and the app it boots (which runs from dist/) share it.
 */
type ClockState = { now: (() => Date) | null };

const KEY = Symbol.for('meja-sandi.clock');
const holder = globalThis as unknown as Record<symbol, ClockState | undefined>;
const state: ClockState = holder[KEY] ?? (holder[KEY] = { now: null });

/** The current moment (a fresh Date; UTC inside, read in WIB where printed). */
export const now = (): Date => (state.now ? new Date(state.now().getTime()) : new Date());

/**
 * Tests only: makes `now()` answer `source()` (or a fixed moment); `null` restores the
 * real time. Throws outside NODE_ENV=test, so production cannot be made to lie about time.
 */
export const setClock = (source: Date | (() => Date) | null): void => {
  if (process.env.NODE_ENV !== 'test') throw new Error('Jam aplikasi hanya dapat diatur dalam pengujian (NODE_ENV=test).');
  if (source === null) state.now = null;
  else if (source instanceof Date) {
    const fixed = source.getTime();
    state.now = () => new Date(fixed);
  } else state.now = source;
};
