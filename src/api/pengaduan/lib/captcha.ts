/**
 * Bot checks of the HTML form, none of which needs JavaScript:
 *  - a honeypot field people never see (must stay empty);
 *  - a signed form token with the time it was issued: a submission sooner than the
 *    configured minimum or older than two hours is refused; a second use of the token
 *    answers with the complaint it filed (./idempotensi.ts), never with a second one;
 *  - a small sum to solve ("Berapa 3 + 4?"), whose answer is bound into the token.
 * With JavaScript, public/assets/pengaduan.js solves an ALTCHA proof-of-work
 * challenge (altcha-lib, offline, HMAC-signed, bound to the same token) and sends it
 * instead of the sum, which it hides. The JSON API has no captcha: it is for
 * programs, and the per-client rate limit applies to both.
 */
import crypto from 'crypto';
import type * as AltchaV1 from 'altcha-lib/dist/cjs/v1/index';
import type { Payload as AltchaPayload } from 'altcha-lib/dist/cjs/v1/types';
import { subKey, type PengaduanSettings } from './settings';

// altcha-lib publishes v1 only under its `exports` map, which TypeScript's node10 resolution cannot read.
const altcha = require('altcha-lib/v1') as typeof AltchaV1;

export const HONEYPOT_FIELD = 'situs_web';
const TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
const ALTCHA_MAX_NUMBER = 50_000;

export type Tantangan = {
  token: string;
  soal: string;
  /** JSON of the ALTCHA challenge for the script */
  altcha: string;
};

const b64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

const sign = (settings: PengaduanSettings, text: string): string =>
  crypto.createHmac('sha256', subKey(settings, 'formulir')).update(text).digest('base64url');

const answerTag = (settings: PengaduanSettings, nonce: string, jawaban: string): string =>
  sign(settings, `jawaban\n${nonce}\n${jawaban}`).slice(0, 22);

const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
};

const TERBILANG = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/** A fresh token, sum and proof-of-work challenge for one rendering of the form. */
export const buatTantangan = async (settings: PengaduanSettings, now: Date): Promise<Tantangan> => {
  const nonce = crypto.randomBytes(12).toString('hex');
  const a = crypto.randomInt(1, 10);
  const b = crypto.randomInt(1, 10);
  const payload = b64url(JSON.stringify({ t: now.getTime(), n: nonce, j: answerTag(settings, nonce, String(a + b)) }));
  const challenge = await altcha.createChallenge({
    hmacKey: subKey(settings, 'altcha').toString('hex'),
    maxnumber: ALTCHA_MAX_NUMBER,
    expires: new Date(now.getTime() + TOKEN_TTL_MS),
    params: { n: nonce },
  });
  return {
    token: `${payload}.${sign(settings, payload)}`,
    soal: `Berapa hasil ${TERBILANG[a]} ditambah ${TERBILANG[b]}? Tulis dengan angka.`,
    altcha: JSON.stringify(challenge),
  };
};

/** An authentic form token: its nonce (the form's idempotency key) and until when it is valid. */
export type TokenFormulir = { nonce: string; berlakuSampai: Date };

export type HasilPemeriksaan =
  | ({ ok: true } & TokenFormulir)
  | { ok: false; alasan: 'honeypot' | 'token' | 'terlalu-cepat' | 'kedaluwarsa' | 'jawaban' | 'altcha'; pesan: string };

const GAGAL_TOKEN = 'Formulir tidak sah. Silakan isi ulang formulir ini lalu kirim kembali.';

const decodeToken = (settings: PengaduanSettings, token: string): { t: number; n: string; j: string } | null => {
  if (token.length > 400) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !safeEqual(signature, sign(settings, payload))) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t?: unknown; n?: unknown; j?: unknown };
    return typeof value.t === 'number' && typeof value.n === 'string' && typeof value.j === 'string' ? { t: value.t, n: value.n, j: value.j } : null;
  } catch {
    return null;
  }
};

/** The nonce and expiry of a token this server signed (expired or not), or null for anything else. */
export const bacaToken = (settings: PengaduanSettings, token: string): TokenFormulir | null => {
  const decoded = decodeToken(settings, token);
  return decoded ? { nonce: decoded.n, berlakuSampai: new Date(decoded.t + TOKEN_TTL_MS) } : null;
};

const altchaValid = async (settings: PengaduanSettings, solution: string, nonce: string): Promise<boolean> => {
  if (solution.length > 2000) return false;
  let payload: { algorithm?: unknown; challenge?: unknown; number?: unknown; salt?: unknown; signature?: unknown };
  try {
    payload = JSON.parse(Buffer.from(solution, 'base64').toString('utf8')) as typeof payload;
  } catch {
    return false;
  }
  if (
    payload.algorithm !== 'SHA-256' ||
    typeof payload.challenge !== 'string' ||
    typeof payload.salt !== 'string' ||
    typeof payload.signature !== 'string' ||
    typeof payload.number !== 'number' ||
    !Number.isInteger(payload.number) ||
    payload.number < 0 ||
    payload.number > ALTCHA_MAX_NUMBER
  ) {
    return false;
  }
  const typed = payload as AltchaPayload;
  if (altcha.extractParams(typed).n !== nonce) return false;
  return altcha.verifySolution(typed, subKey(settings, 'altcha').toString('hex'), true);
};

/**
 * Checks the bot defences of one submission. A passing token is returned as the form's
 * idempotency key: the filing records it, so it files one complaint at most.
 */
export const periksaFormulir = async (
  settings: PengaduanSettings,
  fields: Readonly<Record<string, string | undefined>>,
  now: Date
): Promise<HasilPemeriksaan> => {
  if ((fields[HONEYPOT_FIELD] ?? '') !== '') {
    return {
      ok: false,
      alasan: 'honeypot',
      pesan: 'Pengaduan tidak dapat diterima dari formulir ini. Kosongkan kolom yang tersembunyi lalu kirim ulang.',
    };
  }
  const token = decodeToken(settings, fields.token ?? '');
  if (!token) return { ok: false, alasan: 'token', pesan: GAGAL_TOKEN };
  const age = now.getTime() - token.t;
  if (age > TOKEN_TTL_MS || age < -60_000) {
    return {
      ok: false,
      alasan: 'kedaluwarsa',
      pesan: 'Formulir sudah kedaluwarsa (lebih dari 2 jam). Silakan kirim ulang dari formulir yang baru ini.',
    };
  }
  if (age < settings.formulirMsMinimum) {
    return { ok: false, alasan: 'terlalu-cepat', pesan: 'Formulir dikirim terlalu cepat. Periksa kembali isian Anda lalu kirim ulang.' };
  }
  const solution = fields.altcha ?? '';
  if (solution !== '') {
    if (!(await altchaValid(settings, solution, token.n))) {
      return { ok: false, alasan: 'altcha', pesan: 'Verifikasi otomatis gagal. Jawab pertanyaan keamanan lalu kirim ulang.' };
    }
  } else {
    const jawaban = (fields.jawaban ?? '').trim().replace(/^\+/, '');
    if (!/^\d{1,3}$/.test(jawaban) || !safeEqual(answerTag(settings, token.n, String(Number(jawaban))), token.j)) {
      return { ok: false, alasan: 'jawaban', pesan: 'Jawaban pertanyaan keamanan salah. Silakan jawab pertanyaan yang baru.' };
    }
  }
  return { ok: true, nonce: token.n, berlakuSampai: new Date(token.t + TOKEN_TTL_MS) };
};
