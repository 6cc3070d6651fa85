import type { Core } from '@strapi/strapi';
import { secret } from '../src/config/secrets';
import { DEFAULT_AGENDA_FORMAT, DEFAULT_KRIPTOGRAM_AGENDA_FORMAT } from '../src/plugins/sop/server/src/engine/numbering';

const allowedMediaTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.*',
  'message/rfc822',
  'text/plain',
];

const deniedTypes = [
  'image/svg+xml',
  'text/html',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // The SOP engine (src/plugins/sop): workflows as data, the gate, the audit trail, agenda numbers.
  sop: {
    enabled: true,
    resolve: './src/plugins/sop',
    config: {
      agendaFormat: env('AGENDA_FORMAT', DEFAULT_AGENDA_FORMAT),
      // the kriptogram book's numbers differ on paper from the berita book's (K-0001/2026 beside 0001/2026)
      agendaFormatPerBuku: { 'kriptogram-masuk': env('AGENDA_FORMAT_KRIPTOGRAM', DEFAULT_KRIPTOGRAM_AGENDA_FORMAT) },
      publicUrl: env('PUBLIC_URL', ''),
      transitionEvent: 'sop.transition',
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: true,
      },
      register: { allowedFields: [] },
    },
  },
  upload: {
    config: {
      // Files stay out of public/: served only by GET /berkas/:nama after the access check (src/files/).
      provider: '@meja-sandi/provider-upload-private',
      providerOptions: { root: env('BERKAS_DIR', 'berkas') },
      sizeLimit: 25 * 1024 * 1024,
      security: {
        allowedTypes: allowedMediaTypes,
        deniedTypes,
      },
    },
  },
  email: {
    config: env('SMTP_HOST', '')
      ? {
          provider: 'nodemailer',
          providerOptions: {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
            auth: env('SMTP_USERNAME', '') ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD', '') } : undefined,
          },
          settings: {
            defaultFrom: env('EMAIL_FROM', 'persandian@pekalongankota.go.id'),
            defaultReplyTo: env('EMAIL_REPLY_TO', 'diskominfo@pekalongankota.go.id'),
          },
        }
      : {
          // No SMTP configured: every message is written to the log, never dropped silently.
          provider: '@meja-sandi/provider-email-log',
          providerOptions: {},
          settings: {
            defaultFrom: env('EMAIL_FROM', 'persandian@pekalongankota.go.id'),
            defaultReplyTo: env('EMAIL_REPLY_TO', 'diskominfo@pekalongankota.go.id'),
          },
        },
  },
});

export default config;
