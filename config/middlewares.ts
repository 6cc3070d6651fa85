import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'global::access-log',
  'strapi::errors',
  'global::database-unavailable',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'global::pengaduan-intake',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
