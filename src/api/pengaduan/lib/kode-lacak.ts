import crypto from 'crypto';
import { formatKodeLacak, KODE_LACAK_BYTES } from '../../../domain/pengaduan';
import { subKey, type PengaduanSettings } from './settings';

const VERSION = 'h1';

export const generateKodeLacak = (): string => formatKodeLacak(crypto.randomBytes(KODE_LACAK_BYTES));

const digest = (settings: PengaduanSettings, nomorTiket: string, kodeLacak: string): Buffer =>
  crypto.createHmac('sha256', subKey(settings, 'kode-lacak')).update(`${nomorTiket}\n${kodeLacak}`).digest();

/**
 * What is stored instead of the code: HMAC-SHA256 under a server key, bound to the
 * ticket. The code carries 80 random bits, so no slow hash is needed; the key means
 * a copy of the database alone cannot confirm a guessed code.
 */
export const hashKodeLacak = (settings: PengaduanSettings, nomorTiket: string, kodeLacak: string): string =>
  `${VERSION}:${digest(settings, nomorTiket, kodeLacak).toString('hex')}`;

// A fixed stored value to compare against when the ticket does not exist, so both misses cost the same.
const PLACEHOLDER = `${VERSION}:${'0'.repeat(64)}`;

/** Constant-time check of a (canonical) code against the stored hash; a missing hash never matches. */
export const verifyKodeLacak = (settings: PengaduanSettings, nomorTiket: string, kodeLacak: string, stored: string | null | undefined): boolean => {
  const expected = typeof stored === 'string' && stored.startsWith(`${VERSION}:`) && stored.length === PLACEHOLDER.length ? stored : PLACEHOLDER;
  const actual = Buffer.from(hashKodeLacak(settings, nomorTiket, kodeLacak), 'utf8');
  const same = crypto.timingSafeEqual(actual, Buffer.from(expected, 'utf8'));
  return same && expected !== PLACEHOLDER;
};
