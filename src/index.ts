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
import { moveLegacyUploads, registerFiles } from './files';
import { closeRateLimitRedis } from './api/pengaduan/lib/rate-limit';
import { createEstimatedCountMiddleware } from './content-manager/estimated-count';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Strapi runs post-commit work (document events) as promises nobody awaits; when the
    // database drops right after a commit they reject, and Node's default would kill the
    // server. Log them instead, so the server serves again once the database is back.
    if (process.listenerCount('unhandledRejection') === 0) {
      process.on('unhandledRejection', (reason: unknown) => {
        strapi.log.error(`[proses] janji ditolak tanpa penanganan: ${reason instanceof Error ? reason.message : String(reason)}`);
      });
    }
    strapi.documents.use(createSopWorkflowGate(strapi) as never);
    strapi.documents.use(createEstimatedCountMiddleware(strapi) as never);
    strapi.server.routes({ type: 'admin', prefix: '', routes: sopRoutes(strapi) } as never);
    registerStandarPelayanan(strapi);
    registerPengaduan(strapi);
    registerFiles(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSopTables(strapi);
    await moveLegacyUploads(strapi);
    await lockDownPublicAccess(strapi);
    await ensureRoles(strapi);
    await seedInstansi(strapi);
    await bootstrapStandarPelayanan(strapi);
    await applyAdminLayouts(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeRateLimitRedis(strapi);
  },
};
