import { z } from 'zod';
import { KATEGORI_PENERIMA, SALURAN, checkSaluran } from '../penerima';
import { positiveId } from '../input';
import { transition, type Actor, type Guard, type WorkflowDefinition } from '../workflow/types';

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

const facts = (record: { [key: string]: unknown }): KriptogramFacts => record as unknown as KriptogramFacts;

const assignedSandimanOnly: Guard<unknown> = ({ record, actor }) =>
  facts(record).sandiman === actor.id ? null : 'Hanya Sandiman yang ditugaskan untuk kriptogram ini yang dapat melakukan langkah ini.';

/**
 * Who may change a kriptogram's own fields (content manager or a correction step): the Kasi;
 * before a Sandiman is assigned, the Sandiman who registered it; afterwards only the assigned
 * Sandiman (issue 10 item 4, SOP "Penerimaan Naskah Dinas yang Dikecualikan" steps 1–4).
 * Takes the assignment facts and the actor; returns null when allowed, else the reason (403).
 */
export const kriptogramEditorRule = (record: Pick<KriptogramFacts, 'sandiman' | 'pencatat'>, actor: Actor): string | null => {
  if (actor.roles.includes('kasi')) return null;
  if (!actor.roles.includes('sandiman')) return 'Hanya Sandiman yang berwenang atau Kasi yang dapat mengubah kriptogram.';
  if (record.sandiman !== null) {
    return record.sandiman === actor.id ? null : 'Kriptogram ini hanya dapat diubah oleh Sandiman yang ditugaskan atau Kasi.';
  }
  return record.pencatat === actor.id ? null : 'Sebelum ada penugasan, kriptogram hanya dapat diubah oleh Sandiman yang mencatatnya atau Kasi.';
};

/** Four eyes: whoever initialled the pengantar as Sandiman does not also sign it as Kasi. */
const notTheInitialler: Guard<unknown> = ({ record, actor }) =>
  facts(record).sandiman === actor.id ? 'Surat pengantar yang Anda paraf sebagai Sandiman harus ditandatangani Kasi yang lain.' : null;

const penerimaSchema = z
  .object({
    nama: z.string().trim().max(150).optional(),
    jabatan: z.string().trim().min(2, 'jabatan penerima wajib diisi').max(200),
    kategori: z.enum(KATEGORI_PENERIMA),
    saluran: z.enum(SALURAN),
    alamat: z.string().trim().max(300).optional(),
  })
  .strict();

const berkasSchema = z
  .object({
    nama: z.string().trim().min(1).max(200),
    tipe: z.enum(['text/plain', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']),
    base64: z.string().max(7_000_000, 'berkas terlalu besar (maks. 5 MB)').regex(/^[A-Za-z0-9+/=\s]+$/, 'harus base64'),
  })
  .strict();

/** The typed (or uploaded) plaintext of the salinan and its distribution list. */
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

export const dideskripsiInput = z.object({ salinan: salinanInput }).strict();
export const parafSandimanInput = z.object({ salinan: salinanInput.optional() }).strict();
export const sandimanInput = z.object({ sandiman: positiveId }).strict();
export const checklistInput = z
  .object({
    checklist: z
      .object({
        cap: z.literal(true, 'cap dinas wajib dibubuhkan'),
        amplop: z.literal(true, 'amplop wajib disegel'),
        amplopRangkap: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

type SalinanData = z.infer<typeof salinanInput>;

const channelRule: Guard<{ salinan?: SalinanData }> = ({ input }) => (input.salinan ? checkSaluran(input.salinan.penerima) : null);

const doubleEnvelope: Guard<z.infer<typeof checklistInput>> = ({ record, input }) =>
  needsDoubleEnvelope(facts(record).klasifikasi) && input.checklist.amplopRangkap !== true
    ? `Naskah ${KLASIFIKASI_LABEL[facts(record).klasifikasi]} wajib dalam amplop rangkap (data.checklist.amplopRangkap) dengan kode klasifikasi tertera.`
    : null;

const everyCopyHasResi: Guard = ({ record }) => {
  const { distribusi, jumlahPenerima } = facts(record);
  if (distribusi.length === 0 || distribusi.length < jumlahPenerima) return 'Belum setiap penerima memiliki salinan bernomor.';
  const pending = distribusi.filter((copy) => copy.tahap !== 'diterima').length;
  return pending === 0 ? null : `Masih ada ${pending} salinan tanpa resi tanda terima.`;
};

const signed: Guard = ({ record }) =>
  facts(record).parafSandiman && facts(record).tandaTanganKasi ? null : 'Surat pengantar belum diparaf Sandiman dan ditandatangani Kasi.';

/** Classified text never enters the audit digest: only that it was given. */
const redactSalinan = (input: { salinan?: SalinanData } | undefined) =>
  input?.salinan
    ? {
        salinan: {
          perihal: input.salinan.perihal,
          penerima: input.salinan.penerima,
          isi: input.salinan.isi !== undefined ? '[dirahasiakan]' : undefined,
          berkas: input.salinan.berkas ? { nama: '[dirahasiakan]', tipe: input.salinan.berkas.tipe } : undefined,
        },
      }
    : {};

/** SOP "Penerimaan Naskah Dinas yang Dikecualikan", steps 1–9. */
export const KRIPTOGRAM: WorkflowDefinition = {
  model: 'kriptogram',
  uid: 'api::kriptogram.kriptogram',
  title: 'Penerimaan Naskah Dinas yang Dikecualikan',
  sop: 'Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan',
  initial: 'diterima',
  assignees: (record) => {
    const sandiman = facts(record).sandiman;
    return sandiman === null ? [] : [sandiman];
  },
  states: [
    { key: 'diterima', label: 'Kriptogram diterima' },
    { key: 'diagendakan', label: 'Diagendakan' },
    { key: 'dilaporkan', label: 'Dilaporkan ke Kasi' },
    { key: 'ditugaskan_deskripsi', label: 'Ditugaskan untuk dideskripsi' },
    { key: 'dideskripsi', label: 'Dideskripsi (salinan diketik)' },
    { key: 'diparaf_sandiman', label: 'Pengantar diparaf Sandiman' },
    { key: 'ditandatangani_kasi', label: 'Pengantar ditandatangani Kasi' },
    { key: 'dinomori', label: 'Dinomori, dicap, diamplop' },
    { key: 'didistribusikan', label: 'Didistribusikan' },
    { key: 'diarsipkan', label: 'Diarsipkan', final: true },
  ],
  transitions: [
    transition({
      from: ['diterima'],
      to: 'diagendakan',
      label: 'Agendakan di buku agenda kriptogram masuk',
      langkah: '1–2',
      roles: ['sandiman'],
      effects: () => [{ type: 'assignAgendaNumber', buku: 'kriptogram-masuk' }],
    }),
    transition({
      from: ['diagendakan'],
      to: 'dilaporkan',
      label: 'Laporkan ke Kasi',
      langkah: '3',
      roles: ['sandiman'],
    }),
    transition({
      from: ['dilaporkan'],
      to: 'ditugaskan_deskripsi',
      label: 'Tugaskan Sandiman mendeskripsi',
      langkah: '4',
      roles: ['kasi'],
      input: sandimanInput,
      effects: ({ input }) => [{ type: 'assignSandiman', sandiman: input.sandiman }],
    }),
    transition({
      from: ['ditugaskan_deskripsi'],
      to: 'dideskripsi',
      label: 'Ketik salinan dan surat pengantar',
      langkah: '5',
      roles: ['sandiman'],
      actorRules: [assignedSandimanOnly],
      input: dideskripsiInput,
      guards: [channelRule],
      redact: redactSalinan,
      effects: ({ input }) => [{ type: 'writeSalinan', salinan: input.salinan }],
    }),
    transition({
      from: ['dideskripsi'],
      to: 'diparaf_sandiman',
      label: 'Paraf surat pengantar',
      langkah: '6',
      roles: ['sandiman'],
      actorRules: [assignedSandimanOnly],
      input: parafSandimanInput,
      guards: [channelRule],
      redact: redactSalinan,
      effects: ({ input }) => [
        ...(input.salinan ? [{ type: 'writeSalinan', salinan: input.salinan }] : []),
        { type: 'signSalinan', tanda: 'parafSandiman' },
      ],
    }),
    transition({
      from: ['diparaf_sandiman'],
      to: 'ditandatangani_kasi',
      label: 'Tandatangani surat pengantar',
      langkah: '7',
      roles: ['kasi'],
      actorRules: [notTheInitialler],
      effects: () => [{ type: 'signSalinan', tanda: 'tandaTanganKasi' }],
    }),
    transition({
      from: ['diparaf_sandiman'],
      to: 'dideskripsi',
      label: 'Kembalikan untuk diperbaiki',
      langkah: '7',
      roles: ['kasi'],
      catatan: 'wajib',
      kind: 'kembali',
      effects: () => [{ type: 'clearSalinanSignatures' }],
    }),
    transition({
      from: ['ditandatangani_kasi'],
      to: 'dinomori',
      label: 'Nomori, cap, dan amplopkan salinan',
      langkah: '8',
      roles: ['sandiman'],
      actorRules: [assignedSandimanOnly],
      input: checklistInput,
      inputRules: [doubleEnvelope],
      guards: [signed],
      effects: ({ input }) => [{ type: 'numberSalinan', checklist: input.checklist }],
    }),
    transition({
      from: ['dinomori'],
      to: 'didistribusikan',
      label: 'Semua salinan telah didistribusikan dengan resi',
      langkah: '8',
      roles: ['sandiman'],
      actorRules: [assignedSandimanOnly],
      guards: [everyCopyHasResi],
    }),
    transition({
      from: ['didistribusikan'],
      to: 'diarsipkan',
      label: 'Arsipkan kriptogram dan salinan',
      langkah: '9',
      roles: ['sandiman'],
      actorRules: [assignedSandimanOnly],
      guards: [signed, everyCopyHasResi],
      effects: () => [{ type: 'archiveSalinan' }],
    }),
  ],
};
