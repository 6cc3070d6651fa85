import type { z } from 'zod';
import type { Actor, Refusal } from './types';
import { instantOf } from './moment';

/**
 * Correcting what was registered (issue 10 item 4). Once a record has its agenda number,
 * the fields of its agenda entry change only by this step — a role, a required `catatan`,
 * and the old and new values in the audit row — never by a plain edit. Each SOP declares
 * its rule (KoreksiRule) in its registration; the decision below is the same for all.
 */

/** What the correction rules read about a record. */
export type KoreksiFacts = {
  tahap: string;
  /** the record has its agenda number (registered in the agenda book) */
  terdaftar: boolean;
  /** archived or voided: nothing changes any more */
  selesai: boolean;
  /** current values of the frozen fields (date-times as ISO 8601 UTC), null when empty */
  nilai: Readonly<Record<string, string | null>>;
  /** kriptogram only: the assigned Sandiman and who registered it (admin user ids) */
  sandiman?: number | null;
  pencatat?: number | null;
};

/** One changed field: its name and its value before and after (ISO 8601 UTC for times). */
export type Perubahan = { kolom: string; lama: string | null; baru: string | null };

/**
 * A classification whose value may be lowered only by one role: lowering widens who may
 * read the record (and stops its downloads being audited). `urutan` lists the values from
 * the lowest rank up; a value not in it counts lowest.
 */
export type TurunKlasifikasi = { kolom: readonly string[]; urutan: readonly string[]; peran: string; pesan: string };

/** The correction step of one workflow. */
export type KoreksiRule = {
  model: string;
  uid: string;
  /** fields frozen once the record is registered in the agenda */
  kolom: readonly string[];
  /** schema of `data`: the new values, each optional, at least one */
  input: z.ZodType<Record<string, string | undefined>>;
  /** who may correct this record: null when allowed, else the reason (403) */
  mayCorrect: (record: KoreksiFacts, actor: Actor) => string | null;
  /** who alone may lower the record's classification, if it has one */
  turunKlasifikasi?: TurunKlasifikasi;
};

/** How far back a corrected receipt time may lie (the agenda books run per year), in days. */
export const KOREKSI_WAKTU_MAKS_HARI = 366;

/** How far ahead of the server's clock a receipt time may lie (a workstation clock running fast), in ms. */
export const WAKTU_DITERIMA_TOLERANSI_MS = 60_000;

/** How far back a receipt time may lie: the days, and the words the refusal uses for them. */
export type BatasWaktuDiterima = { hari: number; sebutan: string };

/**
 * A correction, and a complaint recorded by staff: inside the agenda year (KOREKSI_WAKTU_MAKS_HARI).
 * A correction of a record whose stored receipt time already lies further back (entered late,
 * BATAS_ENTRI) takes that record's bound.
 */
export const BATAS_KOREKSI: BatasWaktuDiterima = { hari: KOREKSI_WAKTU_MAKS_HARI, sebutan: 'setahun' };

/**
 * A berita or kriptogram entered or edited by hand before it is registered: an old one may be entered
 * late (a paper register carried over), so ten years back, the longest retention of ordinary
 * correspondence; a time further back is a typing error, and would make every overdue walk start there.
 */
export const BATAS_ENTRI: BatasWaktuDiterima = { hari: 3653, sebutan: 'sepuluh tahun' };

/**
 * Whether a receipt time (`waktuDiterima`) written by staff is plausible: not ahead of `now` by more
 * than WAKTU_DITERIMA_TOLERANSI_MS and not more than `batas.hari` days before it.
 * Takes the instant in ms since the epoch (UTC), the server's clock and the bound; returns null when
 * plausible, else the Indonesian reason (a phrase, no full stop). NaN (no time) is never too far back.
 */
export const waktuDiterimaProblem = (at: number, now: Date, batas: BatasWaktuDiterima): string | null =>
  at > now.getTime() + WAKTU_DITERIMA_TOLERANSI_MS
    ? 'Waktu diterima tidak boleh di masa depan'
    : at < now.getTime() - batas.hari * 86_400_000
      ? `Waktu diterima lebih dari ${batas.sebutan} yang lalu`
      : null;

/** A stored or submitted value as compared and recorded: times as ISO 8601 UTC, empty as null. */
export const normaliseNilai = (kolom: string, value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (kolom.startsWith('waktu')) {
    // read as the gate and Strapi read it (instantOf), so an unchanged time in another form compares equal
    const date = instantOf(value);
    return date ? date.toISOString() : String(value);
  }
  return String(value);
};

/** An allowed correction: the changed fields (old and new values) and the person's trimmed note. */
export type KoreksiDecision = { ok: true; perubahan: Perubahan[]; catatan: string };

/**
 * Decides one correction: may this actor correct this record now, with these values?
 * Takes the rule, the record's facts, `{ catatan, data }` and the actor; returns the changed
 * fields with old and new values, or why not — `tahap` (409: not registered yet, or closed),
 * `peran` (403), `input` (400: no catatan, bad or unchanged values, a receipt time in the
 * future or more than a year back).
 */
export const decideKoreksi = (
  rule: KoreksiRule,
  record: KoreksiFacts,
  request: { catatan?: string | null; data?: unknown },
  actor: Actor,
  now: Date
): KoreksiDecision | Refusal => {
  if (record.selesai) return { ok: false, reason: 'tahap', message: 'Naskah yang sudah diarsipkan atau dibatalkan tidak dapat dikoreksi.' };
  if (!record.terdaftar) {
    return {
      ok: false,
      reason: 'tahap',
      message: 'Naskah belum diagendakan: data registrasinya masih dapat diubah langsung, tanpa langkah koreksi.',
    };
  }
  const denied = rule.mayCorrect(record, actor);
  if (denied !== null) return { ok: false, reason: 'peran', message: denied };

  const catatan = typeof request.catatan === 'string' ? request.catatan.trim() : '';
  if (catatan === '') {
    return {
      ok: false,
      reason: 'input',
      message: 'Catatan wajib diisi: sebutkan alasan koreksi.',
      issues: [{ path: 'catatan', message: 'wajib diisi' }],
    };
  }
  const parsed = rule.input.safeParse(request.data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['data', ...issue.path.map(String)].join('.'), message: issue.message }));
    return {
      ok: false,
      reason: 'input',
      message: `Data koreksi tidak sah: ${issues.map((issue) => `${issue.path} (${issue.message})`).join('; ')}.`,
      issues,
    };
  }
  const waktuBaru = parsed.data.waktuDiterima;
  if (waktuBaru !== undefined) {
    // a record entered late with an old receipt time (BATAS_ENTRI) may have that time corrected within the same bound
    const lama = record.nilai.waktuDiterima ? new Date(record.nilai.waktuDiterima).getTime() : Number.NaN;
    const batas = waktuDiterimaProblem(lama, now, BATAS_KOREKSI) === null ? BATAS_KOREKSI : BATAS_ENTRI;
    const problem = waktuDiterimaProblem(new Date(waktuBaru).getTime(), now, batas);
    if (problem) return { ok: false, reason: 'input', message: `${problem}.`, issues: [{ path: 'data.waktuDiterima', message: problem }] };
  }
  const perubahan = rule.kolom
    .filter((kolom) => parsed.data[kolom] !== undefined)
    .map((kolom) => ({ kolom, lama: record.nilai[kolom] ?? null, baru: normaliseNilai(kolom, parsed.data[kolom]) }))
    .filter((change) => change.lama !== change.baru);
  if (perubahan.length === 0) {
    return {
      ok: false,
      reason: 'input',
      message: 'Tidak ada nilai yang berubah.',
      issues: [{ path: 'data', message: 'sama dengan nilai sekarang' }],
    };
  }
  const turun = rule.turunKlasifikasi;
  const rank = (nilai: string | null): number => (turun ? turun.urutan.indexOf(nilai ?? '') : -1);
  const lowered = turun && perubahan.find((change) => turun.kolom.includes(change.kolom) && rank(change.baru) < rank(change.lama));
  if (turun && lowered && !(actor.roles as readonly string[]).includes(turun.peran)) {
    return { ok: false, reason: 'peran', message: turun.pesan };
  }
  return { ok: true, perubahan, catatan };
};

/** The audit row's text of a correction: the person's note, then each field's old and new value. */
export const describeKoreksi = (catatan: string, perubahan: readonly Perubahan[]): string =>
  `${catatan}\nKoreksi: ${perubahan.map((change) => `${change.kolom} ${JSON.stringify(change.lama)} → ${JSON.stringify(change.baru)}`).join('; ')}`;

/**
 * A correction's audit text for a reader who may not read the corrected fields: the person's
 * note stays, the old and new values written by `describeKoreksi` are withheld.
 */
export const withoutKoreksiValues = (catatan: string | null): string | null => {
  if (catatan === null) return null;
  const at = catatan.lastIndexOf('\nKoreksi: ');
  return at < 0 ? catatan : `${catatan.slice(0, at)}\nKoreksi: nilai lama dan baru tidak ditampilkan (di luar hak baca Anda).`;
};
