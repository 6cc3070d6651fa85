import type { Penerima } from '../../domain/penerima';
import { valueRefSchema, valuesEffect, type VocabularyPart } from '../../plugins/sop/server/src/engine/index';

/** The three paraf of SOP "Penerimaan Berita Biasa Email Sanapati" step 6, in order. */
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

/**
 * The berita SOP's own effects (handlers in src/sop-defs/<sop>/effects.ts): how many copies to print
 * (step 3), the kartu kendali (step 5) and one distribusi per recipient (steps 7–9).
 */
export const BERITA_VOCABULARY: VocabularyPart = {
  effects: {
    setJumlahCetak: valuesEffect({ jumlah: valueRefSchema }, 'Catat jumlah cetakan'),
    createKartuKendali: valuesEffect({ isian: valueRefSchema }, 'Buat atau perbarui kartu kendali'),
    createDistribusi: valuesEffect({ caraka: valueRefSchema }, 'Buat satu salinan distribusi per penerima untuk Caraka'),
  },
};
