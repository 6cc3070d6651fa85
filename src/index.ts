import type { Core } from '@strapi/strapi';
import { ensureRoles } from './bootstrap/roles';
import { seedInstansi } from './bootstrap/instansi';
import { bootstrapStandarPelayanan } from './bootstrap/standar-pelayanan';
import { registerStandarPelayanan } from './api/standar-pelayanan/register';
import { registerPengaduan } from './api/pengaduan/lib/register';
import { applyAdminLayouts } from './bootstrap/admin-layout';
import { lockDownPublicAccess } from './bootstrap/public-access';
import { createSopWorkflowGate } from './sop/gate';
import { sopRoutes } from './sop/routes';
import { ensureSopTables } from './sop/tables';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(createSopWorkflowGate(strapi) as never);
    strapi.server.routes({ type: 'admin', prefix: '', routes: sopRoutes(strapi) } as never);
    registerStandarPelayanan(strapi);
    registerPengaduan(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSopTables(strapi);
    await lockDownPublicAccess(strapi);
    await ensureRoles(strapi);
    await seedInstansi(strapi);
    await bootstrapStandarPelayanan(strapi);
    await applyAdminLayouts(strapi);
  },
};
