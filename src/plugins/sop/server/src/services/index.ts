import type { Core } from '@strapi/strapi';
import registry from './registry';
import { antrianFor } from './antrian';
import { createAuditCheckpoint, verifyAuditTrail } from './audit';
import { runDailyDigest } from './digest';
import { performKoreksi } from './koreksi';
import { performTransition } from './transition';
import { definitionsView, diagramSvg, recordView } from './views';

/**
 * The plugin's services (`strapi.plugin('sop').service(name)`): the registry the app fills,
 * and the engine's work bound to this Strapi — steps, corrections, views, each user's queue, the audit trail
 * and the daily digest.
 */
export default {
  registry,
  transitions: ({ strapi }: { strapi: Core.Strapi }) => ({
    perform: (params: Parameters<typeof performTransition>[1]) => performTransition(strapi, params),
    koreksi: (params: Parameters<typeof performKoreksi>[1]) => performKoreksi(strapi, params),
  }),
  views: ({ strapi }: { strapi: Core.Strapi }) => ({
    definitions: () => definitionsView(strapi),
    record: (model: string, documentId: string, actor: Parameters<typeof recordView>[3]) => recordView(strapi, model, documentId, actor),
    diagram: (model: string, current?: string) => diagramSvg(strapi, model, current),
  }),
  antrian: ({ strapi }: { strapi: Core.Strapi }) => ({
    for: (actor: Parameters<typeof antrianFor>[1]) => antrianFor(strapi, actor),
  }),
  audit: ({ strapi }: { strapi: Core.Strapi }) => ({
    verify: () => verifyAuditTrail(strapi.db.connection),
    checkpoint: (now: Date) => createAuditCheckpoint(strapi.db.connection, now),
  }),
  digest: ({ strapi }: { strapi: Core.Strapi }) => ({
    runDaily: (now: Date) => runDailyDigest(strapi, now),
  }),
};
