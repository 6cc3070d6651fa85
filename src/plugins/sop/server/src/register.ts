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
 * register phase; the plugin's bootstrap checks that nothing is missing. Also offers the admin
 * permission `plugin::sop.alur.kelola` ("Kelola Alur SOP") that guards `/sop/alur`.
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const registry = sopRegistryOf(strapi);
  registry.registerEffects(ENGINE_EFFECTS);
  registry.registerAfterCommit(ENGINE_AFTER_COMMIT);
  extendBindableTypes(strapi);
  // registered before the admin's bootstrap, which gives Super Admin every action there is
  const permissions = strapi.service('admin::permission') as { actionProvider: { registerMany: (actions: unknown[]) => Promise<void> } };
  await permissions.actionProvider.registerMany([{ section: 'plugins', displayName: 'Kelola Alur SOP', uid: 'alur.kelola', pluginName: 'sop' }]);
};
