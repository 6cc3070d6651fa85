import { z } from 'zod';
import {
  effectEntry,
  guardEntry,
  resolveValue,
  valueRefSchema,
  valuesEffect,
  type JenisKonten,
  type VocabularyPart,
} from '../../plugins/sop/server/src/engine/index';
import type { Guard } from '../../plugins/sop/server/src/engine/index';

/** Facts the copy's guards read: which record it belongs to and who carries it. */
export type DistribusiFacts = {
  tahap: string;
  /** a berita's copy, a kriptogram's, or a copy of a record whose workflow is bound from data (`salinanPerPenerima`) */
  jenisInduk: 'berita' | 'kriptogram' | 'terikat';
  indukTahap: string;
  /** a bound parent's state in which its copies are out for delivery (the state the step that made them led to) */
  indukTahapAntar?: string | null;
  caraka: number | null;
  sandiman: number | null;
  /** ISO 8601 instant the copy was last assigned (created, or re-assigned after `gagal`) */
  ditugaskanPada: string | null;
};

/** The parent state in which copies are out for delivery (a bound parent's is stored on its copies: `indukTahapAntar`). */
export const DELIVERY_STATE: Record<'berita' | 'kriptogram', string> = {
  berita: 'ditugaskan_ke_caraka',
  kriptogram: 'dinomori',
};

/** Clock difference tolerated between the courier's device and the server, in ms. */
export const CLOCK_TOLERANCE_MS = 60_000;

const facts = (record: { [key: string]: unknown }): DistribusiFacts => record as unknown as DistribusiFacts;

const parentOutForDelivery: Guard = ({ record }) => {
  const copy = facts(record);
  const antar = copy.jenisInduk === 'terikat' ? copy.indukTahapAntar : DELIVERY_STATE[copy.jenisInduk];
  return antar && copy.indukTahap === antar ? null : 'Naskah induk tidak sedang dalam tahap distribusi.';
};

const carrierOnly: Guard = ({ record, actor }) => {
  const copy = facts(record);
  if (copy.jenisInduk !== 'kriptogram') {
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

/**
 * `salinanPerPenerima`'s params: `kolom`, the JSON field of the record that lists its recipients
 * (`[{ nama, jabatan, kategori, saluran, alamat }]`, src/domain/penerima.ts), and `caraka`, who
 * carries every copy (a value: usually `{ "masukan": "caraka" }`, a `pengguna` field of peran caraka).
 */
export const salinanPerPenerimaParams = z
  .object({
    kolom: z
      .string()
      .trim()
      .min(1, 'kolom penerima wajib diisi')
      .max(100)
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'nama kolom tidak sah')
      .describe('Kolom JSON naskah yang memuat daftar penerima, mis. "penerima"'),
    caraka: valueRefSchema.describe('Caraka yang membawa salinan, mis. { "masukan": "caraka" } (isian pengguna berperan caraka)'),
  })
  .strict();

/**
 * What keeps `salinanPerPenerima` from running on a content type (see EffectEntry.periksaJenis),
 * in Indonesian, empty when nothing: a type no workflow may be bound to without code (it lacks the
 * engine's field `penugasan`, which the plugin gives every bindable type and takes back from a type
 * an SOP in code governs, whose copies are its own: createDistribusi), or `kolom` missing, one of
 * the engine's hidden fields, or not a JSON field. Shown by `POST /sop/alur/periksa`, refused at activation.
 */
export const periksaKolomPenerima = ({ kolom }: { kolom: string }, jenis: JenisKonten): string[] => {
  if (!jenis.attributes.penugasan) {
    return [`efek salinanPerPenerima hanya untuk jenis konten yang dijalankan alur tanpa kode; ${jenis.uid} diatur SOP dalam kode.`];
  }
  const attribute = Object.prototype.hasOwnProperty.call(jenis.attributes, kolom) ? jenis.attributes[kolom] : undefined;
  if (!attribute || attribute.visible === false) {
    return [
      `efek salinanPerPenerima: kolom penerima "${kolom}" tidak ada pada ${jenis.uid}; tambahkan bidang JSON "${kolom}" di Content-Type Builder.`,
    ];
  }
  if (attribute.type !== 'json') {
    return [`efek salinanPerPenerima: kolom penerima "${kolom}" pada ${jenis.uid} berjenis ${String(attribute.type)}, harus JSON (daftar penerima).`];
  }
  return [];
};

/** The copy workflow's own vocabulary: who carries it, when its receipt may be dated, the receipt effect. */
export const DISTRIBUSI_VOCABULARY: VocabularyPart = {
  guards: {
    parentOutForDelivery: guardEntry({ params: noParams, describe: 'Naskah induk sedang dalam tahap distribusi', build: () => parentOutForDelivery }),
    carrierOnly: guardEntry({
      params: noParams,
      describe: 'Hanya pembawa salinan (Caraka yang ditugaskan; untuk kriptogram Sandiman yang ditugaskan atau Caraka)',
      build: () => carrierOnly,
    }),
    receiptWithinAssignment: guardEntry({
      params: noParams,
      describe: 'Waktu tanda terima antara penugasan dan sekarang',
      build: () => receiptWithinAssignment as Guard<unknown>,
    }),
  },
  effects: {
    /**
     * On a record of a workflow bound from data: one copy per recipient listed in its JSON field
     * `kolom`, all carried by `caraka`, delivered with a receipt; the record waits for them with
     * `everyCopyDelivered` (handler: src/sop-defs/distribusi/salinan-per-penerima.ts).
     */
    salinanPerPenerima: effectEntry<z.infer<typeof salinanPerPenerimaParams>>({
      params: salinanPerPenerimaParams,
      describe: 'Buat satu salinan per penerima (dari kolom JSON naskah) untuk diantar Caraka dengan tanda terima',
      resolve: ({ kolom, caraka }, context) => ({ kolom, caraka: resolveValue(caraka, context) }),
      periksaJenis: periksaKolomPenerima,
    }),
    recordReceipt: valuesEffect(
      { diterimaOleh: valueRefSchema, waktu: valueRefSchema, bukti: valueRefSchema },
      'Catat tanda terima (nama, waktu, berkas bukti)'
    ),
  },
};
