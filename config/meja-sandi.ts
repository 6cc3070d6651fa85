import type { Core } from '@strapi/strapi';
import { secret } from '../src/config/secrets';

/** Settings of Meja Sandi itself, read with strapi.config.get('meja-sandi.<name>'). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // AES-256-GCM key(s) for salinan text; the first encrypts, all decrypt (rotation).
  salinanKeys: secret('SALINAN_KEY')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean),
  publicUrl: env('PUBLIC_URL', ''),
});

export default config;
