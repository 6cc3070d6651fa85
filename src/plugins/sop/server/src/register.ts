import type { Core } from '@strapi/strapi';
import { extendBindableTypes } from './services/binding';
import { ENGINE_EFFECTS } from './services/effects';
import { ENGINE_AFTER_COMMIT } from './services/notify';
import { sopRegistryOf } from './services/registry';

/**
 * The plugin's register phase: the effects the engine carries out for every SOP (in the step's
 * transaction, and after its commit), and the engine's fields on every content type a workflow
 * may be bound to (services/binding.ts; a type the app registers in code takes its schema back).
 * The app registers its SOPs, roles, calendar, mail door and read rights after this, in its own
 * register phase; the plugin's bootstrap checks that nothing is missing.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const registry = sopRegistryOf(strapi);
  registry.registerEffects(ENGINE_EFFECTS);
  registry.registerAfterCommit(ENGINE_AFTER_COMMIT);
  extendBindableTypes(strapi);
};
