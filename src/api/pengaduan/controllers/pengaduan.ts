import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { ringkasMasalah, validateEnvelope, type Masalah } from '../../../domain/pengaduan';
import { INTAKE_STATE } from '../lib/intake-state';
import { now as clockNow, ConflictError, HttpStatusError } from '../../../plugins/sop/server/src/index';
import { API_KEY_TTL_MS, KUNCI_API, type Kunci } from '../lib/idempotensi';
import { terimaPengaduan } from '../lib/intake';
import { clientKey } from '../lib/rate-limit';
import { lacakPengaduan } from '../lib/lacak';

/** The complaint's problems as one ValidationError: a summary, and each field in `details.errors` (Strapi's own shape). */
const validationError = (masalah: readonly Masalah[]): errors.ValidationError =>
  new errors.ValidationError(ringkasMasalah(masalah), {
    errors: masalah.map((m) => ({ path: m.path, message: m.message, name: 'ValidationError' })),
  });

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

const NOT_FOUND = 'Pengaduan tidak ditemukan: nomor tiket atau kode lacak tidak cocok.';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `POST /api/pengaduan` — 201 `{ data: { nomorTiket, kodeLacak } }` and nothing else. With an
   * `Idempotency-Key`, a repeat (even a concurrent one) gets the same 201; the same key with
   * another complaint gets 422. Throws ValidationError (400), HttpStatusError (415, 422) or
   * ConflictError (409); `strapi::errors` answers them.
   */
  async kirim(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    // The intake middleware reads and parses this body; without its mark the request came round it.
    if (!ctx.state[INTAKE_STATE]) throw new HttpStatusError(415, 'UnsupportedMediaTypeError', 'Kirim badan JSON ke /api/pengaduan.');
    const kunci = kunciDari(ctx);
    if (kunci === 'tidak-sah') {
      throw new errors.ValidationError(
        'Header Idempotency-Key tidak sah: gunakan 1–255 karakter ASCII yang terlihat (tanpa spasi), misalnya sebuah UUID.'
      );
    }
    const checked = validateEnvelope(ctx.request.body);
    if (!checked.ok) throw validationError(checked.masalah);
    let diterima: Awaited<ReturnType<typeof terimaPengaduan>>;
    try {
      diterima = await terimaPengaduan(strapi, checked.data, kunci);
    } catch (error: unknown) {
      if (!(error instanceof errors.ValidationError)) throw error;
      const details = (error.details ?? {}) as { errors?: Masalah[] };
      throw validationError(details.errors ?? [{ path: [], message: error.message }]);
    }
    const { nomorTiket, kodeLacak, samaIsi } = diterima;
    if (samaIsi && kodeLacak === null) {
      throw new ConflictError(
        `Pengaduan dengan Idempotency-Key ini sudah tercatat sebagai ${nomorTiket}, tetapi kode lacaknya telah diganti petugas; hubungi petugas pengaduan untuk kode yang berlaku.`
      );
    }
    if (!samaIsi || kodeLacak === null) {
      throw new HttpStatusError(
        422,
        'UnprocessableEntityError',
        'Idempotency-Key ini sudah dipakai untuk pengaduan dengan isi yang berbeda; tidak ada pengaduan baru yang dicatat. Gunakan kunci baru untuk pengaduan baru.'
      );
    }
    ctx.status = 201;
    ctx.body = { data: { nomorTiket, kodeLacak } };
  },

  /** `GET /api/pengaduan/lacak/:nomorTiket?kode=…` — status and timeline; the same 404 for every miss. */
  async lacak(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    const kode = typeof ctx.query.kode === 'string' ? ctx.query.kode : null;
    const hasil = await lacakPengaduan(strapi, ctx.params.nomorTiket, kode);
    if (!hasil) throw new errors.NotFoundError(NOT_FOUND);
    ctx.body = { data: hasil };
  },
});
