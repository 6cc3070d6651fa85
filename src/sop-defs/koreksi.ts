import { z } from 'zod';
import type { Actor, Refusal } from '../plugins/sop/server/src/engine/types';
import { KLASIFIKASI, kriptogramEditorRule } from './kriptogram/workflow';

/**
 * Correcting what was registered (issue 10 item 4). Once a berita or kriptogram has its
 * agenda number, its classification, subject, sender and receipt time are the agenda
 * book's entry: they change only by this SOP step — a role, a required `catatan`, and the
 * old and new values in the audit row — never by a plain edit in the content manager.
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

/** The correction step of one workflow. */
export type KoreksiRule = {
  model: 'berita' | 'kriptogram';
  uid: string;
  /** fields frozen once the record is registered in the agenda */
  kolom: readonly string[];
  /** schema of `data`: the new values, each optional, at least one */
  input: z.ZodType<Record<string, string | undefined>>;
  /** who may correct this record: null when allowed, else the reason (403) */
  mayCorrect: (record: KoreksiFacts, actor: Actor) => string | null;
};

/** How far back a corrected receipt time may lie (the agenda books run per year), in days. */
export const KOREKSI_WAKTU_MAKS_HARI = 366;

const waktu = z.iso.datetime({ offset: true, message: 'harus tanggal-waktu ISO 8601 dengan zona waktu' });
const teks = (max: number) => z.string().trim().min(2, 'paling sedikit 2 karakter').max(max);

const atLeastOne = (value: Record<string, unknown>) => Object.values(value).some((one) => one !== undefined);

const beritaInput = z
  .object({
    perihal: teks(300).optional(),
    pengirim: teks(200).optional(),
    sifat: z.enum(['biasa', 'terbatas', 'rahasia', 'sangat_rahasia']).optional(),
    waktuDiterima: waktu.optional(),
  })
  .strict()
  .refine(atLeastOne, { message: 'isi paling sedikit satu kolom yang dikoreksi: perihal, pengirim, sifat, atau waktuDiterima' });

const kriptogramInput = z
  .object({
    asal: teks(200).optional(),
    klasifikasi: z.enum(KLASIFIKASI).optional(),
    waktuDiterima: waktu.optional(),
  })
  .strict()
  .refine(atLeastOne, { message: 'isi paling sedikit satu kolom yang dikoreksi: asal, klasifikasi, atau waktuDiterima' });

/** The correction step per `:model`: the Operator or the Kasi on a berita; on a kriptogram whoever may edit it. */
export const KOREKSI: Readonly<Record<string, KoreksiRule>> = {
  berita: {
    model: 'berita',
    uid: 'api::berita.berita',
    kolom: ['perihal', 'pengirim', 'sifat', 'waktuDiterima'],
    input: beritaInput as z.ZodType<Record<string, string | undefined>>,
    mayCorrect: (_record, actor) =>
      actor.roles.includes('operator') || actor.roles.includes('kasi')
        ? null
        : 'Hanya Operator Transmisi Sandi atau Kasi yang dapat mengoreksi data registrasi berita.',
  },
  kriptogram: {
    model: 'kriptogram',
    uid: 'api::kriptogram.kriptogram',
    kolom: ['asal', 'klasifikasi', 'waktuDiterima'],
    input: kriptogramInput as z.ZodType<Record<string, string | undefined>>,
    mayCorrect: (record, actor) => kriptogramEditorRule({ sandiman: record.sandiman ?? null, pencatat: record.pencatat ?? null }, actor),
  },
};

/** The correction rule of a content type UID, if it has one. */
export const koreksiForUid = (uid: string): KoreksiRule | undefined => Object.values(KOREKSI).find((rule) => rule.uid === uid);

/** A stored or submitted value as compared and recorded: times as ISO 8601 UTC, empty as null. */
export const normaliseNilai = (kolom: string, value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (kolom.startsWith('waktu')) {
    const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : new Date(String(value));
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
  }
  return String(value);
};

/** The classification fields of berita (`sifat`) and kriptogram (`klasifikasi`). */
const KLASIFIKASI_KOLOM: ReadonlySet<string> = new Set(['sifat', 'klasifikasi']);

/** Rank of a classification, Biasa 0 … Sangat Rahasia 3 (Perpres 95/2018 tata naskah dinas order); unknown ranks lowest. */
const tingkatKlasifikasi = (nilai: string | null): number => ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'].indexOf(nilai ?? '');

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
    return { ok: false, reason: 'input', message: 'Catatan wajib diisi: sebutkan alasan koreksi.', issues: [{ path: 'catatan', message: 'wajib diisi' }] };
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
    const at = new Date(waktuBaru).getTime();
    const problem =
      at > now.getTime() + 60_000
        ? 'Waktu diterima tidak boleh di masa depan.'
        : at < now.getTime() - KOREKSI_WAKTU_MAKS_HARI * 86_400_000
          ? 'Waktu diterima lebih dari setahun yang lalu.'
          : null;
    if (problem) return { ok: false, reason: 'input', message: problem, issues: [{ path: 'data.waktuDiterima', message: problem }] };
  }
  const perubahan = rule.kolom
    .filter((kolom) => parsed.data[kolom] !== undefined)
    .map((kolom) => ({ kolom, lama: record.nilai[kolom] ?? null, baru: normaliseNilai(kolom, parsed.data[kolom]) }))
    .filter((change) => change.lama !== change.baru);
  if (perubahan.length === 0) {
    return { ok: false, reason: 'input', message: 'Tidak ada nilai yang berubah.', issues: [{ path: 'data', message: 'sama dengan nilai sekarang' }] };
  }
  const lowered = perubahan.find(
    (change) => KLASIFIKASI_KOLOM.has(change.kolom) && tingkatKlasifikasi(change.baru) < tingkatKlasifikasi(change.lama)
  );
  if (lowered && !actor.roles.includes('kasi')) {
    // Lowering a classification widens who may read the record and stops its downloads being audited.
    return { ok: false, reason: 'peran', message: 'Hanya Kasi yang dapat menurunkan klasifikasi naskah.' };
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
