import type { Core } from '@strapi/strapi';
import { ENGINE_EFFECTS } from './services/effects';
import { sopRegistryOf } from './services/registry';

/**
 * The plugin's register phase: the effects the engine carries out for every SOP. The app
 * registers its SOPs, roles, calendar, mail door and read rights after this, in its own
 * register phase; the plugin's bootstrap checks that nothing is missing.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  sopRegistryOf(strapi).registerEffects(ENGINE_EFFECTS);
};
