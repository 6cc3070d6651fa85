import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from './constants';
import { createSopWorkflowGate } from './middlewares/gate';
import { alurTertutup } from './middlewares/alur-tertutup';
import { cacheJwtVerifyKeys } from './services/admin-auth';
import { sopRoutes } from './routes/admin';
import { sealBindableTypes } from './services/binding';
import { alurRoutes } from './routes/alur';
import { seedAlur } from './services/alur';
import { runAfterCommit } from './services/events';
import { notifyAfterTransition } from './services/notify';
import { registerRoleHolderCache } from './services/actor';
import { sopRegistryOf, SopRegistrationError } from './services/registry';
import { ensureSopTables } from './services/tables';
import type { SopTransitionEvent } from './types';

/**
 * The plugin's bootstrap, after the app has registered its SOPs:
 * - refuses to start when a registered SOP cannot run (an effect without a handler, an unknown role…);
 * - creates the engine's own tables (audit trail, agenda counters, digest runs);
 * - stores each SOP's definition as its version 1 the first time, and runs the active stored versions;
 * - closes the stored workflows to every document path (only `/sop/alur` reaches them);
 * - adds the workflow gate as the innermost document-service middleware (after the app's input
 *   policy and file guard), so the content manager, REST and `strapi.documents` all pass it;
 * - serves the `/sop` API (after the app's own `/sop/...` routes);
 * - offers the `sop.transition` webhook event, and listens to it for the e-mail to whoever acts
 *   next and the SOPs' after-commit work.
 * Throws SopRegistrationError naming every problem found.
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // the database models are built: a content type claimed from now on keeps the engine's fields
  sealBindableTypes(strapi);
  const registry = sopRegistryOf(strapi);
  const problems = registry.problems();
  if (problems.length > 0) throw new SopRegistrationError(`Mesin SOP tidak dapat berjalan:\n- ${problems.join('\n- ')}`);
  await ensureSopTables(strapi);
  await seedAlur(strapi);
  strapi.documents.use(alurTertutup as never);
  strapi.documents.use(createSopWorkflowGate(strapi) as never);
  strapi.server.routes({ type: 'admin', prefix: '', routes: [...alurRoutes(strapi), ...sopRoutes(strapi)] } as never);
  // the admin tokens' verification key converted once, not on every request (./services/admin-auth)
  cacheJwtVerifyKeys(strapi);
  // who holds each role, kept briefly per process for notifications and assignment lists (./services/actor)
  registerRoleHolderCache(strapi);
  (strapi.get('webhookStore') as { addAllowedEvent: (key: string, value: string) => void }).addAllowedEvent('SOP_TRANSITION', SOP_TRANSITION_EVENT);
  strapi.eventHub.on(SOP_TRANSITION_EVENT, runAfterCommit(strapi) as never);
  strapi.eventHub.on(SOP_TRANSITION_EVENT, ((event: SopTransitionEvent) => {
    // the mail goes out in the background: a slow SMTP server never holds the step's answer
    notifyAfterTransition(strapi, event).catch((error: unknown) =>
      strapi.log.error(`[notifikasi] gagal mengirim pemberitahuan: ${error instanceof Error ? error.message : String(error)}`)
    );
  }) as never);
};
