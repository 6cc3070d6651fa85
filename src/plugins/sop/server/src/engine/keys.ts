import { createHash } from 'crypto';

/** A secret key as the app uses it: 32 bytes, and a short public id stored next to what it protects. */
export type SecretKey = { id: string; key: Buffer };

/**
 * Turns one configured secret value into a 32-byte key and its id. A value that is 32
 * bytes of base64 (`openssl rand -base64 32`) is used as is; any other value (a long
 * passphrase) is stretched with SHA-256. The id is the first 12 hex digits of the
 * key's SHA-256: it names the key in stored envelopes and audit rows without revealing it.
 */
export const secretKey = (value: string): SecretKey => {
  const decoded = Buffer.from(value, 'base64');
  const key =
    decoded.length === 32 && decoded.toString('base64').replace(/=+$/, '') === value.replace(/=+$/, '')
      ? decoded
      : createHash('sha256').update(value, 'utf8').digest();
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
};

/** A comma-separated list of secrets (`"<new>,<old>"`) as keys, blanks dropped, in the given order. */
export const secretKeyList = (raw: string | readonly string[]): SecretKey[] =>
  (typeof raw === 'string' ? raw.split(',') : raw)
    .map((value) => value.trim())
    .filter(Boolean)
    .map(secretKey);
