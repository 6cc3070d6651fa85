import type { EffectHandler, StaffActor } from '../../plugins/sop/server/src/index';
import type { Core } from '@strapi/strapi';
import { positiveId } from '../../plugins/sop/server/src/engine/index';
import { assertBuktiFree, checkBuktiMayBeUsed, normaliseBukti } from './bukti';

/** The copy's own effects; each runs inside the step's transaction. */
export const DISTRIBUSI_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /**
   * `{ diterimaOleh, waktu, bukti }`: the signed receipt. The proof file was checked and its
   * metadata stripped before the transaction (prepareDistribusiInput); here, under the
   * file row's lock, it is checked again to be free and the recorder's own, then attached.
   */
  async recordReceipt(effect, { strapi, trx, record, actor }) {
    if (effect.bukti) await assertBuktiFree(strapi, trx, Number(effect.bukti), actor);
    await strapi.db.query('api::distribusi.distribusi').update({
      where: { id: record.id },
      data: {
        diterimaOleh: String(effect.diterimaOleh),
        waktuDiterima: String(effect.waktu),
        ...(effect.bukti ? { bukti: Number(effect.bukti) } : {}),
      },
    });
  },
};

/**
 * Before a receipt's transaction: the proof photo (`data.bukti`) is the recorder's own free
 * upload, a real JPEG/PNG/WebP or PDF, and an image loses its EXIF/GPS metadata on disk — file
 * work that must not hold the step's locks. Throws ValidationError (400) naming `data.bukti`.
 */
export const prepareDistribusiInput = async (strapi: Core.Strapi, input: { data: unknown; actor: StaffActor }): Promise<void> => {
  // the step's own field schema (a number or a string of digits, at most MAX_ID): what it accepts is prepared here
  const bukti = positiveId.safeParse((input.data as { bukti?: unknown } | null | undefined)?.bukti);
  if (!bukti.success) return;
  await checkBuktiMayBeUsed(strapi, bukti.data, input.actor);
  await normaliseBukti(strapi, bukti.data);
};
