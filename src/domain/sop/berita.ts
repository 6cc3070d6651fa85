import { z } from 'zod';
import { positiveId } from '../input';
import { checkSaluran, type Penerima } from '../penerima';
import { transition, type Guard, type WorkflowDefinition } from '../workflow/types';

export type TingkatParaf = 'kasi' | 'kabid' | 'kadis';

/** Facts the berita guards read; built by the server from the record, its kartu kendali and its copies. */
export type BeritaFacts = {
  tahap: string;
  penerima: readonly Penerima[];
  paraf: Partial<Record<TingkatParaf, boolean>>;
  /** admin user ids of whoever gave the paraf now on the kartu kendali (a send-back clears them) */
  pemaraf: readonly number[];
  /** admin user ids of the Caraka assigned to the copies */
  caraka: readonly number[];
  distribusi: readonly { tahap: string }[];
};

const facts = (record: { [key: string]: unknown }): BeritaFacts => record as unknown as BeritaFacts;

const hasRecipients: Guard = ({ record }) =>
  facts(record).penerima.length > 0 ? null : 'Berita belum memiliki penerima: isi daftar penerima terlebih dahulu.';

const channelRule: Guard = ({ record }) => checkSaluran(facts(record).penerima);

const PARAF_LABEL: Record<TingkatParaf, string> = {
  kasi: 'Kepala Seksi Persandian dan Keamanan Informasi',
  kabid: 'Kepala Bidang Aplikasi dan Persandian',
  kadis: 'Kepala Dinas',
};

const parafGiven =
  (...levels: TingkatParaf[]): Guard =>
  ({ record }) => {
    const missing = levels.filter((level) => !facts(record).paraf[level]);
    return missing.length === 0 ? null : `Paraf belum lengkap: ${missing.map((level) => PARAF_LABEL[level]).join(', ')}.`;
  };

/**
 * Paraf berjenjang means three people check the berita (DESIGN.md "Who performs each
 * transition"): whoever gave one paraf on it may not give another, even holding the
 * Kasi, Kabid and Kepala Dinas roles at once. Refused 403.
 */
const notAlreadyInitialled: Guard = ({ record, actor }) =>
  facts(record).pemaraf.includes(actor.id)
    ? 'Anda sudah memberi paraf pada berita ini: paraf Kasi, Kabid, dan Kepala Dinas harus dari tiga orang yang berbeda.'
    : null;

/** Only a Caraka assigned to its copies, or the Kasi, closes the delivery of a berita (DESIGN.md). Refused 403. */
const assignedCarakaOrKasi: Guard = ({ record, actor }) =>
  actor.roles.includes('kasi') || facts(record).caraka.includes(actor.id)
    ? null
    : 'Hanya Caraka yang ditugaskan untuk berita ini atau Kasi yang dapat menutup pendistribusiannya.';

const everyCopyReceived: Guard = ({ record }) => {
  const { distribusi, penerima } = facts(record);
  if (distribusi.length === 0) return 'Belum ada salinan yang ditugaskan untuk didistribusikan.';
  if (distribusi.length < penerima.length) return 'Belum setiap penerima memiliki salinan untuk didistribusikan.';
  const pending = distribusi.filter((copy) => copy.tahap !== 'diterima').length;
  return pending === 0 ? null : `Masih ada ${pending} salinan tanpa tanda terima.`;
};

export const BERITA_STATES = [
  { key: 'diterima', label: 'Diterima di e-mail Sanapati' },
  { key: 'diperiksa', label: 'Diperiksa' },
  { key: 'dicetak', label: 'Dicetak' },
  { key: 'diagendakan', label: 'Diagendakan' },
  { key: 'diteruskan_ke_kasi', label: 'Diteruskan ke Kasi' },
  { key: 'diparaf_kasi', label: 'Diparaf Kasi' },
  { key: 'diparaf_kabid', label: 'Diparaf Kabid' },
  { key: 'diparaf_kadis', label: 'Diparaf Kepala Dinas' },
  { key: 'ditugaskan_ke_caraka', label: 'Ditugaskan ke Caraka' },
  { key: 'didistribusikan', label: 'Didistribusikan' },
  { key: 'tanda_terima_diserahkan', label: 'Tanda terima diserahkan' },
  { key: 'diarsipkan', label: 'Diarsipkan', final: true },
  { key: 'batal', label: 'Batal', final: true },
] as const;

const PARAF_STEPS = ['diteruskan_ke_kasi', 'diparaf_kasi', 'diparaf_kabid', 'diparaf_kadis'] as const;
const VOIDABLE = BERITA_STATES.filter((state) => !('final' in state)).map((state) => state.key);

export const carakaInput = z.object({ caraka: positiveId }).strict();
export const kartuKendaliInput = z
  .object({
    indeks: z.string().trim().max(100).optional(),
    kodeKlasifikasi: z.string().trim().max(20).optional(),
    pengolah: z.string().trim().max(150).optional(),
    catatan: z.string().trim().max(1000).optional(),
  })
  .strict();

/** SOP "Penerimaan Berita Biasa Email Sanapati", steps 1–11. */
export const BERITA: WorkflowDefinition = {
  model: 'berita',
  uid: 'api::berita.berita',
  title: 'Penerimaan Berita Biasa Email Sanapati',
  sop: 'Pelayanan Penerimaan Berita Biasa Email Sanapati',
  initial: 'diterima',
  states: BERITA_STATES,
  assignees: (record) => facts(record).caraka,
  transitions: [
    transition({
      from: ['diterima'],
      to: 'diperiksa',
      label: 'Periksa isi dan tujuan',
      langkah: '1–2',
      roles: ['operator'],
    }),
    transition({
      from: ['diperiksa'],
      to: 'dicetak',
      label: 'Cetak sesuai jumlah penerima',
      langkah: '3',
      roles: ['operator'],
      guards: [hasRecipients, channelRule],
      effects: ({ record }) => [{ type: 'setJumlahCetak', jumlah: facts(record).penerima.length }],
    }),
    transition({
      from: ['dicetak'],
      to: 'diagendakan',
      label: 'Agendakan di buku agenda surat masuk',
      langkah: '4',
      roles: ['operator'],
      effects: () => [{ type: 'assignAgendaNumber', buku: 'surat-masuk' }],
    }),
    transition({
      from: ['diagendakan'],
      to: 'diteruskan_ke_kasi',
      label: 'Isi kartu kendali dan teruskan ke Kasi',
      langkah: '5',
      roles: ['operator'],
      input: kartuKendaliInput,
      effects: ({ input }) => [{ type: 'createKartuKendali', isian: input }],
    }),
    transition({
      from: ['diteruskan_ke_kasi'],
      to: 'diparaf_kasi',
      label: 'Paraf Kasi',
      langkah: '6',
      roles: ['kasi'],
      actorRules: [notAlreadyInitialled],
      effects: () => [{ type: 'recordParaf', tingkat: 'kasi' }],
    }),
    transition({
      from: ['diparaf_kasi'],
      to: 'diparaf_kabid',
      label: 'Paraf Kabid',
      langkah: '6',
      roles: ['kabid'],
      actorRules: [notAlreadyInitialled],
      guards: [parafGiven('kasi')],
      effects: () => [{ type: 'recordParaf', tingkat: 'kabid' }],
    }),
    transition({
      from: ['diparaf_kabid'],
      to: 'diparaf_kadis',
      label: 'Paraf Kepala Dinas',
      langkah: '6',
      roles: ['kadis'],
      actorRules: [notAlreadyInitialled],
      guards: [parafGiven('kasi', 'kabid')],
      effects: () => [{ type: 'recordParaf', tingkat: 'kadis' }],
    }),
    transition({
      from: ['diparaf_kadis'],
      to: 'ditugaskan_ke_caraka',
      label: 'Tugaskan Caraka',
      langkah: '7–9',
      roles: ['kasi'],
      input: carakaInput,
      guards: [parafGiven('kasi', 'kabid', 'kadis'), hasRecipients, channelRule],
      effects: ({ input }) => [{ type: 'createDistribusi', caraka: input.caraka }],
    }),
    transition({
      from: ['ditugaskan_ke_caraka'],
      to: 'didistribusikan',
      label: 'Semua salinan telah didistribusikan',
      langkah: '10',
      roles: ['caraka', 'kasi'],
      actorRules: [assignedCarakaOrKasi],
      guards: [everyCopyReceived],
    }),
    transition({
      from: ['didistribusikan'],
      to: 'tanda_terima_diserahkan',
      label: 'Serahkan tanda terima ke Operator',
      langkah: '10',
      roles: ['caraka', 'kasi'],
      actorRules: [assignedCarakaOrKasi],
      guards: [everyCopyReceived],
    }),
    transition({
      from: ['tanda_terima_diserahkan'],
      to: 'diarsipkan',
      label: 'Arsipkan surat, kartu kendali, dan tanda terima',
      langkah: '11',
      roles: ['operator'],
      guards: [parafGiven('kasi', 'kabid', 'kadis'), everyCopyReceived],
    }),
    transition({
      from: PARAF_STEPS,
      to: 'diperiksa',
      label: 'Kembalikan untuk diperiksa ulang',
      langkah: '6',
      roles: ['kasi', 'kabid', 'kadis'],
      catatan: 'wajib',
      kind: 'kembali',
      effects: () => [{ type: 'clearParaf' }],
    }),
    transition({
      from: VOIDABLE,
      to: 'batal',
      label: 'Batalkan',
      roles: ['operator'],
      catatan: 'wajib',
      kind: 'batal',
    }),
  ],
};
