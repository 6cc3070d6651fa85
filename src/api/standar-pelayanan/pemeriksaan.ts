import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { completeness, inconsistencies } from '../../domain/standar-pelayanan';
import { findStandard, STANDAR_UID } from './documents';

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

const fail = (ctx: Ctx, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/**
 * `GET /sop/standar-pelayanan/:documentId/pemeriksaan[?status=published]` (admin
 * login): completeness n/14 and the inconsistencies of a standard, for the side
 * panel in the content manager. Defaults to the draft, the version staff edit.
 */
export const pemeriksaanRoutes = (strapi: Core.Strapi) => [
  {
    method: 'GET',
    path: '/sop/standar-pelayanan/:documentId/pemeriksaan',
    handler: async (ctx: Ctx) => {
      if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.read', STANDAR_UID)) {
        return fail(ctx, 403, 'ForbiddenError', 'Peran Anda tidak berwenang membuka standar pelayanan.');
      }
      const parsed = params.safeParse({ documentId: ctx.params.documentId, status: ctx.query.status ?? undefined });
      if (!parsed.success) return fail(ctx, 404, 'NotFoundError', 'Standar pelayanan tidak ditemukan.');
      const standard = await findStandard(strapi, parsed.data.documentId, parsed.data.status);
      if (!standard) return fail(ctx, 404, 'NotFoundError', 'Standar pelayanan tidak ditemukan.');
      const { terisi, total, kosong } = completeness(standard);
      const data: Pemeriksaan = { terisi, total, kosong, peringatan: inconsistencies(standard) };
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data };
    },
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
];
