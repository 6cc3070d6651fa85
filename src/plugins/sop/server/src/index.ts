import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import register from './register';
import services from './services';

/** The SOP engine as a Strapi plugin: `strapi.plugin('sop').service(…)`. */
export default {
  register,
  bootstrap,
  config,
  contentTypes,
  services,
};

// The plugin's public door for the app: what an app registers (types, registry), the typed
// errors, and the engine services its own routes and intake build on. The pure engine has
// its own door (./engine/index.ts).
export * from './types';
export * from './errors';
export { SOP_TRANSITION_EVENT, ALUR_ACTION, ALUR_UID, ALUR_VERSI_UID } from './constants';
export { createSopRegistry, loadedRecord, sopRegistryOf, SopRegistrationError, type SopRegistry } from './services/registry';
export * from './services/actor';
export * from './services/antrian';
export * from './services/audit';
export * from './services/binding';
export * from './services/clock';
export * from './services/context';
export * from './services/digest';
export * from './services/events';
export * from './services/effects';
export * from './services/koreksi';
export * from './services/notify';
export * from './services/snapshot-cache';
export * from './services/populated-read';
export * from './services/tables';
export * from './services/schema';
export * from './services/transition';
export * from './services/views';
export * from './middlewares/gate';
export * from './routes/admin';
export * from './services/alur';
export { alurRoutes, kosakataView } from './routes/alur';
