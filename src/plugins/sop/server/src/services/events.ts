import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from '../constants';
import type { SopTransitionEvent } from '../types';
import { sopRegistryOf } from './registry';

/**
 * Announces a committed step: webhooks subscribed to `sop.transition`, the engine's
 * notification listener and the SOPs' after-commit handlers all hear it from here —
 * the one mechanism for post-commit work. Never throws: the step is already committed.
 */
export const emitTransition = async (strapi: Core.Strapi, event: SopTransitionEvent): Promise<void> => {
  try {
    await strapi.eventHub.emit(SOP_TRANSITION_EVENT, event);
  } catch (error: unknown) {
    strapi.log.error(
      `[sop] pemrosesan setelah langkah ${event.model}:${event.documentId} → ${event.ke} gagal: ${error instanceof Error ? error.stack : String(error)}`
    );
  }
};

/**
 * The listener that runs the after-commit handlers of the effect types a step carried
 * out (registered by the SOPs, e.g. pengaduan's `notifyComplainant`), in order; one
 * failing handler is logged and does not stop the others.
 */
export const runAfterCommit =
  (strapi: Core.Strapi) =>
  async (event: SopTransitionEvent): Promise<void> => {
    const registry = sopRegistryOf(strapi);
    for (const type of event.efek) {
      const handler = registry.afterCommitHandler(event.model, type);
      if (!handler) continue;
      try {
        await handler(strapi, event);
      } catch (error: unknown) {
        strapi.log.error(
          `[sop] efek "${type}" setelah langkah ${event.model}:${event.documentId} gagal: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
  };
