import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from '../constants';
import type { Effect } from '../engine/types';
import type { SopTransitionEvent } from '../types';
import { sopRegistryOf } from './registry';

// The resolved effects of a step, beside its event and never inside it: webhooks serialise the event,
// and an effect's values may name the step's input. Keyed by the event object the listeners receive.
const resolvedEffects = new WeakMap<SopTransitionEvent, readonly Effect[]>();

/**
 * Announces a committed step: webhooks subscribed to `sop.transition`, the engine's
 * notification listener and the SOPs' after-commit handlers all hear it from here —
 * the one mechanism for post-commit work. Never throws: the step is already committed.
 */
export const emitTransition = async (strapi: Core.Strapi, event: SopTransitionEvent, effects: readonly Effect[] = []): Promise<void> => {
  resolvedEffects.set(event, effects);
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
 * out (registered by the SOPs, e.g. pengaduan's `notifyComplainant`, or by the engine, e.g.
 * `beriTahu`), in order, each with its resolved effect when known; one failing handler is
 * logged and does not stop the others.
 */
export const runAfterCommit =
  (strapi: Core.Strapi) =>
  async (event: SopTransitionEvent): Promise<void> => {
    const registry = sopRegistryOf(strapi);
    const effects = resolvedEffects.get(event) ?? [];
    const seen = new Map<string, number>();
    for (const type of event.efek) {
      const handler = registry.afterCommitHandler(event.model, type);
      if (!handler) continue;
      // the n-th effect of this type in the step, when the step ran here
      const nth = seen.get(type) ?? 0;
      seen.set(type, nth + 1);
      const effect = effects.filter((one) => one.type === type)[nth];
      try {
        await handler(strapi, event, effect);
      } catch (error: unknown) {
        strapi.log.error(
          `[sop] efek "${type}" setelah langkah ${event.model}:${event.documentId} gagal: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
  };
