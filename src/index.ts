import type { Core } from '@strapi/strapi';
import { ensureRoles } from './bootstrap/roles';
import { seedInstansi } from './bootstrap/instansi';
import { lockDownPublicAccess } from './bootstrap/public-access';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await lockDownPublicAccess(strapi);
    await ensureRoles(strapi);
    await seedInstansi(strapi);
  },
};
