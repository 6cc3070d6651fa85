import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { secretKeyList, type SecretKey } from '../plugins/sop/server/src/engine/index';

/**
 * AES-256-GCM for salinan text at rest. Keys come from SALINAN_KEY (comma separated,
 * each 32 random bytes in base64): the first key encrypts, every key decrypts, so a
 * new key can be put in front and old records stay readable until re-encrypted.
 * Envelope: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export type SalinanKey = SecretKey;

const VERSION = 'v1';

export const parseSalinanKeys = (values: readonly string[]): SalinanKey[] => {
  const keys = secretKeyList(values);
  if (keys.length === 0) throw new Error('SALINAN_KEY belum diisi: isi salinan tidak dapat dienkripsi.');
  return keys;
};

export const encryptSalinan = (plaintext: string, keys: readonly SalinanKey[]): string => {
  const [current] = keys;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, current.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
};

export const envelopeKeyId = (envelope: string): string | null => {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
};

export const decryptSalinan = (envelope: string, keys: readonly SalinanKey[]): string => {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('Format isi terenkripsi tidak dikenal.');
  const [, keyId, iv, tag, ciphertext] = parts;
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`Kunci salinan ${keyId} tidak tersedia di SALINAN_KEY.`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Isi salinan tidak dapat dibuka: kunci salah atau data rusak.');
  }
};

/** True when the envelope is already under the current (first) key. */
export const isCurrent = (envelope: string, keys: readonly SalinanKey[]): boolean => envelopeKeyId(envelope) === keys[0].id;
