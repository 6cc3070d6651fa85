import type { Core } from '@strapi/strapi';
import { namaKantor } from '../../../domain/kantor';

/**
 * `GET /api/instansi/nama-kantor` → `{ data: { kantor, seksi } }` (see NamaKantor), read from the
 * instansi single type at each request, so a renamed office shows at the next page load; both null
 * when staff removed the instansi. Not cached by the browser or a proxy.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async tampil(ctx: { body: unknown; set: (name: string, value: string) => void }) {
    const instansi = (await strapi.db.query('api::instansi.instansi').findOne({
      select: ['pemerintah', 'dinas'],
      populate: { kepalaSeksi: { select: ['jabatan'] } },
    })) as Parameters<typeof namaKantor>[0];
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: namaKantor(instansi) };
  },
});
