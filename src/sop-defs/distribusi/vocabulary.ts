import { z } from 'zod';
import { guardEntry, valueRefSchema, valuesEffect, type VocabularyPart } from '../../plugins/sop/server/src/engine/index';
import type { Guard } from '../../plugins/sop/server/src/engine/index';

/** Facts the copy's guards read: which record it belongs to and who carries it. */
export type DistribusiFacts = {
  tahap: string;
  jenisInduk: 'berita' | 'kriptogram';
  indukTahap: string;
  caraka: number | null;
  sandiman: number | null;
  /** ISO 8601 instant the copy was last assigned (created, or re-assigned after `gagal`) */
  ditugaskanPada: string | null;
};

/** The parent state in which copies are out for delivery. */
export const DELIVERY_STATE: Record<DistribusiFacts['jenisInduk'], string> = {
  berita: 'ditugaskan_ke_caraka',
  kriptogram: 'dinomori',
};

/** Clock difference tolerated between the courier's device and the server, in ms. */
export const CLOCK_TOLERANCE_MS = 60_000;

const facts = (record: { [key: string]: unknown }): DistribusiFacts => record as unknown as DistribusiFacts;

const parentOutForDelivery: Guard = ({ record }) => {
  const copy = facts(record);
  return copy.indukTahap === DELIVERY_STATE[copy.jenisInduk] ? null : 'Naskah induk tidak sedang dalam tahap distribusi.';
};

const carrierOnly: Guard = ({ record, actor }) => {
  const copy = facts(record);
  if (copy.jenisInduk === 'berita') {
    return copy.caraka === actor.id ? null : 'Hanya Caraka yang ditugaskan untuk salinan ini yang dapat mencatat tanda terimanya.';
  }
  return copy.sandiman === actor.id || actor.roles.includes('caraka')
    ? null
    : 'Hanya Sandiman yang ditugaskan atau Caraka yang dapat mencatat resi salinan ini.';
};

/**
 * A receipt is signed after its copy was handed to the courier and not later than now
 * (a receipt dated 1999, or tomorrow, is refused 400). `waktu` absent means now.
 */
export const receiptWithinAssignment: Guard<{ waktu?: string }> = ({ record, input, now }) => {
  if (!input?.waktu) return null;
  const waktu = new Date(input.waktu).getTime();
  if (waktu > now.getTime() + CLOCK_TOLERANCE_MS) return 'Waktu tanda terima tidak boleh di masa depan.';
  const ditugaskanPada = facts(record).ditugaskanPada;
  if (ditugaskanPada !== null && waktu < new Date(ditugaskanPada).getTime() - CLOCK_TOLERANCE_MS) {
    return `Waktu tanda terima tidak boleh sebelum salinan ditugaskan untuk diantar (${ditugaskanPada}).`;
  }
  return null;
};

const noParams = z.object({}).strict();

/** The copy workflow's own vocabulary: who carries it, when its receipt may be dated, the receipt effect. */
export const DISTRIBUSI_VOCABULARY: VocabularyPart = {
  guards: {
    parentOutForDelivery: guardEntry({ params: noParams, describe: 'Naskah induk sedang dalam tahap distribusi', build: () => parentOutForDelivery }),
    carrierOnly: guardEntry({
      params: noParams,
      describe: 'Hanya pembawa salinan (Caraka berita; Sandiman yang ditugaskan atau Caraka untuk kriptogram)',
      build: () => carrierOnly,
    }),
    receiptWithinAssignment: guardEntry({
      params: noParams,
      describe: 'Waktu tanda terima antara penugasan dan sekarang',
      build: () => receiptWithinAssignment as Guard<unknown>,
    }),
  },
  effects: {
    recordReceipt: valuesEffect(
      { diterimaOleh: valueRefSchema, waktu: valueRefSchema, bukti: valueRefSchema },
      'Catat tanda terima (nama, waktu, berkas bukti)'
    ),
  },
};
