import { z } from 'zod';
import { positiveId } from '../input';
import { transition, type Guard, type WorkflowDefinition } from '../workflow/types';

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

const facts = (record: { [key: string]: unknown }): DistribusiFacts => record as unknown as DistribusiFacts;

const parentOutForDelivery: Guard = ({ record }) => {
  const copy = facts(record);
  return copy.indukTahap === DELIVERY_STATE[copy.jenisInduk]
    ? null
    : 'Naskah induk tidak sedang dalam tahap distribusi.';
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

export const tandaTerimaInput = z
  .object({
    diterimaOleh: z.string().trim().min(2, 'nama penerima wajib diisi').max(150),
    waktu: z.iso.datetime({ offset: true }).optional(),
    bukti: positiveId.optional(),
  })
  .strict();

/** Clock difference tolerated between the courier's device and the server, in ms. */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * A receipt is signed after its copy was handed to the courier and not later than now
 * (a receipt dated 1999, or tomorrow, is refused 400). `waktu` absent means now.
 */
export const receiptWithinAssignment: Guard<z.infer<typeof tandaTerimaInput>> = ({ record, input, now }) => {
  if (!input.waktu) return null;
  const waktu = new Date(input.waktu).getTime();
  if (waktu > now.getTime() + CLOCK_TOLERANCE_MS) return 'Waktu tanda terima tidak boleh di masa depan.';
  const ditugaskanPada = facts(record).ditugaskanPada;
  if (ditugaskanPada !== null && waktu < new Date(ditugaskanPada).getTime() - CLOCK_TOLERANCE_MS) {
    return `Waktu tanda terima tidak boleh sebelum salinan ditugaskan untuk diantar (${ditugaskanPada}).`;
  }
  return null;
};

export const reassignInput = z.object({ caraka: positiveId }).strict();

/** One copy to one recipient: delivered with a signed receipt, or failed and re-assigned. */
export const DISTRIBUSI: WorkflowDefinition = {
  model: 'distribusi',
  uid: 'api::distribusi.distribusi',
  title: 'Distribusi salinan',
  initial: 'ditugaskan',
  assignees: (record) => {
    const copy = facts(record);
    return [copy.jenisInduk === 'berita' ? copy.caraka : copy.sandiman].filter((id): id is number => id !== null);
  },
  states: [
    { key: 'ditugaskan', label: 'Ditugaskan' },
    { key: 'diterima', label: 'Diterima (tanda terima)', final: true },
    { key: 'gagal', label: 'Gagal diantar' },
  ],
  transitions: [
    transition({
      from: ['ditugaskan'],
      to: 'diterima',
      label: 'Catat tanda terima',
      roles: ['caraka', 'sandiman'],
      input: tandaTerimaInput,
      actorRules: [carrierOnly],
      inputRules: [receiptWithinAssignment],
      guards: [parentOutForDelivery],
      effects: ({ input, now }) => [
        { type: 'recordReceipt', diterimaOleh: input.diterimaOleh, waktu: input.waktu ?? now.toISOString(), bukti: input.bukti ?? null },
      ],
    }),
    transition({
      from: ['ditugaskan'],
      to: 'gagal',
      label: 'Catat gagal diantar',
      roles: ['caraka', 'sandiman'],
      catatan: 'wajib',
      actorRules: [carrierOnly],
      guards: [parentOutForDelivery],
      kind: 'kembali',
    }),
    transition({
      from: ['gagal'],
      to: 'ditugaskan',
      label: 'Tugaskan ulang',
      roles: ['kasi'],
      input: reassignInput,
      guards: [parentOutForDelivery],
      effects: ({ input }) => [{ type: 'reassignCaraka', caraka: input.caraka }],
    }),
  ],
};
