/**
 * Complaints (pengaduan), the pure part: what the public may send, the ticket and
 * tracking-code formats, and the timers of Perpres 76/2013 practice (acknowledge,
 * respond, resolve) counted in working days on the service calendar.
 */
import { z } from 'zod';
import { addWorkingDays, type Holidays, type ServiceSchedule } from './calendar';

export const SALURAN = ['web', 'telepon', 'email', 'langsung'] as const;
export type Saluran = (typeof SALURAN)[number];

export const SALURAN_LABEL: Record<Saluran, string> = {
  web: 'Formulir web / API',
  telepon: 'Telepon',
  email: 'E-mail',
  langsung: 'Datang langsung',
};

export const BATAS = {
  namaMin: 2,
  namaMax: 100,
  isiMin: 20,
  isiMax: 5000,
  kontakMax: 254,
  layananMax: 100,
  /** bytes of a request body on the public routes */
  badanMaks: 16 * 1024,
} as const;

// ---------------------------------------------------------------------------
// Text hygiene

// C0 controls except TAB, LF, CR; DEL; C1 controls.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Every control character, line breaks and tabs included: for one-line fields.
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hygienic = (pattern: RegExp) => (value: string) => !pattern.test(value) && !LONE_SURROGATE.test(value);

// ---------------------------------------------------------------------------
// Contact: an e-mail address or an Indonesian mobile number

const EMAIL = z.email();
const PHONE_SEPARATORS = /[\s.\-()]/g;
const MOBILE = /^(?:\+62|62|0)8\d+$/;

export type Kontak = { jenis: 'email'; nilai: string } | { jenis: 'telepon'; nilai: string };

/** `0858-6062-0563` → `+6285860620563`; an e-mail stays as typed (trimmed). Null when neither. */
export const parseKontak = (input: string): Kontak | null => {
  const text = input.trim();
  if (text.includes('@')) {
    return text.length <= BATAS.kontakMax && EMAIL.safeParse(text).success ? { jenis: 'email', nilai: text } : null;
  }
  const compact = text.replace(PHONE_SEPARATORS, '');
  if (!MOBILE.test(compact)) return null;
  const digits = compact.replace(/^\+/, '');
  if (digits.length < 10 || digits.length > 15) return null;
  const national = digits.startsWith('62') ? digits.slice(2) : digits.slice(1);
  return { jenis: 'telepon', nilai: `+62${national}` };
};

export const isEmailKontak = (kontak: string | null | undefined): boolean => typeof kontak === 'string' && parseKontak(kontak)?.jenis === 'email';

// ---------------------------------------------------------------------------
// Field schemas (messages in Indonesian: they reach the public unchanged)

const teks = (label: string) => z.string({ error: `${label} harus berupa teks` });

export const namaSchema = teks('Nama')
  .refine(hygienic(CONTROL_IN_LINE), 'Nama memuat karakter kendali yang tidak diizinkan')
  .transform((value) => value.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(BATAS.namaMin, `Nama minimal ${BATAS.namaMin} karakter`).max(BATAS.namaMax, `Nama paling banyak ${BATAS.namaMax} karakter`));

export const kontakSchema = teks('Kontak')
  .max(BATAS.kontakMax + 40, 'Kontak terlalu panjang')
  .refine(hygienic(CONTROL_IN_LINE), 'Kontak memuat karakter kendali yang tidak diizinkan')
  .transform((value, context) => {
    const kontak = parseKontak(value);
    if (!kontak) {
      context.addIssue({
        code: 'custom',
        message: 'Kontak harus alamat e-mail atau nomor ponsel Indonesia (08…, +628…, atau 628…, 10–15 digit)',
      });
      return z.NEVER;
    }
    return kontak.nilai;
  });

export const isiSchema = teks('Isi pengaduan')
  .refine(hygienic(CONTROL_IN_TEXT), 'Isi pengaduan memuat karakter kendali yang tidak diizinkan')
  .transform((value) => value.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(BATAS.isiMin, `Isi pengaduan minimal ${BATAS.isiMin} karakter`)
      .max(BATAS.isiMax, `Isi pengaduan paling banyak ${BATAS.isiMax} karakter`)
  );

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const layananSchema = teks('Layanan')
  .max(BATAS.layananMax, `Layanan paling banyak ${BATAS.layananMax} karakter`)
  .regex(SLUG, 'Layanan harus berupa slug standar pelayanan (huruf kecil, angka, tanda hubung)');

/** What the public sends, and nothing else: an allow-list. */
export const pengaduanPublikSchema = z
  .object({
    nama: namaSchema,
    kontak: kontakSchema,
    isi: isiSchema,
    layanan: layananSchema.optional(),
  })
  .strict();

export type PengaduanPublik = z.infer<typeof pengaduanPublikSchema>;

export const envelopeSchema = z.object({ data: pengaduanPublikSchema }).strict();

export type Masalah = { path: string[]; message: string };

export type HasilValidasi<T> = { ok: true; data: T } | { ok: false; masalah: Masalah[] };

const LABEL_KOLOM: Record<string, string> = { nama: 'Nama', kontak: 'Kontak', isi: 'Isi pengaduan', layanan: 'Layanan', data: 'Kolom "data"' };

/** A key as it may appear in an error message: printable and short (it comes from the client). */
export const namaKolomAman = (key: string): string => {
  const printable = key.replace(/[^\x20-\x7E]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
};

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined,
    input
  );

const toMasalah = (issues: readonly z.core.$ZodIssue[], input: unknown): Masalah[] =>
  issues.flatMap((issue): Masalah[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, namaKolomAman(key)],
        message: `Kolom "${namaKolomAman(key)}" tidak dikenal`,
      }));
    }
    const field = path[path.length - 1];
    if (issue.code === 'invalid_type' && path.length > 0 && valueAt(input, issue.path) === undefined) {
      return [{ path, message: `${LABEL_KOLOM[field] ?? field} wajib diisi` }];
    }
    if (issue.code === 'invalid_type' && path.length === 0) {
      return [{ path, message: 'Badan permintaan harus berupa objek JSON { "data": { … } }' }];
    }
    if (issue.code === 'invalid_type' && field === 'data') {
      return [{ path, message: 'Kolom "data" harus berupa objek berisi nama, kontak, isi, dan layanan (opsional)' }];
    }
    return [{ path, message: issue.message }];
  });

/** Validates the JSON body `{ data: { nama, kontak, isi, layanan? } }`. */
export const validateEnvelope = (body: unknown): HasilValidasi<PengaduanPublik> => {
  const parsed = envelopeSchema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data.data } : { ok: false, masalah: toMasalah(parsed.error.issues, body) };
};

/** Validates the fields of the HTML form (an empty layanan means none). */
export const validateFields = (fields: Record<string, string | undefined>): HasilValidasi<PengaduanPublik> => {
  const candidate = {
    nama: fields.nama ?? '',
    kontak: fields.kontak ?? '',
    isi: fields.isi ?? '',
    ...(fields.layanan ? { layanan: fields.layanan } : {}),
  };
  const parsed = pengaduanPublikSchema.safeParse(candidate);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, masalah: toMasalah(parsed.error.issues, candidate) };
};

/** One sentence naming every problem, for the `message` of a 400. */
export const ringkasMasalah = (masalah: readonly Masalah[]): string => `Pengaduan tidak dapat diterima: ${masalah.map((m) => m.message).join('; ')}.`;

// ---------------------------------------------------------------------------
// Staff-recorded complaints (content manager): same rules, contact optional

export const pengaduanPetugasSchema = z.object({
  nama: namaSchema.optional(),
  kontak: kontakSchema.optional(),
  isi: teks('Isi pengaduan')
    .refine(hygienic(CONTROL_IN_TEXT), 'Isi pengaduan memuat karakter kendali yang tidak diizinkan')
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'Isi pengaduan wajib diisi').max(BATAS.isiMax, `Isi pengaduan paling banyak ${BATAS.isiMax} karakter`))
    .optional(),
  layanan: layananSchema.optional(),
});

export const validatePetugas = (data: Record<string, unknown>): HasilValidasi<z.infer<typeof pengaduanPetugasSchema>> => {
  const candidate = Object.fromEntries(
    ['nama', 'kontak', 'isi', 'layanan'].filter((key) => key in data && data[key] !== null && data[key] !== '').map((key) => [key, data[key]])
  );
  const parsed = pengaduanPetugasSchema.safeParse(candidate);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, masalah: toMasalah(parsed.error.issues, candidate) };
};

// ---------------------------------------------------------------------------
// Ticket and tracking code

export const BUKU_PENGADUAN = 'pengaduan';
const NOMOR_TIKET = /^ADU-(\d{4})-(\d{6,9})$/;

/** What precedes the number in a year's tickets (`ADU-2026-`); the number has at least NOMOR_TIKET_DIGIT digits. */
export const awalanNomorTiket = (tahun: number): string => `ADU-${tahun}-`;

/** The ticket number's minimum width (zero-padded); larger numbers keep all their digits. */
export const NOMOR_TIKET_DIGIT = 6;

/** `ADU-2026-000123`: per-year sequence from the `pengaduan` agenda book. */
export const formatNomorTiket = (tahun: number, nomor: number): string =>
  `${awalanNomorTiket(tahun)}${String(nomor).padStart(NOMOR_TIKET_DIGIT, '0')}`;

/** The canonical ticket number, or null when the text cannot be one. */
export const normalizeNomorTiket = (input: unknown): string | null => {
  if (typeof input !== 'string' || input.length > 30) return null;
  const text = input.trim().toUpperCase();
  return NOMOR_TIKET.test(text) ? text : null;
};

// Crockford base32: no I, L, O, U; case-insensitive; I/L read as 1, O as 0.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const KODE_LACAK_BYTES = 10;
const KODE_LACAK_LENGTH = 16;

/** 10 random bytes (80 bits) → `ABCD-EFGH-JKMN-PQRS`. */
export const formatKodeLacak = (bytes: Uint8Array): string => {
  if (bytes.length !== KODE_LACAK_BYTES) throw new Error(`Kode lacak membutuhkan ${KODE_LACAK_BYTES} byte acak.`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
};

/** What a person typed → the canonical code (`ABCD-EFGH-JKMN-PQRS`), or null. */
export const normalizeKodeLacak = (input: unknown): string | null => {
  if (typeof input !== 'string' || input.length > 40) return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== KODE_LACAK_LENGTH || [...compact].some((c) => !CROCKFORD.includes(c))) return null;
  return compact.match(/.{4}/g)!.join('-');
};

// ---------------------------------------------------------------------------
// Timers

/** Working days for acknowledgment, response and resolution. */
export type PengaduanTimers = { pengakuan: number; respons: number; penyelesaian: number };

export const DEFAULT_TIMERS: PengaduanTimers = { pengakuan: 3, respons: 14, penyelesaian: 60 };

export type TenggatPengaduan = { tenggatPengakuan: Date; tenggatRespons: Date; tenggatPenyelesaian: Date };

export const hitungTenggat = (diterima: Date, timers: PengaduanTimers, schedule: ServiceSchedule, holidays: Holidays): TenggatPengaduan => ({
  tenggatPengakuan: addWorkingDays(diterima, timers.pengakuan, schedule, holidays),
  tenggatRespons: addWorkingDays(diterima, timers.respons, schedule, holidays),
  tenggatPenyelesaian: addWorkingDays(diterima, timers.penyelesaian, schedule, holidays),
});

/** The deadline that matters in a state: acknowledge while new, answer while in hand, resolve once escalated. */
export const tenggatAktif = <T>(tahap: string, tenggat: { tenggatPengakuan: T; tenggatRespons: T; tenggatPenyelesaian: T }): T | null => {
  switch (tahap) {
    case 'diterima':
      return tenggat.tenggatPengakuan;
    case 'diproses':
      return tenggat.tenggatRespons;
    case 'diteruskan_ke_pejabat':
      return tenggat.tenggatPenyelesaian;
    default:
      return null;
  }
};

export const parseTimers = (input: Partial<Record<keyof PengaduanTimers, unknown>>): PengaduanTimers => {
  const read = (key: keyof PengaduanTimers): number => {
    const value = input[key] ?? DEFAULT_TIMERS[key];
    const days = Number(value);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error(`Tenggat pengaduan "${key}" harus bilangan bulat 1–365 hari kerja, diterima ${String(value)}.`);
    }
    return days;
  };
  return { pengakuan: read('pengakuan'), respons: read('respons'), penyelesaian: read('penyelesaian') };
};
