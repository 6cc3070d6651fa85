import crypto from 'crypto';
import { formatKodeLacak, KODE_LACAK_BYTES } from '../../../domain/pengaduan';
import { subKey, type PengaduanSettings } from './settings';
import { randomBytesPooled } from './acak';

/**
 * Hash versions. `h1` (until session 4) was bound to the ticket number; `h2` is bound to the
 * complaint's documentId, which exists before its ticket is drawn, so the hash is computed
 * before the gap-free counter row is locked (issue 14). New hashes are h2; h1 is still verified.
 */
const H1 = 'h1';
const H2 = 'h2';

/** What a tracking code is bound to: the complaint's ticket (h1) and documentId (h2). */
export type PengikatKode = { nomorTiket: string; documentId: string };

/** A new tracking code: 80 bits from the CSPRNG (its pooled read, ./acak.ts), as `ABCD-EFGH-JKMN-PQRS`. */
export const generateKodeLacak = (): string => formatKodeLacak(randomBytesPooled(KODE_LACAK_BYTES));

const digest = (settings: PengaduanSettings, version: string, pengikat: PengikatKode, kodeLacak: string): Buffer =>
  crypto
    .createHmac('sha256', subKey(settings, 'kode-lacak'))
    .update(version === H1 ? `${pengikat.nomorTiket}\n${kodeLacak}` : `${H2}\n${pengikat.documentId}\n${kodeLacak}`)
    .digest();

/**
 * What is stored instead of the code: `h2:` + HMAC-SHA256 under a server key, bound to the
 * complaint's documentId. The code carries 80 random bits, so no slow hash is needed; the key
 * means a copy of the database alone cannot confirm a guessed code.
 */
export const hashKodeLacak = (settings: PengaduanSettings, documentId: string, kodeLacak: string): string =>
  `${H2}:${digest(settings, H2, { nomorTiket: '', documentId }, kodeLacak).toString('hex')}`;

// A fixed stored value to compare against when the ticket does not exist, so both misses cost the same.
const PLACEHOLDER = `${H2}:${'0'.repeat(64)}`;
const STORED = /^(h1|h2):[0-9a-f]{64}$/;

/**
 * Constant-time check of a (canonical) code against the stored hash of either version;
 * a missing or malformed hash never matches.
 */
export const verifyKodeLacak = (
  settings: PengaduanSettings,
  pengikat: PengikatKode,
  kodeLacak: string,
  stored: string | null | undefined
): boolean => {
  const expected = typeof stored === 'string' && STORED.test(stored) ? stored : PLACEHOLDER;
  const version = expected.slice(0, 2);
  const actual = Buffer.from(`${version}:${digest(settings, version, pengikat, kodeLacak).toString('hex')}`, 'utf8');
  const same = crypto.timingSafeEqual(actual, Buffer.from(expected, 'utf8'));
  return same && expected !== PLACEHOLDER;
};

/** The version of a stored hash (`h1`, `h2`), or null for none. */
export const versiHashKode = (stored: string | null | undefined): 'h1' | 'h2' | null =>
  typeof stored === 'string' && STORED.test(stored) ? (stored.slice(0, 2) as 'h1' | 'h2') : null;
