import type { Core } from '@strapi/strapi';
import { env } from '@strapi/utils';
import { exitAfterSignal, installTransactionLimit, logEscapedRejection, rollBackOpenTransactions } from './bootstrap/resilience';
import { ensureRoles } from './bootstrap/roles';
import { seedInstansi } from './bootstrap/instansi';
import { bootstrapStandarPelayanan } from './bootstrap/standar-pelayanan';
import { registerStandarPelayanan } from './api/standar-pelayanan/register';
import { registerHolidayCache } from './api/standar-pelayanan/service-calendar';
import { registerPengaduan, usePengaduanIntake } from './api/pengaduan/lib/register';
import { prepareKirimShortcut } from './api/pengaduan/lib/pintas';
import { tutupAntreanPengaduan } from './api/pengaduan/lib/intake';
import { applyAdminLayouts } from './bootstrap/admin-layout';
import { lockDownPublicAccess, lockDownStockAdminRoles } from './bootstrap/public-access';
import { registerContentManagerReadRights } from './access/content-manager-read';
import { registerActingPermissions } from './access/pelaksana-permissions';
import { createInputPolicy } from './input/document-policy';
import { evaluasiRoutes } from './evaluasi/routes';
import { moveLegacyUploads, registerFiles } from './files';
import { bootIntake, stopIntake } from './intake';
import { ensureIdempotensiTable } from './api/pengaduan/lib/idempotensi';
import { backfillWaktuAgenda } from './bootstrap/waktu-agenda';
import { backfillRingkasanDistribusi, subscribeRingkasanDistribusi } from './sop-defs/distribusi/ringkasan';
import { closeRateLimitRedis } from './api/pengaduan/lib/rate-limit';
import { createEstimatedCountMiddleware } from './content-manager/estimated-count';
import { registerConfigurationSyncOnChange } from './content-manager/configuration-sync';
import { registerSops } from './sop-defs';
import { createPelaksanaSerial, registerMandateCache } from './sop-defs/pelaksana';
import { auditKeySecret } from './config/secrets';
import { sopRegistryOf, useAuditKeySource } from './plugins/sop/server/src/index';
import { appSopRoutes } from './sop-routes';
import { dokumenView } from './letters/tersedia';
import { registerSecurityHeaders } from './bootstrap/security-headers';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Strapi runs post-commit work (document events) as promises nobody awaits; when the
    // database drops right after a commit they reject, and Node's default would kill the
    // server. Log them instead, so the server serves again once the database is back.
    if (process.listenerCount('unhandledRejection') === 0) {
      process.on('unhandledRejection', logEscapedRejection(strapi));
    }
    // No transaction lives longer than DATABASE_TRANSACTION_TIMEOUT ms; a stop signal ends the process within 15 s.
    installTransactionLimit(strapi, env.int('DATABASE_TRANSACTION_TIMEOUT', 20000));
    // strapi::security's headers as Strapi sets them, its helmet built once instead of per request (issue 14).
    registerSecurityHeaders(strapi);
    exitAfterSignal(strapi, 14000);
    // Every SOP the office runs, one registration each (src/sop-defs/<sop>/), into the engine's
    // registry, with the office's roles, calendar, mail door and read rights.
    registerSops(strapi);
    // Every record view lists the documents this user may print now (src/letters).
    sopRegistryOf(strapi).extendViews(dokumenView);
    // The audit trail is sealed with the app's secret (AUDIT_KEY, or derived from ENCRYPTION_KEY).
    useAuditKeySource(auditKeySecret);
    // The input policy first: nothing reaches the gate (or the database) unchecked. The SOP
    // plugin adds its workflow gate at its bootstrap, after these, so it runs innermost.
    strapi.documents.use(createInputPolicy(strapi) as never);
    // Files before the gate: the media-field guard reads file links outside the gate's audited transaction.
    registerFiles(strapi);
    // Around the gate: a mandate's overlap check and its write in one locked transaction.
    strapi.documents.use(createPelaksanaSerial(strapi) as never);
    strapi.documents.use(createEstimatedCountMiddleware(strapi) as never);
    registerContentManagerReadRights(strapi);
    // The content manager re-syncs its stored views with the schemas only when either changed (issue 14, boot).
    registerConfigurationSyncOnChange(strapi);
    // A Plh / Plt holds the admin permissions of the role they act for, during the mandate only (edit screens, field grants).
    registerActingPermissions(strapi);
    // The app's own /sop routes, before the engine's /sop/:model/:documentId (added at the plugin's bootstrap).
    strapi.server.routes({ type: 'admin', prefix: '', routes: appSopRoutes(strapi) } as never);
    strapi.server.routes({ type: 'admin', prefix: '', routes: evaluasiRoutes(strapi) } as never);
    registerStandarPelayanan(strapi);
    registerPengaduan(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // inside the SOP gate (added at the plugin's bootstrap, which ran before this one)
    usePengaduanIntake(strapi);
    // the routes are registered by now: refuses the boot if the short way of POST /api/pengaduan would skip anything
    prepareKirimShortcut(strapi);
    await moveLegacyUploads(strapi);
    await ensureIdempotensiTable(strapi);
    await backfillWaktuAgenda(strapi);
    await backfillRingkasanDistribusi(strapi);
    subscribeRingkasanDistribusi(strapi);
    // The hari-libur list is cached briefly per process; its writes clear it (issue 14).
    registerHolidayCache(strapi);
    // the mandates likewise (src/sop-defs/pelaksana.ts): read by every admin request and SOP step
    registerMandateCache(strapi);
    await lockDownPublicAccess(strapi);
    await lockDownStockAdminRoles(strapi);
    await ensureRoles(strapi);
    await seedInstansi(strapi);
    await bootstrapStandarPelayanan(strapi);
    await applyAdminLayouts(strapi);
    await bootIntake(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopIntake();
    await closeRateLimitRedis(strapi);
    // complaints still waiting for a statement are answered 503 now; those sent end below
    tutupAntreanPengaduan(strapi);
    // In-flight transactions get 5 s to finish, then are rolled back, so the pool closes and the process exits.
    await rollBackOpenTransactions(strapi, 5000);
  },
};
