/** Indonesian forms of dates, numbers, classifications and copy numbers for official letters. */
import { WIB_OFFSET_MS } from '../calendar';

export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

/** A blank to be filled by hand on paper. */
export const ISIAN_KOSONG = '……………………………';

type Waktu = string | Date | null | undefined;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar parts of a moment as seen in Asia/Jakarta; a plain `YYYY-MM-DD` is taken as that date. */
const bagianWaktu = (value: Waktu): { tahun: number; bulan: number; tanggal: number; hari: number; jam: number; menit: number } | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const plain = DATE_ONLY.exec(value);
    if (plain) {
      const utc = new Date(Date.UTC(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3])));
      return { tahun: utc.getUTCFullYear(), bulan: utc.getUTCMonth(), tanggal: utc.getUTCDate(), hari: utc.getUTCDay(), jam: 0, menit: 0 };
    }
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const local = new Date(date.getTime() + WIB_OFFSET_MS);
  return {
    tahun: local.getUTCFullYear(),
    bulan: local.getUTCMonth(),
    tanggal: local.getUTCDate(),
    hari: local.getUTCDay(),
    jam: local.getUTCHours(),
    menit: local.getUTCMinutes(),
  };
};

/** `2026-11-23T03:00:00Z` or `2026-11-23` → `23 November 2026` (empty when unknown). */
export const tanggalPanjang = (value: Waktu): string => {
  const bagian = bagianWaktu(value);
  return bagian ? `${bagian.tanggal} ${BULAN[bagian.bulan]} ${bagian.tahun}` : '';
};

/** `2026-11-23T03:00:00Z` → `Senin, 23 November 2026`. */
export const hariTanggal = (value: Waktu): string => {
  const bagian = bagianWaktu(value);
  return bagian ? `${HARI[bagian.hari]}, ${bagian.tanggal} ${BULAN[bagian.bulan]} ${bagian.tahun}` : '';
};

/** `2026-11-23T03:05:00Z` → `10.05` (WIB, with the Indonesian dot). */
export const jam = (value: Waktu): string => {
  const bagian = bagianWaktu(value);
  return bagian ? `${String(bagian.jam).padStart(2, '0')}.${String(bagian.menit).padStart(2, '0')}` : '';
};

/** `2026-11-23T03:05:00Z` → `23 November 2026 pukul 10.05 WIB`. */
export const waktuPanjang = (value: Waktu): string => {
  const tanggal = tanggalPanjang(value);
  return tanggal ? `${tanggal} pukul ${jam(value)} WIB` : '';
};

/** `2026-11-23T03:05:00Z` → `23-11-2026` (for narrow table columns). */
export const tanggalPendek = (value: Waktu): string => {
  const bagian = bagianWaktu(value);
  return bagian ? `${String(bagian.tanggal).padStart(2, '0')}-${String(bagian.bulan + 1).padStart(2, '0')}-${bagian.tahun}` : '';
};

const SATUAN = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** A whole number in Indonesian words: 3 → `tiga`, 1250 → `seribu dua ratus lima puluh`. */
export const terbilang = (angka: number): string => {
  if (!Number.isInteger(angka) || angka < 0 || angka >= 1e12) throw new Error(`Angka tidak dapat dieja: ${angka}`);
  if (angka === 0) return 'nol';
  const eja = (n: number): string => {
    if (n < 12) return SATUAN[n];
    if (n < 20) return `${eja(n - 10)} belas`;
    if (n < 100) return `${eja(Math.floor(n / 10))} puluh${n % 10 ? ` ${eja(n % 10)}` : ''}`;
    if (n < 200) return `seratus${n > 100 ? ` ${eja(n - 100)}` : ''}`;
    if (n < 1000) return `${eja(Math.floor(n / 100))} ratus${n % 100 ? ` ${eja(n % 100)}` : ''}`;
    if (n < 2000) return `seribu${n > 1000 ? ` ${eja(n - 1000)}` : ''}`;
    if (n < 1e6) return `${eja(Math.floor(n / 1000))} ribu${n % 1000 ? ` ${eja(n % 1000)}` : ''}`;
    if (n < 1e9) return `${eja(Math.floor(n / 1e6))} juta${n % 1e6 ? ` ${eja(n % 1e6)}` : ''}`;
    return `${eja(Math.floor(n / 1e9))} miliar${n % 1e9 ? ` ${eja(n % 1e9)}` : ''}`;
  };
  return eja(angka);
};

/** `2` → `2 (dua)`, the legal style for counts. */
export const angkaTerbilang = (angka: number): string => `${angka} (${terbilang(angka)})`;

/** `Salinan ke-1 dari 3`. */
export const salinanKe = (nomor: number, jumlah: number): string => `Salinan ke-${nomor} dari ${jumlah}`;

export const SIFAT = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type Sifat = (typeof SIFAT)[number];

export const SIFAT_LABEL: Record<Sifat, string> = {
  biasa: 'Biasa',
  terbatas: 'Terbatas',
  rahasia: 'Rahasia',
  sangat_rahasia: 'Sangat Rahasia',
};

export const asSifat = (value: unknown): Sifat => (SIFAT.includes(value as Sifat) ? (value as Sifat) : 'biasa');

/** The classification stamped at the top and bottom of a page: `RAHASIA`; nothing for Biasa. */
export const tandaKlasifikasi = (sifat: Sifat): string => (sifat === 'biasa' ? '' : SIFAT_LABEL[sifat].toUpperCase());

/** Rahasia and Sangat Rahasia: copy numbers, one receipt per copy, each download audited. */
export const isRahasia = (sifat: Sifat): boolean => sifat === 'rahasia' || sifat === 'sangat_rahasia';

export const DERAJAT_LABEL: Record<string, string> = {
  biasa: 'Biasa',
  segera: 'Segera',
  amat_segera: 'Amat Segera',
};

export const derajatLabel = (value: unknown): string => DERAJAT_LABEL[String(value)] ?? '';

/** `197001011990031001` → `19700101 199003 1 001` (birth date, appointment, sex, serial); anything else as given. */
export const formatNip = (nip: string | null | undefined): string => {
  const digits = (nip ?? '').replace(/\s+/g, '');
  if (/^\d{18}$/.test(digits)) return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
  return (nip ?? '').trim();
};

/** Text for a template: empty for null/undefined, trimmed otherwise. */
export const teks = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());

/** The text, or a dotted blank to fill by hand. */
export const atauIsian = (value: unknown): string => teks(value) || ISIAN_KOSONG;
