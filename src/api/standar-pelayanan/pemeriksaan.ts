import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { completeness, inconsistencies } from '../../domain/standar-pelayanan';
import { findStandard, STANDAR_UID } from './documents';
import { keepRefusalMessages } from '../../plugins/sop/server/src/index';

type Ability = { can: (action: string, subject: string) => boolean };
type Ctx = {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  state: { userAbility?: Ability };
  status: number;
  body: unknown;
  set: (name: string, value: string) => void;
};

export type Pemeriksaan = { terisi: number; total: number; kosong: string[]; peringatan: string[] };

const params = z.object({
  documentId: z.string().regex(/^[a-z0-9]{1,64}$/),
  status: z.enum(['draft', 'published']).default('draft'),
});

/**
 * `GET /sop/standar-pelayanan/:documentId/pemeriksaan[?status=published]` (admin
 * login): completeness n/14 and the inconsistencies of a standard, for the side
 * panel in the content manager. Defaults to the draft, the version staff edit.
 * Throws ForbiddenError (no read grant) or NotFoundError (no such standard, or a malformed id).
 */
export const pemeriksaanRoutes = (strapi: Core.Strapi) => [
  {
    method: 'GET',
    path: '/sop/standar-pelayanan/:documentId/pemeriksaan',
    handler: keepRefusalMessages(async (ctx: Ctx) => {
      if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.read', STANDAR_UID)) {
        throw new errors.ForbiddenError('Peran Anda tidak berwenang membuka standar pelayanan.');
      }
      const parsed = params.safeParse({ documentId: ctx.params.documentId, status: ctx.query.status ?? undefined });
      if (!parsed.success) throw new errors.NotFoundError('Standar pelayanan tidak ditemukan.');
      const standard = await findStandard(strapi, parsed.data.documentId, parsed.data.status);
      if (!standard) throw new errors.NotFoundError('Standar pelayanan tidak ditemukan.');
      const { terisi, total, kosong } = completeness(standard);
      const data: Pemeriksaan = { terisi, total, kosong, peringatan: inconsistencies(standard) };
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data };
    }),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
];
