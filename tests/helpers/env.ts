import crypto from 'crypto';

const random = (): string => crypto.randomBytes(32).toString('base64');

/**
 * Every variable the app reads, set before @strapi/strapi loads `.env`, so a test
 * never reads or wipes the developer's own database or mails anyone.
 */
export const applyTestEnvironment = (overrides: Record<string, string> = {}): void => {
  const values: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://localhost:1337',
    IS_PROXIED: 'false',
    APP_KEYS: [random(), random()].join(','),
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(),
    SALINAN_KEY: random(),
    AUDIT_KEY: random(),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: '.tmp/test-unset.db',
    DATABASE_URL: '',
    DATABASE_CONNECTION_TIMEOUT: '10000',
    AGENDA_FORMAT: '{nomor:4}/{tahun}',
    AGENDA_FORMAT_KRIPTOGRAM: 'K-{nomor:4}/{tahun}',
    NOMOR_SURAT_FORMAT: '{kode}/{nomor:3}/{bulan-romawi}/{tahun}',
    KODE_KLASIFIKASI_SALINAN: '048',
    SMTP_HOST: '',
    // the Sanapati mailbox intake is off unless a test starts its own IMAP server
    SANAPATI_IMAP_HOST: '',
    SMTP_PORT: '587',
    SMTP_USERNAME: '',
    SMTP_PASSWORD: '',
    // the daily digest runs by hand in tests (sendOverdueDigest), never on a timer
    CRON_ENABLED: 'false',
    // rate limits in memory unless a test shares them through Redis
    PENGADUAN_RATE_LIMIT_REDIS_URL: '',
    ...overrides,
  };
  for (const [name, value] of Object.entries(values)) {
    process.env[name] = value;
  }
};

export const usePostgres = (): boolean => process.env.TEST_DATABASE === 'postgres';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
