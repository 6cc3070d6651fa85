import type { Core } from '@strapi/strapi';
import { unreadableBody } from '../src/middlewares/input-policy';

const config: Core.Config.Middlewares = [
  'global::access-log',
  'strapi::errors',
  'global::database-unavailable',
  // its helmet built once for requests other than GET/HEAD (src/bootstrap/security-headers.ts)
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'global::pengaduan-intake',
  // A body that does not parse is a 400 (src/middlewares/input-policy.ts).
  { name: 'strapi::body', config: { onError: unreadableBody } },
  'global::input-policy',
  // Strapi's session, only where it is used (src/middlewares/oauth-session.ts)
  'global::oauth-session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
