import type { Core } from '@strapi/strapi';
import { secret } from '../src/config/secrets';
import cronTasks from './cron-tasks';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Only trust X-Forwarded-* when a reverse proxy is declared in front of us.
  // With a proxy, only the address it appended counts (maxIpsCount: 1): a client-written
  // X-Forwarded-For prefix cannot pick its own rate-limit bucket.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: 1 },
  app: {
    keys: secret('APP_KEYS').split(','),
  },
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
    tasks: cronTasks,
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  logger: {
    updates: { enabled: false },
    startup: { enabled: false },
    config: { level: env('LOG_LEVEL', 'http') },
  },
});

export default config;
