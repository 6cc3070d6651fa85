import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { ringkasMasalah, validateEnvelope, type Masalah } from '../../../domain/pengaduan';
import { INTAKE_STATE } from '../../../middlewares/pengaduan-intake';
import { now as clockNow } from '../../../clock';
import { API_KEY_TTL_MS, KUNCI_API, type Kunci } from '../lib/idempotensi';
import { terimaPengaduan } from '../lib/intake';
import { clientKey } from '../lib/rate-limit';
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

const errorBody = (ctx: Context, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/**
 * The optional `Idempotency-Key` header: the same key from the same client within 24 hours
 * answers with the complaint it filed instead of filing another.
 */
const kunciDari = (ctx: Context): Kunci | 'tidak-sah' | undefined => {
  const header = ctx.get('Idempotency-Key');
  if (header === '') return undefined;
  if (!KUNCI_API.test(header)) return 'tidak-sah';
  return { jenis: 'api', klien: clientKey(ctx.request.ip), nilai: header, berlakuSampai: new Date(clockNow().getTime() + API_KEY_TTL_MS) };
};

const NOT_FOUND = {
  data: null,
  error: { status: 404, name: 'NotFoundError', message: 'Pengaduan tidak ditemukan: nomor tiket atau kode lacak tidak cocok.', details: {} },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `POST /api/pengaduan` — 201 `{ data: { nomorTiket, kodeLacak } }` and nothing else. With an
   * `Idempotency-Key`, a repeat (even a concurrent one) gets the same 201; the same key with
   * another complaint gets 422.
   */
  async kirim(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    // The intake middleware reads and parses this body; without its mark the request came round it.
    if (!ctx.state[INTAKE_STATE]) {
      ctx.status = 415;
      ctx.body = { data: null, error: { status: 415, name: 'UnsupportedMediaTypeError', message: 'Kirim badan JSON ke /api/pengaduan.', details: {} } };
      return;
    }
    const kunci = kunciDari(ctx);
    if (kunci === 'tidak-sah') {
      return errorBody(ctx, 400, 'ValidationError', 'Header Idempotency-Key tidak sah: gunakan 1–255 karakter ASCII yang terlihat (tanpa spasi), misalnya sebuah UUID.');
    }
    const checked = validateEnvelope(ctx.request.body);
    if (!checked.ok) return validationError(ctx, checked.masalah);
    try {
      const { nomorTiket, kodeLacak, samaIsi } = await terimaPengaduan(strapi, checked.data, kunci);
      if (samaIsi && kodeLacak === null) {
        return errorBody(
          ctx,
          409,
          'ConflictError',
          `Pengaduan dengan Idempotency-Key ini sudah tercatat sebagai ${nomorTiket}, tetapi kode lacaknya telah diganti petugas; hubungi petugas pengaduan untuk kode yang berlaku.`
        );
      }
      if (!samaIsi || kodeLacak === null) {
        return errorBody(
          ctx,
          422,
          'UnprocessableEntityError',
          'Idempotency-Key ini sudah dipakai untuk pengaduan dengan isi yang berbeda; tidak ada pengaduan baru yang dicatat. Gunakan kunci baru untuk pengaduan baru.'
        );
      }
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
