import { z } from 'zod';
import { BATAS } from '../pengaduan';
import { transition, type WorkflowDefinition } from '../workflow/types';

export const PENGADUAN_STATES = [
  { key: 'diterima', label: 'Diterima' },
  { key: 'diproses', label: 'Diproses petugas' },
  { key: 'diteruskan_ke_pejabat', label: 'Diteruskan ke Pejabat Pengaduan' },
  { key: 'selesai', label: 'Selesai', final: true },
  { key: 'ditolak', label: 'Ditolak', final: true },
] as const;

export type TahapPengaduan = (typeof PENGADUAN_STATES)[number]['key'];

export const tanggapanInput = z
  .object({
    tanggapan: z
      .string({ error: 'tanggapan wajib diisi' })
      .trim()
      .min(10, 'tanggapan minimal 10 karakter')
      .max(BATAS.isiMax, `tanggapan paling banyak ${BATAS.isiMax} karakter`)
      .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'tanggapan memuat karakter kendali'),
  })
  .strict();

const OPEN = ['diterima', 'diproses', 'diteruskan_ke_pejabat'];

/**
 * Pengaduan langsung in the service standard: the petugas responds until there is a
 * solution; what the petugas cannot resolve goes to the Pejabat Pengaduan, who
 * resolves it. Every step refreshes the deadline that now applies.
 */
export const PENGADUAN: WorkflowDefinition = {
  model: 'pengaduan',
  uid: 'api::pengaduan.pengaduan',
  title: 'Pengaduan',
  sop: 'Pengelolaan Pengaduan',
  initial: 'diterima',
  pengawas: 'pejabatPengaduan',
  states: PENGADUAN_STATES,
  transitions: [
    transition({
      from: ['diterima'],
      to: 'diproses',
      label: 'Proses pengaduan',
      langkah: 'b.1–2',
      roles: ['petugasPengaduan'],
      effects: () => [{ type: 'perbaruiTenggat', tahap: 'diproses' }],
    }),
    transition({
      from: ['diproses'],
      to: 'diteruskan_ke_pejabat',
      label: 'Teruskan ke Pejabat Pengaduan',
      langkah: 'b.3',
      roles: ['petugasPengaduan'],
      catatan: 'opsional',
      effects: () => [{ type: 'perbaruiTenggat', tahap: 'diteruskan_ke_pejabat' }],
    }),
    transition({
      from: ['diproses'],
      to: 'selesai',
      label: 'Selesaikan dengan tanggapan',
      langkah: 'b.2',
      roles: ['petugasPengaduan'],
      input: tanggapanInput,
      effects: ({ input }) => [
        { type: 'setTanggapan', tanggapan: input.tanggapan },
        { type: 'perbaruiTenggat', tahap: 'selesai' },
        { type: 'notifyComplainant', jenis: 'selesai' },
      ],
    }),
    transition({
      from: ['diteruskan_ke_pejabat'],
      to: 'selesai',
      label: 'Selesaikan dengan tanggapan',
      langkah: 'b.4',
      roles: ['pejabatPengaduan'],
      input: tanggapanInput,
      effects: ({ input }) => [
        { type: 'setTanggapan', tanggapan: input.tanggapan },
        { type: 'perbaruiTenggat', tahap: 'selesai' },
        { type: 'notifyComplainant', jenis: 'selesai' },
      ],
    }),
    transition({
      from: OPEN,
      to: 'ditolak',
      label: 'Tolak pengaduan',
      roles: ['pejabatPengaduan'],
      catatan: 'wajib',
      kind: 'batal',
      effects: () => [{ type: 'perbaruiTenggat', tahap: 'ditolak' }, { type: 'notifyComplainant', jenis: 'ditolak' }],
    }),
  ],
};
