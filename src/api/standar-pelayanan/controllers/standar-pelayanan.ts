import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { findPublishedStandard, findPublishedStandards, publicUrlOf, slugParam, toPublicView } from '../documents';

const NOT_FOUND = 'Standar pelayanan tidak ditemukan atau belum dipublikasikan.';

/**
 * The core actions (behind permissions nobody holds) plus the public JSON of the
 * published standards, `daftar` and `detail` (routes/publik.ts, no login).
 */
export default factories.createCoreController('api::standar-pelayanan.standar-pelayanan', ({ strapi }) => ({
  async daftar(ctx) {
    const publicUrl = publicUrlOf(strapi);
    const standards = await findPublishedStandards(strapi);
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = { data: standards.map((standard) => toPublicView(standard, publicUrl)) };
  },

  async detail(ctx) {
    const slug = slugParam.safeParse(ctx.params.slug);
    if (!slug.success) throw new errors.NotFoundError(NOT_FOUND);
    const standard = await findPublishedStandard(strapi, slug.data);
    if (!standard) throw new errors.NotFoundError(NOT_FOUND);
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = { data: toPublicView(standard, publicUrlOf(strapi)) };
  },
}));
