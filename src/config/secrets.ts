import { createHmac } from 'crypto';

/**
 * Secrets the server cannot run without. In production a missing or placeholder
 * value stops the boot with a message naming the variable; elsewhere
 * scripts/prepare-env.js has already written random values into `.env`.
 */
export const REQUIRED_SECRETS = [
  'APP_KEYS',
  'ADMIN_JWT_SECRET',
  'API_TOKEN_SALT',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SALINAN_KEY',
] as const;

export type SecretName = (typeof REQUIRED_SECRETS)[number];

const PLACEHOLDERS = new Set(['', 'tobemodified', 'tobemodified1', 'tobemodified2', 'changeme', 'secret']);

export const isUnusableSecret = (value: string | undefined): boolean => {
  if (value === undefined) return true;
  const parts = value.split(',').map((part) => part.trim().toLowerCase());
  return parts.some((part) => PLACEHOLDERS.has(part) || part.length < 16);
};

export const missingSecrets = (source: NodeJS.ProcessEnv): SecretName[] => REQUIRED_SECRETS.filter((name) => isUnusableSecret(source[name]));

/** Reads one secret; in production refuses to return a missing or placeholder one. */
export const secret = (name: SecretName, source: NodeJS.ProcessEnv = process.env): string => {
  const value = source[name];
  if (isUnusableSecret(value)) {
    if (source.NODE_ENV === 'production') {
      throw new Error(
        `Konfigurasi tidak lengkap: variabel rahasia ${name} kosong atau masih bawaan. ` +
          'Isi dengan 32 byte acak (base64), misalnya: openssl rand -base64 32. Server tidak dijalankan.'
      );
    }
    return value ?? '';
  }
  return value as string;
};

/**
 * The AUDIT_KEY list (comma separated, first seals) the audit trail is sealed with.
 * AUDIT_KEY may be left empty: then one key is derived from ENCRYPTION_KEY
 * (HMAC-SHA-256 over a fixed label, base64) — still outside the database, so a
 * deployment started with Strapi's own secrets alone is sealed too. A dedicated
 * AUDIT_KEY is recommended (README "Audit trail"): it can be rotated on its own.
 * Throws, in production, when neither is usable (the message of `secret`).
 */
export const auditKeySecret = (source: NodeJS.ProcessEnv = process.env): string => {
  const own = source.AUDIT_KEY;
  if (!isUnusableSecret(own)) return own as string;
  const base = secret('ENCRYPTION_KEY', source);
  if (isUnusableSecret(base)) return '';
  return createHmac('sha256', base).update('meja-sandi/audit-key/v1', 'utf8').digest('base64');
};
