import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from '../constants';
import { sopRegistryOf } from './registry';

/**
 * What the engine announces after every committed step (Strapi's eventHub event and
 * webhook event `sop.transition`). It names the step and who took it, never the step's
 * input: a salinan's text must not leave the server in a webhook.
 */
export type SopTransitionEvent = {
  model: string;
  uid: string;
  documentId: string;
  dari: string;
  ke: string;
  keLabel: string;
  /** the transition's button text */
  aksi: string;
  langkah: string | null;
  jenis: 'maju' | 'kembali' | 'batal';
  aktor: { id: number; nama: string; peran: string };
  catatan: string | null;
  /** ISO 8601 instant of the step */
  waktu: string;
  versi: number;
  /** admin user id the step assigned by name (the Caraka or Sandiman chosen), else null */
  ditugaskan: number | null;
  /** the effect types the step carried out, in order */
  efek: string[];
};

/** Work an SOP runs once its step has committed (an e-mail to the complainant, a photo normalised on disk). */
export type AfterCommitHandler = (strapi: Core.Strapi, event: SopTransitionEvent) => Promise<void>;

/**
 * Announces a committed step: webhooks subscribed to `sop.transition`, the engine's
 * notification listener and the SOPs' after-commit handlers all hear it from here —
 * the one mechanism for post-commit work. Never throws: the step is already committed.
 */
export const emitTransition = async (strapi: Core.Strapi, event: SopTransitionEvent): Promise<void> => {
  try {
    await strapi.eventHub.emit(SOP_TRANSITION_EVENT, event);
  } catch (error: unknown) {
    strapi.log.error(`[sop] pemrosesan setelah langkah ${event.model}:${event.documentId} → ${event.ke} gagal: ${error instanceof Error ? error.stack : String(error)}`);
  }
};

/**
 * The listener that runs the after-commit handlers of the effect types a step carried
 * out (registered by the SOPs, e.g. pengaduan's `notifyComplainant`), in order; one
 * failing handler is logged and does not stop the others.
 */
export const runAfterCommit = (strapi: Core.Strapi) => async (event: SopTransitionEvent): Promise<void> => {
  const registry = sopRegistryOf(strapi);
  for (const type of event.efek) {
    const handler = registry.afterCommitHandler(type);
    if (!handler) continue;
    try {
      await handler(strapi, event);
    } catch (error: unknown) {
      strapi.log.error(`[sop] efek "${type}" setelah langkah ${event.model}:${event.documentId} gagal: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
};
