/**
 * The evaluation as tables of printable cells — one definition shared by the .xlsx sheets
 * and the .docx / PDF report, so the two exports cannot disagree. Pure: no Strapi import.
 */
import type { Evaluasi } from '../domain/evaluasi';
import { jam, tanggalPendek } from '../domain/letters/format';

/** One table: its sheet name, title, column titles and widths (characters), and rows of cells. */
export type TabelEvaluasi = {
  kunci: string;
  lembar: string;
  judul: string;
  kolom: readonly { judul: string; lebar: number }[];
  baris: (string | number)[][];
};

/** `23-11-2026 10.00` (WIB), empty when unknown. */
export const waktuWib = (iso: string | null): string => (iso ? `${tanggalPendek(iso)} ${jam(iso)}` : '');

const angka = (value: number | null): string | number => (value === null ? '–' : value);
const persen = (value: number | null): string =>
  value === null ? '–' : `${value.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

/**
 * The five tables of the report: volume and on-time share per service, time per step, time
 * per role, overdue items, and complaints (by state at the quarter's end and by timer; empty
 * when no complaint workflow is registered). Takes the computed evaluation; returns the tables.
 */
export const tabelEvaluasi = (evaluasi: Evaluasi): TabelEvaluasi[] => {
  const menit = `(${evaluasi.satuanWaktu})`;
  return [
    {
      kunci: 'layanan',
      lembar: 'Volume layanan',
      judul: 'Volume dan ketepatan waktu per layanan',
      kolom: [
        { judul: 'Layanan', lebar: 36 },
        { judul: 'Masuk', lebar: 9 },
        { judul: 'Selesai', lebar: 9 },
        { judul: 'Selesai tepat waktu', lebar: 11 },
        { judul: 'Selesai terlambat', lebar: 11 },
        { judul: 'Batal / ditolak', lebar: 10 },
        { judul: 'Belum selesai', lebar: 10 },
        { judul: 'Tanpa tenggat', lebar: 10 },
        { judul: 'Tepat waktu (%)', lebar: 11 },
        { judul: 'Terlambat (termasuk sebelum triwulan)', lebar: 14 },
      ],
      baris: evaluasi.layanan.map((l) => [
        l.layanan,
        l.masuk,
        l.selesai,
        l.tepatWaktu,
        l.selesaiTerlambat,
        l.batal,
        l.terbuka,
        l.tanpaTenggat,
        persen(l.persenTepatWaktu),
        l.terlambat,
      ]),
    },
    {
      kunci: 'langkah',
      lembar: 'Waktu per langkah',
      judul: `Waktu per langkah ${menit}`,
      kolom: [
        { judul: 'Layanan', lebar: 30 },
        { judul: 'Langkah', lebar: 30 },
        { judul: 'Dari tahap', lebar: 22 },
        { judul: 'Ke tahap', lebar: 22 },
        { judul: 'Peran', lebar: 26 },
        { judul: 'Jumlah', lebar: 9 },
        { judul: 'Median (menit kerja)', lebar: 12 },
        { judul: 'Persentil 90 (menit kerja)', lebar: 12 },
      ],
      baris: evaluasi.langkah.map((l) => [l.layanan, l.langkah, l.dari, l.ke, l.peran, l.jumlah, angka(l.medianMenit), angka(l.p90Menit)]),
    },
    {
      kunci: 'peran',
      lembar: 'Waktu per peran',
      judul: `Waktu per peran ${menit}`,
      kolom: [
        { judul: 'Peran', lebar: 40 },
        { judul: 'Jumlah langkah', lebar: 10 },
        { judul: 'Median (menit kerja)', lebar: 12 },
        { judul: 'Persentil 90 (menit kerja)', lebar: 12 },
      ],
      baris: evaluasi.peran.map((p) => [p.peran, p.jumlah, angka(p.medianMenit), angka(p.p90Menit)]),
    },
    {
      kunci: 'terlambat',
      lembar: 'Terlambat',
      judul: 'Naskah dan pengaduan yang melewati tenggat',
      kolom: [
        { judul: 'Layanan', lebar: 28 },
        { judul: 'Nomor', lebar: 16 },
        { judul: 'Perihal', lebar: 30 },
        { judul: 'Diterima (WIB)', lebar: 16 },
        { judul: 'Tenggat (WIB)', lebar: 16 },
        { judul: 'Selesai (WIB)', lebar: 16 },
        { judul: 'Keadaan', lebar: 24 },
        { judul: 'Tahap pada akhir triwulan', lebar: 22 },
        { judul: 'Lewat tenggat (menit kerja)', lebar: 12 },
      ],
      baris: evaluasi.terlambat.map((t) => [
        t.layanan,
        t.nomor ?? '',
        t.perihal ?? '',
        waktuWib(t.masuk),
        waktuWib(t.tenggat),
        waktuWib(t.selesai),
        t.keadaan,
        t.tahap,
        t.lewatMenit,
      ]),
    },
    {
      kunci: 'pengaduanTahap',
      lembar: 'Pengaduan per status',
      judul: 'Pengaduan menurut status pada akhir triwulan',
      kolom: [
        { judul: 'Status', lebar: 34 },
        { judul: 'Jumlah', lebar: 10 },
      ],
      baris: (evaluasi.pengaduan?.perTahap ?? []).map((t) => [t.label, t.jumlah]),
    },
    {
      kunci: 'pengaduanTimer',
      lembar: 'Pengaduan per tenggat',
      judul: 'Pengaduan menurut tenggat (pengakuan, respons, penyelesaian)',
      kolom: [
        { judul: 'Tenggat', lebar: 34 },
        { judul: 'Tepat waktu', lebar: 10 },
        { judul: 'Terlambat', lebar: 10 },
        { judul: 'Masih berjalan', lebar: 10 },
        { judul: 'Tanpa tenggat', lebar: 10 },
      ],
      baris: (evaluasi.pengaduan?.perTimer ?? []).map((t) => [t.label, t.tepat, t.terlambat, t.berjalan, t.tanpaTenggat]),
    },
  ];
};

const JUDUL_DOCX: Record<string, string> = {
  layanan: 'judulLayanan',
  langkah: 'judulLangkah',
  peran: 'judulPeran',
  terlambat: 'judulTerlambat',
  pengaduanTahap: 'judulPengaduanTahap',
  pengaduanTimer: 'judulPengaduanTimer',
};

/**
 * The data of templates/evaluasi-kinerja.docx: the letterhead and print line (`umum`, from
 * dataUmum), the quarter, the unit, and per table `judul<Tabel>`, the column titles
 * `<tabel>_h0`… and the rows `<tabel>: [{ c0, c1, … }]` (cells as text).
 */
export const dataEvaluasiDocx = (evaluasi: Evaluasi, umum: Record<string, unknown>): Record<string, unknown> => {
  const data: Record<string, unknown> = { ...umum, triwulan: evaluasi.triwulan.label, satuanWaktu: evaluasi.satuanWaktu };
  for (const tabel of tabelEvaluasi(evaluasi)) {
    data[JUDUL_DOCX[tabel.kunci]] = tabel.judul;
    tabel.kolom.forEach((kolom, index) => {
      data[`${tabel.kunci}_h${index}`] = kolom.judul;
    });
    data[tabel.kunci] = tabel.baris.map((baris) => Object.fromEntries(baris.map((value, index) => [`c${index}`, String(value)])));
  }
  return data;
};
