/**
 * Number formats as settings: `{nomor}` or `{nomor:4}` (zero-padded), `{tahun}`,
 * `{bulan}` (01–12), `{bulan-romawi}` (I–XII), `{kode}` (kode klasifikasi).
 * Letter numbers follow `kode-klasifikasi/nomor-urut/bulan-romawi/tahun`, e.g. 060/040/III/2022.
 */
export const DEFAULT_AGENDA_FORMAT = '{nomor:4}/{tahun}';
/** The kriptogram book's default: a `K-` prefix, so its numbers are never read as the berita book's. */
export const DEFAULT_KRIPTOGRAM_AGENDA_FORMAT = 'K-{nomor:4}/{tahun}';
export const DEFAULT_LETTER_FORMAT = '{kode}/{nomor:3}/{bulan-romawi}/{tahun}';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export const bulanRomawi = (month: number): string => {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Bulan tidak sah: ${month}`);
  return ROMAN[month - 1];
};

/**
 * The year and month (1–12) of a local date `YYYY-MM-DD` — the office's date of one declared
 * moment (the service calendar's `localDate`, WIB for Meja Sandi; see services/clock.ts): the
 * time parts of a number all come from it. 31 Dec 2026 17.00 UTC is `2027-01-01` in WIB →
 * { tahun: 2027, bulan: 1 }.
 */
export const numberMoment = (tanggal: string): { tahun: number; bulan: number } => ({
  tahun: Number(tanggal.slice(0, 4)),
  bulan: Number(tanggal.slice(5, 7)),
});

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

/**
 * {@link formatNumber} as a PostgreSQL expression over the integer column or expression
 * `nomorSql` (e.g. `nomor.terakhir`), for a statement that draws the number and writes it at
 * once (the agenda effect, issue 14): every part but the number is known beforehand and goes in
 * as a bound text (`?`), the number as `lpad(n::text, greatest(width, length(n::text)), '0')`,
 * zero-padded and never cut, as `padStart` does. Returns the expression and its bindings, in
 * order; throws as formatNumber does on an invalid pattern.
 */
export const formatNumberSql = (pattern: string, parts: Omit<NumberParts, 'nomor'>, nomorSql: string): { sql: string; bindings: string[] } => {
  validateFormat(pattern);
  const pieces: string[] = [];
  const bindings: string[] = [];
  const text = (value: string) => {
    if (value === '') return;
    pieces.push('?::text');
    bindings.push(value);
  };
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    text(pattern.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    const [, token, width] = match;
    if (token.startsWith('nomor')) {
      pieces.push(`lpad((${nomorSql})::text, greatest(${width ? Number(width) : 0}, length((${nomorSql})::text)), '0')`);
    } else {
      // the other tokens do not depend on the number: formatted here, once
      text(formatNumber(`{nomor}${match[0]}`, { ...parts, nomor: 0 }).slice(1));
    }
  }
  text(pattern.slice(last));
  return { sql: pieces.join(' || '), bindings };
};
