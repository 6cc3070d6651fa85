import { z } from 'zod';
import { penerimaSchema } from '../../domain/penerima';
import {
  effectEntry,
  guardEntry,
  redactionEntry,
  resolveValue,
  valueRefSchema,
  valuesEffect,
  type ValueRef,
  type VocabularyPart,
} from '../../plugins/sop/server/src/engine/index';

export const KLASIFIKASI = ['terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type Klasifikasi = (typeof KLASIFIKASI)[number];

export const KLASIFIKASI_LABEL: Record<Klasifikasi, string> = {
  terbatas: 'TERBATAS',
  rahasia: 'RAHASIA',
  sangat_rahasia: 'SANGAT RAHASIA',
};

/** Rahasia and Sangat Rahasia travel in a double envelope. */
export const needsDoubleEnvelope = (klasifikasi: string): boolean => klasifikasi === 'rahasia' || klasifikasi === 'sangat_rahasia';

/** Facts the kriptogram guards read. */
export type KriptogramFacts = {
  tahap: string;
  klasifikasi: Klasifikasi;
  sandiman: number | null;
  /** admin user id of whoever registered (created) the kriptogram; null when the system did */
  pencatat: number | null;
  adaSalinan: boolean;
  parafSandiman: boolean;
  tandaTanganKasi: boolean;
  jumlahPenerima: number;
  distribusi: readonly { tahap: string }[];
};

const berkasSchema = z
  .object({
    nama: z.string().trim().min(1).max(200),
    tipe: z.enum(['text/plain', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']),
    base64: z
      .string()
      .max(7_000_000, 'berkas terlalu besar (maks. 5 MB)')
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'harus base64'),
  })
  .strict();

/** The typed (or uploaded) plaintext of the salinan and its distribution list: the value of a `salinan` field. */
export const salinanInput = z
  .object({
    perihal: z.string().trim().min(3, 'perihal wajib diisi').max(300),
    isi: z.string().max(100_000).optional(),
    berkas: berkasSchema.optional(),
    penerima: z.array(penerimaSchema).min(1, 'paling sedikit satu penerima').max(50),
    lampiran: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((value) => (value.isi !== undefined && value.isi.trim() !== '') || value.berkas !== undefined, {
    message: 'isi salinan (teks) atau berkasnya wajib diisi',
    path: ['isi'],
  });

type SalinanData = z.infer<typeof salinanInput>;

/** Classified text never enters the audit digest: only that it was given. */
export const redactSalinan = (input: unknown): unknown => {
  const salinan = (input as { salinan?: SalinanData } | undefined)?.salinan;
  return salinan
    ? {
        salinan: {
          perihal: salinan.perihal,
          penerima: salinan.penerima,
          isi: salinan.isi !== undefined ? '[dirahasiakan]' : undefined,
          berkas: salinan.berkas ? { nama: '[dirahasiakan]', tipe: salinan.berkas.tipe } : undefined,
        },
      }
    : {};
};

const noParams = z.object({}).strict();

/**
 * The kriptogram SOP's own vocabulary ("Penerimaan Naskah Dinas yang Dikecualikan"): the
 * salinan field (step 5), the double-envelope rule (step 8), the salinan redaction and
 * the salinan effects (handlers in src/sop-defs/kriptogram/effects.ts).
 */
export const KRIPTOGRAM_VOCABULARY: VocabularyPart = {
  fieldTypes: {
    salinan: {
      describe: 'Salinan kriptogram: perihal, isi atau berkas, daftar penerima, lampiran',
      schema: (field) => (field.wajib ? salinanInput : salinanInput.optional()),
      check: (field) => (field.min !== undefined || field.maks !== undefined ? ['isian "salinan" tidak memakai "min"/"maks"'] : []),
    },
  },
  guards: {
    /** Step 8: Rahasia and Sangat Rahasia need `checklist.amplopRangkap` (an input rule, 400). */
    doubleEnvelope: guardEntry({
      params: noParams,
      describe: 'Naskah Rahasia/Sangat Rahasia wajib dalam amplop rangkap',
      build:
        () =>
        ({ record, input }) => {
          const klasifikasi = (record as unknown as KriptogramFacts).klasifikasi;
          const checklist = (input as { checklist?: { amplopRangkap?: boolean } } | undefined)?.checklist;
          return needsDoubleEnvelope(klasifikasi) && checklist?.amplopRangkap !== true
            ? `Naskah ${KLASIFIKASI_LABEL[klasifikasi]} wajib dalam amplop rangkap (data.checklist.amplopRangkap) dengan kode klasifikasi tertera.`
            : null;
        },
    }),
  },
  redactions: {
    salinan: redactionEntry({ params: noParams, describe: 'Isi dan berkas salinan dirahasiakan dari jejak audit', build: () => redactSalinan }),
  },
  effects: {
    /** `opsional`: no effect when the input has no salinan (the paraf step may correct it, or not). */
    writeSalinan: effectEntry<{ salinan: ValueRef; opsional?: boolean }>({
      params: z.object({ salinan: valueRefSchema, opsional: z.boolean().optional() }).strict(),
      describe: 'Tulis (terenkripsi) salinan dan daftar penerimanya',
      resolve: ({ salinan, opsional }, context) => {
        const value = resolveValue(salinan, context);
        return value === undefined && opsional ? null : { salinan: value };
      },
    }),
    numberSalinan: valuesEffect({ checklist: valueRefSchema }, 'Nomori, cap, amplopkan salinan dan buat distribusinya'),
    archiveSalinan: valuesEffect({}, 'Arsipkan salinan'),
  },
};
