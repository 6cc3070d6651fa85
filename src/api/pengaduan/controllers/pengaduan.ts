import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { ringkasMasalah, validateEnvelope, type Masalah } from '../../../domain/pengaduan';
import { INTAKE_STATE } from '../../../middlewares/pengaduan-intake';
import { terimaPengaduan } from '../lib/intake';
import { lacakPengaduan } from '../lib/lacak';

const validationError = (ctx: Context, masalah: readonly Masalah[]) => {
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: ringkasMasalah(masalah),
      details: { errors: masalah.map((m) => ({ path: m.path, message: m.message, name: 'ValidationError' })) },
    },
  };
};

const NOT_FOUND = {
  data: null,
  error: { status: 404, name: 'NotFoundError', message: 'Pengaduan tidak ditemukan: nomor tiket atau kode lacak tidak cocok.', details: {} },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /api/pengaduan` — 201 `{ data: { nomorTiket, kodeLacak } }` and nothing else. */
  async kirim(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    // The intake middleware reads and parses this body; without its mark the request came round it.
    if (!ctx.state[INTAKE_STATE]) {
      ctx.status = 415;
      ctx.body = { data: null, error: { status: 415, name: 'UnsupportedMediaTypeError', message: 'Kirim badan JSON ke /api/pengaduan.', details: {} } };
      return;
    }
    const checked = validateEnvelope(ctx.request.body);
    if (!checked.ok) return validationError(ctx, checked.masalah);
    try {
      const { nomorTiket, kodeLacak } = await terimaPengaduan(strapi, checked.data);
      ctx.status = 201;
      ctx.body = { data: { nomorTiket, kodeLacak } };
    } catch (error: unknown) {
      if (!(error instanceof errors.ValidationError)) throw error;
      const details = (error.details ?? {}) as { errors?: Masalah[] };
      return validationError(ctx, details.errors ?? [{ path: [], message: error.message }]);
    }
  },

  /** `GET /api/pengaduan/lacak/:nomorTiket?kode=…` — status and timeline; the same 404 for every miss. */
  async lacak(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    const kode = typeof ctx.query.kode === 'string' ? ctx.query.kode : null;
    const hasil = await lacakPengaduan(strapi, ctx.params.nomorTiket, kode);
    if (!hasil) {
      ctx.status = 404;
      ctx.body = NOT_FOUND;
      return;
    }
    ctx.body = { data: hasil };
  },
});
