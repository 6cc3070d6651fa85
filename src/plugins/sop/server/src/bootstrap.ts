import type { Core } from '@strapi/strapi';
import { SOP_TRANSITION_EVENT } from './constants';

/**
 * The plugin's bootstrap: administrators may subscribe a webhook to every committed step
 * (Settings → Webhooks → "sop.transition").
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  (strapi.get('webhookStore') as { addAllowedEvent: (key: string, value: string) => void }).addAllowedEvent('SOP_TRANSITION', SOP_TRANSITION_EVENT);
};
