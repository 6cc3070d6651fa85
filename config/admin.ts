import type { Core } from '@strapi/strapi';
import { secret } from '../src/config/secrets';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: secret('ADMIN_JWT_SECRET'),
    sessions: {
      accessTokenLifespan: 30 * MINUTE,
      idleRefreshTokenLifespan: 2 * HOUR,
      maxRefreshTokenLifespan: DAY,
      idleSessionLifespan: 2 * HOUR,
      maxSessionLifespan: DAY,
    },
  },
  apiToken: {
    salt: secret('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: secret('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: secret('ENCRYPTION_KEY'),
  },
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: env.bool('FLAG_DOC_LINKS', false),
  },
});

export default config;
