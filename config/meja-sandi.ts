import type { Core } from '@strapi/strapi';
import { auditKeySecret, secret } from '../src/config/secrets';
import { secretKeyList } from '../src/plugins/sop/server/src/engine/keys';
import { DEFAULT_AGENDA_FORMAT, DEFAULT_LETTER_FORMAT, validateFormat } from '../src/plugins/sop/server/src/engine/numbering';

const format = (value: string): string => {
  validateFormat(value);
  return value;
};

/** Settings of Meja Sandi itself, read with strapi.config.get('meja-sandi.<name>'). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // AES-256-GCM key(s) for salinan text; the first encrypts, all decrypt (rotation).
  salinanKeys: secret('SALINAN_KEY')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean),
  // HMAC-SHA-256 key(s) sealing the audit trail; the first seals, all verify (rotation).
  // Read where it is used (src/sop/audit.ts, also offline by scripts/audit-verify.js); named here so a
  // production boot without it stops at once.
  auditKeyIds: secretKeyList(auditKeySecret()).map((key) => key.id),
  publicUrl: env('PUBLIC_URL', ''),
  // Buku agenda numbers (one sequence per book per year), e.g. 0012/2026.
  agendaFormat: format(env('AGENDA_FORMAT', DEFAULT_AGENDA_FORMAT)),
  // Salinan letter numbers: kode-klasifikasi/nomor-urut/bulan-romawi/tahun, e.g. 048/012/XI/2026.
  letterFormat: format(env('NOMOR_SURAT_FORMAT', DEFAULT_LETTER_FORMAT)),
  kodeKlasifikasiSalinan: env('KODE_KLASIFIKASI_SALINAN', '048'),
  // Content-manager lists opened without a filter show PostgreSQL's row estimate from this many rows (0 = always exact).
  daftarPerkiraanMulai: env.int('ADMIN_LIST_ESTIMATE_FROM', 100000),
  pengaduan: {
    // Per client address: in memory per process, or shared by every process through Redis (redisUrl).
    batasKiriman: env.int('PENGADUAN_RATE_LIMIT', 5),
    jendelaDetik: env.int('PENGADUAN_RATE_WINDOW', 600),
    batasLacak: env.int('PENGADUAN_LACAK_RATE_LIMIT', 60),
    // Set = one count shared by every server process (Redis); empty = in memory, per process.
    redisUrl: env('PENGADUAN_RATE_LIMIT_REDIS_URL', ''),
    redisPrefix: env('PENGADUAN_RATE_LIMIT_REDIS_PREFIX', 'meja-sandi:pengaduan'),
    // Working days: acknowledge, respond, resolve (Perpres 76/2013 practice).
    hariKerja: {
      pengakuan: env.int('PENGADUAN_HARI_PENGAKUAN', 3),
      respons: env.int('PENGADUAN_HARI_RESPONS', 14),
      penyelesaian: env.int('PENGADUAN_HARI_PENYELESAIAN', 60),
    },
    // The HTML form without JavaScript: seconds a person needs at least before submitting.
    formulirDetikMinimum: env.int('PENGADUAN_FORM_MIN_SECONDS', 3),
    // HMAC key of tracking codes and form tokens; empty = derived from ENCRYPTION_KEY.
    kunci: env('PENGADUAN_KEY', ''),
  },
});

export default config;
