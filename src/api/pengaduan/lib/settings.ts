import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { parseTimers, type PengaduanTimers } from '../../../domain/pengaduan';

export type PengaduanSettings = {
  batasKiriman: number;
  jendelaMs: number;
  batasLacak: number;
  /** Redis shared by every server process for the rate limits; '' = in memory, per process */
  redisUrl: string;
  /** prefix of this deployment's rate-limit keys in Redis */
  redisPrefix: string;
  timers: PengaduanTimers;
  formulirMsMinimum: number;
  /** 32-byte key from which the HMAC keys of tracking codes and form tokens derive */
  kunci: Buffer;
  publicUrl: string;
};

const positive = (name: string, value: unknown, fallback: number): number => {
  const number = value === undefined || value === null || value === '' ? fallback : Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`Pengaturan pengaduan ${name} harus bilangan bulat tidak negatif, diterima ${String(value)}.`);
  }
  return number;
};

const cache = new WeakMap<Core.Strapi, PengaduanSettings>();

/** `meja-sandi.pengaduan` with defaults, read once per server. */
export const pengaduanSettings = (strapi: Core.Strapi): PengaduanSettings => {
  const known = cache.get(strapi);
  if (known) return known;
  const raw = (strapi.config.get('meja-sandi.pengaduan') ?? {}) as Record<string, unknown>;
  const kunciTeks = typeof raw.kunci === 'string' && raw.kunci !== '' ? raw.kunci : String(process.env.ENCRYPTION_KEY ?? '');
  if (kunciTeks.length < 16) {
    throw new Error('Kunci pengaduan tidak tersedia: isi PENGADUAN_KEY atau ENCRYPTION_KEY (32 byte acak, base64).');
  }
  const settings: PengaduanSettings = {
    batasKiriman: positive('batasKiriman', raw.batasKiriman, 5),
    jendelaMs: positive('jendelaDetik', raw.jendelaDetik, 600) * 1000,
    batasLacak: positive('batasLacak', raw.batasLacak, 60),
    redisUrl: typeof raw.redisUrl === 'string' ? raw.redisUrl.trim() : '',
    redisPrefix: typeof raw.redisPrefix === 'string' && raw.redisPrefix.trim() !== '' ? raw.redisPrefix.trim() : 'meja-sandi:pengaduan',
    timers: parseTimers((raw.hariKerja ?? {}) as Partial<Record<keyof PengaduanTimers, unknown>>),
    formulirMsMinimum: positive('formulirDetikMinimum', raw.formulirDetikMinimum, 3) * 1000,
    kunci: Buffer.from(crypto.hkdfSync('sha256', kunciTeks, 'meja-sandi', 'pengaduan', 32)),
    publicUrl: String(strapi.config.get('meja-sandi.publicUrl') || strapi.config.get('server.url') || 'http://localhost:1337').replace(/\/$/, ''),
  };
  cache.set(strapi, settings);
  return settings;
};

/** A purpose-bound sub-key, so a form token can never pass as a tracking-code hash. */
export const subKey = (settings: PengaduanSettings, purpose: 'kode-lacak' | 'formulir' | 'altcha' | 'idempotensi'): Buffer =>
  crypto.createHmac('sha256', settings.kunci).update(`meja-sandi/pengaduan/${purpose}`).digest();
