import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from './constants';
import { runAfterCommit, type SopTransitionEvent } from './services/events';
import { notifyAfterTransition } from './services/notify';

/**
 * The plugin's bootstrap: administrators may subscribe a webhook to every committed step
 * (Settings → Webhooks → "sop.transition"), and the engine's own post-commit work
 * (e-mail to whoever acts next, the SOPs' after-commit handlers) listens to the same event.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  (strapi.get('webhookStore') as { addAllowedEvent: (key: string, value: string) => void }).addAllowedEvent('SOP_TRANSITION', SOP_TRANSITION_EVENT);
  strapi.eventHub.on(SOP_TRANSITION_EVENT, runAfterCommit(strapi) as never);
  strapi.eventHub.on(SOP_TRANSITION_EVENT, ((event: SopTransitionEvent) => {
    // the mail goes out in the background: a slow SMTP server never holds the step's answer
    notifyAfterTransition(strapi, event).catch((error: unknown) =>
      strapi.log.error(`[notifikasi] gagal mengirim pemberitahuan: ${error instanceof Error ? error.message : String(error)}`)
    );
  }) as never);
};
