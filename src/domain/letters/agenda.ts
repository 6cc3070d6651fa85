import { z } from 'zod';
import { SIFAT_LABEL, asSifat, derajatLabel, tanggalPanjang, tanggalPendek, jam, teks } from './format';
import type { PenerimaSumber } from './berita';
import { namaPenerima } from './berita';
import type { DataUmum } from './kop';

export const FORMAT_AGENDA = ['docx', 'xlsx', 'pdf'] as const;
export type FormatAgenda = (typeof FORMAT_AGENDA)[number];

/** Longest period one request may print (a year and a day, so a whole leap year fits). */
export const RENTANG_MAKSIMUM_HARI = 366;

const tanggal = z
  .string({ error: 'wajib diisi dengan format TTTT-BB-HH' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal harus TTTT-BB-HH, misalnya 2026-11-23')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'bukan tanggal yang ada di kalender');

const hariKe = (value: string): number => Date.parse(`${value}T00:00:00Z`) / 86_400_000;

export const agendaQuery = z
  .object({
    dari: tanggal,
    sampai: tanggal,
    format: z.enum(FORMAT_AGENDA, { error: 'format harus docx, xlsx, atau pdf' }).default('docx'),
  })
  .strict()
  .superRefine((query, context) => {
    if (hariKe(query.sampai) < hariKe(query.dari)) {
      context.addIssue({ code: 'custom', path: ['sampai'], message: 'tanggal "sampai" tidak boleh sebelum tanggal "dari"' });
    } else if (hariKe(query.sampai) - hariKe(query.dari) + 1 > RENTANG_MAKSIMUM_HARI) {
      context.addIssue({ code: 'custom', path: ['sampai'], message: `rentang paling lama ${RENTANG_MAKSIMUM_HARI} hari` });
    }
  });

export type AgendaQuery = z.infer<typeof agendaQuery>;

/** A query string value as zod should see it: the first of repeated keys, no arrays. */
export const satuNilai = (query: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));

/** The instants bounding local dates `dari`..`sampai` (inclusive) in Asia/Jakarta: [from, to). */
export const batasWaktu = (query: Pick<AgendaQuery, 'dari' | 'sampai'>): { mulai: Date; sebelum: Date } => ({
  mulai: new Date(`${query.dari}T00:00:00+07:00`),
  sebelum: new Date(new Date(`${query.sampai}T00:00:00+07:00`).getTime() + 86_400_000),
});

export const periodeTeks = (query: Pick<AgendaQuery, 'dari' | 'sampai'>): string =>
  query.dari === query.sampai ? tanggalPanjang(query.dari) : `${tanggalPanjang(query.dari)} s.d. ${tanggalPanjang(query.sampai)}`;

/** A column of a buku agenda as a spreadsheet shows it. */
export type KolomAgenda = { key: string; judul: string; lebar: number };
export type BarisAgenda = Record<string, string>;

// ── buku agenda surat masuk (berita biasa) ──

export type BeritaAgendaSumber = {
  nomorAgenda: string;
  urutAgenda: number | null;
  tahunAgenda: number | null;
  waktuDiterima: string | null;
  nomorSurat: string | null;
  tanggalSurat: string | null;
  pengirim: string | null;
  perihal: string | null;
  sifat: string | null;
  derajatKecepatan: string | null;
  penerima: PenerimaSumber[];
  tahap: string;
  tahapLabel: string;
};

export const KOLOM_SURAT_MASUK: readonly KolomAgenda[] = [
  { key: 'nomorAgenda', judul: 'Nomor agenda', lebar: 13 },
  { key: 'tanggalDiterima', judul: 'Tanggal diterima', lebar: 12 },
  { key: 'jamDiterima', judul: 'Pukul (WIB)', lebar: 8 },
  { key: 'nomorSurat', judul: 'Nomor surat', lebar: 22 },
  { key: 'tanggalSurat', judul: 'Tanggal surat', lebar: 12 },
  { key: 'asal', judul: 'Dari', lebar: 28 },
  { key: 'perihal', judul: 'Perihal', lebar: 40 },
  { key: 'sifat', judul: 'Sifat', lebar: 12 },
  { key: 'derajat', judul: 'Derajat kecepatan', lebar: 12 },
  { key: 'tujuan', judul: 'Kepada', lebar: 40 },
  { key: 'keterangan', judul: 'Keterangan', lebar: 24 },
];

const urutan = (a: { tahunAgenda: number | null; urutAgenda: number | null; nomorAgenda: string }, b: typeof a): number =>
  (a.tahunAgenda ?? 0) - (b.tahunAgenda ?? 0) || (a.urutAgenda ?? 0) - (b.urutAgenda ?? 0) || a.nomorAgenda.localeCompare(b.nomorAgenda);

export const barisSuratMasuk = (rows: readonly BeritaAgendaSumber[]): BarisAgenda[] =>
  [...rows].sort(urutan).map((row) => ({
    nomorAgenda: row.nomorAgenda,
    tanggalDiterima: tanggalPendek(row.waktuDiterima),
    jamDiterima: jam(row.waktuDiterima),
    nomorSurat: teks(row.nomorSurat) || '-',
    tanggalSurat: tanggalPendek(row.tanggalSurat) || '-',
    asal: teks(row.pengirim),
    perihal: teks(row.perihal),
    sifat: SIFAT_LABEL[asSifat(row.sifat)],
    derajat: derajatLabel(row.derajatKecepatan),
    tujuan: row.penerima.map((one) => namaPenerima(one)).join('; '),
    keterangan: row.tahap === 'batal' ? 'BATAL (nomor tetap tercatat)' : row.tahapLabel,
  }));

// ── buku agenda kriptogram masuk ──

export type KriptogramAgendaSumber = {
  nomorAgenda: string;
  urutAgenda: number | null;
  tahunAgenda: number | null;
  waktuDiterima: string | null;
  nomorKriptogram: string | null;
  asal: string | null;
  klasifikasi: string | null;
  derajatKecepatan: string | null;
  sandimanNama: string | null;
  tahap: string;
  tahapLabel: string;
};

export const KOLOM_KRIPTOGRAM_MASUK: readonly KolomAgenda[] = [
  { key: 'nomorAgenda', judul: 'Nomor agenda', lebar: 13 },
  { key: 'tanggalDiterima', judul: 'Tanggal diterima', lebar: 12 },
  { key: 'jamDiterima', judul: 'Pukul (WIB)', lebar: 8 },
  { key: 'nomorKriptogram', judul: 'Nomor kriptogram', lebar: 24 },
  { key: 'asal', judul: 'Asal', lebar: 30 },
  { key: 'klasifikasi', judul: 'Klasifikasi', lebar: 14 },
  { key: 'derajat', judul: 'Derajat kecepatan', lebar: 12 },
  { key: 'sandiman', judul: 'Sandiman', lebar: 24 },
  { key: 'keterangan', judul: 'Keterangan', lebar: 24 },
];

export const barisKriptogramMasuk = (rows: readonly KriptogramAgendaSumber[]): BarisAgenda[] =>
  [...rows].sort(urutan).map((row) => ({
    nomorAgenda: row.nomorAgenda,
    tanggalDiterima: tanggalPendek(row.waktuDiterima),
    jamDiterima: jam(row.waktuDiterima),
    nomorKriptogram: teks(row.nomorKriptogram) || '-',
    asal: teks(row.asal),
    klasifikasi: SIFAT_LABEL[asSifat(row.klasifikasi)],
    derajat: derajatLabel(row.derajatKecepatan),
    sandiman: teks(row.sandimanNama) || '-',
    keterangan: row.tahapLabel,
  }));

/** The .docx of a buku agenda: the letterhead, the period and one table row per entry. */
export const dataAgenda = (judul: string, query: Pick<AgendaQuery, 'dari' | 'sampai'>, baris: BarisAgenda[], umum: DataUmum) => ({
  ...umum,
  judul: judul.toUpperCase(),
  periode: periodeTeks(query),
  jumlah: String(baris.length),
  baris: baris.map((row, index) => ({ no: String(index + 1), ...row })),
});

/** `agenda-surat-masuk-2026-11-01-sd-2026-11-30` */
export const namaBerkasAgenda = (buku: string, query: Pick<AgendaQuery, 'dari' | 'sampai'>): string =>
  query.dari === query.sampai ? `agenda-${buku}-${query.dari}` : `agenda-${buku}-${query.dari}-sd-${query.sampai}`;
