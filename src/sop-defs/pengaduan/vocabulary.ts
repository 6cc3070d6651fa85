import { z } from 'zod';
import { valueRefSchema, valuesEffect, type VocabularyPart } from '../../plugins/sop/server/src/engine/index';

/** The complaint states, as in definition.json. */
export type TahapPengaduan = 'diterima' | 'diproses' | 'diteruskan_ke_pejabat' | 'selesai' | 'ditolak';

const TAHAP = ['diterima', 'diproses', 'diteruskan_ke_pejabat', 'selesai', 'ditolak'] as const;

/** The complaint SOP's own effects (handlers in src/sop-defs/<sop>/effects.ts). */
export const PENGADUAN_VOCABULARY: VocabularyPart = {
  effects: {
    setTanggapan: valuesEffect({ tanggapan: valueRefSchema }, 'Simpan tanggapan untuk pelapor'),
    /** Every step refreshes the deadline that now applies (service standard, pengaduan langsung). */
    perbaruiTenggat: valuesEffect({ tahap: z.enum(TAHAP) }, 'Perbarui tenggat sesuai tahap'),
    notifyComplainant: valuesEffect({ jenis: z.enum(['selesai', 'ditolak']) }, 'Beri tahu pelapor setelah langkah tersimpan'),
  },
};
