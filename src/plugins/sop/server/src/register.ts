import type { Core } from '@strapi/strapi';

/** The plugin's register phase: nothing to extend yet; the app registers its SOPs after this (src/index.ts). */
export default (_context: { strapi: Core.Strapi }): void => undefined;
