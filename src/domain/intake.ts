import { createHash } from 'crypto';
import { printableText } from './input';

/**
 * Pure rules of the Sanapati mailbox intake (SOP "Penerimaan Berita Biasa Email Sanapati",
 * step 1: "Operator Transmisi Sandi membuka email Sanapati"): settings, the de-duplication
 * key, what a berita takes from a message, and the suggestions the Operator confirms in step 2.
 */

/** The intake's settings, read from `SANAPATI_IMAP_*` (names fixed in DESIGN.md "Sanapati mailbox intake"). */
export type IntakeSettings = {
  host: string;
  /** TCP port, 1–65535 (default 993) */
  port: number;
  /** true = TLS from the start; false = plain, STARTTLS when the server offers it */
  secure: boolean;
  user: string;
  password: string;
  /** folder read for new messages (default INBOX) */
  folder: string;
  /** folder processed messages are moved to, created when missing (default Diproses) */
  folderSelesai: string;
  /** seconds between polls when the server offers no IDLE (and the longest wait with IDLE), 1–86400 (default 60) */
  pollSeconds: number;
};

/** Settings that cannot be used; `problems` are Indonesian sentences, one per variable. */
export class IntakeSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Pengaturan kotak surat Sanapati tidak sah: ${problems.join(' ')}`);
    this.name = 'IntakeSettingsError';
  }
}

const integerIn = (name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number => {
  const text = (raw ?? '').trim();
  if (text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    problems.push(`${name} harus bilangan bulat ${min}–${max} (sekarang "${text}").`);
    return fallback;
  }
  return Number(text);
};

/**
 * Reads the intake settings from an environment.
 * Takes the variables (`SANAPATI_IMAP_HOST`, `_PORT`, `_SECURE`, `_USER`, `_PASSWORD` or
 * `_PASSWORD_FILE`, `_FOLDER`, `_FOLDER_SELESAI`, `_POLL_SECONDS`) and `readSecret`, which
 * returns the content of a secret file (trailing line breaks are dropped).
 * Returns null when `SANAPATI_IMAP_HOST` is empty (intake off), else the settings.
 * Throws IntakeSettingsError (Indonesian, every problem at once) on unusable values.
 */
export const parseIntakeSettings = (
  env: Readonly<Record<string, string | undefined>>,
  readSecret: (file: string) => string
): IntakeSettings | null => {
  const host = (env.SANAPATI_IMAP_HOST ?? '').trim();
  if (host === '') return null;
  const problems: string[] = [];
  const port = integerIn('SANAPATI_IMAP_PORT', env.SANAPATI_IMAP_PORT, 993, 1, 65535, problems);
  const secureText = (env.SANAPATI_IMAP_SECURE ?? '').trim().toLowerCase();
  if (secureText !== '' && secureText !== 'true' && secureText !== 'false') {
    problems.push(`SANAPATI_IMAP_SECURE harus "true" atau "false" (sekarang "${env.SANAPATI_IMAP_SECURE}").`);
  }
  const user = (env.SANAPATI_IMAP_USER ?? '').trim();
  if (user === '') problems.push('SANAPATI_IMAP_USER wajib diisi bila SANAPATI_IMAP_HOST diisi.');
  const direct = env.SANAPATI_IMAP_PASSWORD ?? '';
  const file = (env.SANAPATI_IMAP_PASSWORD_FILE ?? '').trim();
  let password = direct;
  if (direct !== '' && file !== '') {
    problems.push('Isi salah satu saja: SANAPATI_IMAP_PASSWORD atau SANAPATI_IMAP_PASSWORD_FILE.');
  } else if (file !== '') {
    try {
      password = readSecret(file).replace(/[\r\n]+$/, '');
    } catch (error: unknown) {
      problems.push(`Berkas SANAPATI_IMAP_PASSWORD_FILE (${file}) tidak dapat dibaca: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }
  if (password === '' && !problems.some((problem) => problem.includes('PASSWORD'))) {
    problems.push('SANAPATI_IMAP_PASSWORD atau SANAPATI_IMAP_PASSWORD_FILE wajib diisi bila SANAPATI_IMAP_HOST diisi.');
  }
  const folder = (env.SANAPATI_IMAP_FOLDER ?? '').trim() || 'INBOX';
  const folderSelesai = (env.SANAPATI_IMAP_FOLDER_SELESAI ?? '').trim() || 'Diproses';
  if (folder.toLowerCase() === folderSelesai.toLowerCase()) {
    problems.push('SANAPATI_IMAP_FOLDER dan SANAPATI_IMAP_FOLDER_SELESAI harus folder yang berbeda.');
  }
  const pollSeconds = integerIn('SANAPATI_IMAP_POLL_SECONDS', env.SANAPATI_IMAP_POLL_SECONDS, 60, 1, 86400, problems);
  if (problems.length > 0) throw new IntakeSettingsError(problems);
  return { host, port, secure: secureText === '' ? true : secureText === 'true', user, password, folder, folderSelesai, pollSeconds };
};

/** Lower-case hex SHA-256 of bytes. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The identity of a message for de-duplication: `mid:` + SHA-256 of its Message-ID (angle
 * brackets and surrounding space removed), or, without a Message-ID, `raw:` + SHA-256 of its
 * raw bytes. Never the mailbox UID: UIDs change when a mailbox is rebuilt or the message
 * moves, which is how mail importers skip or re-import mail (Paperless-ngx's complaints).
 * Takes the Message-ID header value (or undefined) and the raw message; returns a 68-char key.
 */
export const dedupeKey = (messageId: string | undefined | null, raw: Uint8Array): string => {
  const id = normaliseMessageId(messageId);
  return id ? `mid:${sha256Hex(id)}` : `raw:${sha256Hex(raw)}`;
};

/** `" <abc@host> "` → `abc@host`; empty or missing → null. */
export const normaliseMessageId = (messageId: string | undefined | null): string | null => {
  const id = (messageId ?? '').trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return id === '' ? null : id;
};

/** "(tanpa perihal)": the perihal of a message without a subject (DESIGN.md). */
export const NO_SUBJECT = '(tanpa perihal)';

// control characters a mail header may carry are dropped, as the input policy would refuse them
const collapse = (text: string): string => printableText(text).replace(/\s+/g, ' ').trim();
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The berita's `perihal` from a decoded Subject: spaces collapsed, at most 300 characters, NO_SUBJECT when empty. */
export const perihalOf = (subject: string | undefined | null): string => {
  const text = collapse(subject ?? '');
  return text === '' ? NO_SUBJECT : clip(text, 300);
};

/** The berita's `pengirim` from the first From mailbox: `Nama <alamat>`, or the address alone; null without an address. At most 200 characters. */
export const pengirimOf = (from: { name?: string | null; address?: string | null } | undefined | null): string | null => {
  const address = collapse(from?.address ?? '');
  if (address === '') return null;
  const name = collapse(from?.name ?? '').replace(/^"|"$/g, '');
  return clip(name && name.toLowerCase() !== address.toLowerCase() ? `${name} <${address}>` : address, 200);
};

/**
 * When the mailbox received a message that came as a file (no IMAP INTERNALDATE): the date of
 * the topmost `Received:` header (the last hop, added by the receiving server), else the
 * `Date:` header, else `now`. Takes the Received values top first.
 */
export const receivedTimeOf = (received: readonly string[], date: Date | undefined | null, now: Date): Date => {
  for (const value of received) {
    const stamp = value.slice(value.lastIndexOf(';') + 1).trim();
    const parsed = stamp ? new Date(stamp.replace(/\s*\([^)]*\)\s*$/, '')) : null;
    if (value.includes(';') && parsed && !Number.isNaN(parsed.getTime())) return parsed;
  }
  return date && !Number.isNaN(date.getTime()) ? date : now;
};

/**
 * Why a parsed message cannot become a berita, or null when it can. A berita needs a sender
 * (`pengirim` is required), and a file without any header is not an e-mail message at all.
 * Takes the number of header fields and the From mailbox; returns an Indonesian reason.
 */
export const malformedReason = (headerCount: number, from: { address?: string | null } | undefined | null): string | null => {
  if (headerCount === 0) return 'Berkas bukan pesan e-mail: tidak ada kepala pesan (header) yang dapat dibaca.';
  if (!collapse(from?.address ?? '')) return 'Pesan tidak memiliki alamat pengirim (kepala From) yang dapat dibaca.';
  return null;
};

/** What the message itself says about the letter; the Operator confirms it in step 2 (diperiksa). */
export type Suggestions = { nomorSurat: string | null; tanggalSurat: string | null };

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  pebruari: 2,
  february: 2,
  maret: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  agustus: 8,
  agt: 8,
  agu: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  nopember: 11,
  desember: 12,
  des: 12,
  dec: 12,
  december: 12,
};

const isoDate = (year: number, month: number, day: number): string | null => {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

const DATE_PATTERNS: readonly { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  // 12 November 2026, 1 Agt 2026
  {
    re: /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b/,
    read: (m) => (MONTHS[m[2].toLowerCase()] ? isoDate(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1])) : null),
  },
  // 2026-11-12
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, read: (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 12-11-2026, 12/11/2026, 12.11.2026 (day first, as written in Indonesia)
  { re: /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/, read: (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1])) },
];

const findDate = (text: string): string | null => {
  let best: { index: number; value: string } | null = null;
  for (const { re, read } of DATE_PATTERNS) {
    const global = new RegExp(re.source, 'g');
    for (let m = global.exec(text); m; m = global.exec(text)) {
      const value = read(m);
      if (value && (!best || m.index < best.index)) best = { index: m.index, value };
      if (value) break;
    }
  }
  return best?.value ?? null;
};

// A letter number: parts separated by "/", at least three, ending in a year
// (B-123/BSSN/11/2026, 060/040/III/2022, 005/1.2/Diskominfo/2026).
const NOMOR_RE = /(?<![\w/])([A-Za-z0-9][\w.-]{0,30}(?:\/[\w.-]{1,40}){1,6}\/(?:19|20)\d{2})(?![\w/])/;
const LABELLED_NOMOR = /\b(?:nomor|no)\s*(?:surat)?\s*[.:]\s*([^\s,;]{3,100})/i;
const LABELLED_TANGGAL = /\b(?:tanggal|tgl)\s*(?:surat)?\s*[.:]?\s*([^\n]{6,40})/i;

/**
 * Suggestions for step 2 from the subject and the plain-text body: a labelled "Nomor:" /
 * "Tanggal:" wins, else the first letter-number-shaped token (the Tata Naskah Dinas form
 * `kode/nomor/…/tahun`) and the first date (`12 November 2026`, `2026-11-12`, `12-11-2026`,
 * day first). Dates are calendar dates `YYYY-MM-DD` (no time zone). Nothing found → null.
 */
export const suggestFromMessage = (subject: string | undefined | null, body: string | undefined | null): Suggestions => {
  const texts = [subject ?? '', (body ?? '').slice(0, 20000)];
  let nomorSurat: string | null = null;
  let tanggalSurat: string | null = null;
  for (const text of texts) {
    const labelled = LABELLED_NOMOR.exec(text);
    if (!nomorSurat && labelled && /\d/.test(labelled[1])) nomorSurat = labelled[1].replace(/[.)]+$/, '');
    const tanggal = LABELLED_TANGGAL.exec(text);
    if (!tanggalSurat && tanggal) tanggalSurat = findDate(tanggal[1]);
  }
  for (const text of texts) {
    if (!nomorSurat) nomorSurat = NOMOR_RE.exec(text)?.[1] ?? null;
    if (!tanggalSurat) tanggalSurat = findDate(text);
  }
  return { nomorSurat: nomorSurat ? nomorSurat.slice(0, 100) : null, tanggalSurat };
};
