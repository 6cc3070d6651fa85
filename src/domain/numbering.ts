import { localDate } from './calendar';

/**
 * Number formats as settings: `{nomor}` or `{nomor:4}` (zero-padded), `{tahun}`,
 * `{bulan}` (01–12), `{bulan-romawi}` (I–XII), `{kode}` (kode klasifikasi).
 * Letter numbers follow `kode-klasifikasi/nomor-urut/bulan-romawi/tahun`, e.g. 060/040/III/2022.
 */
export const DEFAULT_AGENDA_FORMAT = '{nomor:4}/{tahun}';
export const DEFAULT_LETTER_FORMAT = '{kode}/{nomor:3}/{bulan-romawi}/{tahun}';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export const bulanRomawi = (month: number): string => {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Bulan tidak sah: ${month}`);
  return ROMAN[month - 1];
};

/**
 * The year and month (1–12) of a moment as read in WIB (Asia/Jakarta, UTC+7, no DST): the
 * time parts of a number all come from this, from one declared moment (see src/clock.ts).
 * 31 Dec 2026 17.00 UTC = 1 Jan 2027 00.00 WIB → { tahun: 2027, bulan: 1 }.
 */
export const numberMoment = (instant: Date): { tahun: number; bulan: number } => {
  const date = localDate(instant);
  return { tahun: Number(date.slice(0, 4)), bulan: Number(date.slice(5, 7)) };
};

export type NumberParts = { nomor: number; tahun: number; bulan?: number; kode?: string };

const TOKEN = /\{(nomor(?::(\d{1,2}))?|tahun|bulan|bulan-romawi|kode)\}/g;

export const validateFormat = (pattern: string): void => {
  if (!pattern.includes('{nomor')) throw new Error(`Format penomoran "${pattern}" harus memuat {nomor}.`);
  const unknown = pattern.replace(TOKEN, '').match(/\{[^}]*\}/);
  if (unknown) throw new Error(`Format penomoran "${pattern}" memuat penanda tidak dikenal ${unknown[0]}.`);
};

export const formatNumber = (pattern: string, parts: NumberParts): string => {
  validateFormat(pattern);
  return pattern.replace(TOKEN, (_match, token: string, width?: string) => {
    if (token.startsWith('nomor')) return String(parts.nomor).padStart(width ? Number(width) : 0, '0');
    if (token === 'tahun') return String(parts.tahun);
    if (token === 'bulan') return String(parts.bulan ?? 1).padStart(2, '0');
    if (token === 'bulan-romawi') return bulanRomawi(parts.bulan ?? 1);
    return parts.kode ?? '';
  });
};

/** A number as a file-name fragment: `0012/2026` → `0012-2026`. */
export const fileSafe = (nomor: string): string => nomor.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '');
