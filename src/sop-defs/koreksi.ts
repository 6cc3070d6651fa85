import { z } from 'zod';
import type { KoreksiRule, TurunKlasifikasi } from '../plugins/sop/server/src/engine/index';
import { KLASIFIKASI, kriptogramEditorRule } from './kriptogram/workflow';

/** How far back a corrected receipt time may lie is the engine's (KOREKSI_WAKTU_MAKS_HARI); the fields and who corrects are each SOP's. */
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

/**
 * Lowering a classification (Biasa 0 … Sangat Rahasia 3, Perpres 95/2018 tata naskah dinas order)
 * widens who may read the record and stops its downloads being audited: only the Kasi does it.
 */
const HANYA_KASI_MENURUNKAN: TurunKlasifikasi = {
  kolom: ['sifat', 'klasifikasi'],
  urutan: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'],
  peran: 'kasi',
  pesan: 'Hanya Kasi yang dapat menurunkan klasifikasi naskah.',
};

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
    turunKlasifikasi: HANYA_KASI_MENURUNKAN,
  },
  kriptogram: {
    model: 'kriptogram',
    uid: 'api::kriptogram.kriptogram',
    kolom: ['asal', 'klasifikasi', 'waktuDiterima'],
    input: kriptogramInput as z.ZodType<Record<string, string | undefined>>,
    mayCorrect: (record, actor) => kriptogramEditorRule({ sandiman: record.sandiman ?? null, pencatat: record.pencatat ?? null }, actor),
    turunKlasifikasi: HANYA_KASI_MENURUNKAN,
  },
};

/** The correction rule of a content type UID, if it has one. */
export const koreksiForUid = (uid: string): KoreksiRule | undefined => Object.values(KOREKSI).find((rule) => rule.uid === uid);
