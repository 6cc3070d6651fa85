import { z } from 'zod';
import { checkSaluran, type Penerima } from '../domain/penerima';
import { ROLE_KEYS } from '../domain/roles';
import {
  BUILTIN_VOCABULARY,
  effectEntry,
  guardEntry,
  mergeVocabularies,
  resolveValue,
  valueRefSchema,
  valuesEffect,
  type Vocabulary,
  type VocabularyPart,
} from '../plugins/sop/server/src/engine/index';
import { BERITA_VOCABULARY } from './berita/vocabulary';
import { DISTRIBUSI_VOCABULARY } from './distribusi/vocabulary';
import { KRIPTOGRAM_VOCABULARY } from './kriptogram/vocabulary';
import { PENGADUAN_VOCABULARY } from './pengaduan/vocabulary';
import { SURAT_VOCABULARY } from './surat';

/**
 * Vocabulary entries Meja Sandi's letter SOPs share (berita and kriptogram): the recipient
 * and channel rule, and the signatures kept on the kartu kendali (berita) or the salinan
 * (kriptogram). Their handlers are in src/sop-defs/<sop>/effects.ts.
 */
export const SHARED_VOCABULARY: VocabularyPart = {
  guards: {
    /** Each recipient's channel is one the service standard allows for its category (domain/penerima). */
    saluranSesuai: guardEntry<{ penerima: z.infer<typeof valueRefSchema> }>({
      params: z.object({ penerima: valueRefSchema }).strict(),
      describe: 'Saluran setiap penerima sesuai kategorinya',
      build:
        ({ penerima }) =>
        (context) => {
          const list = resolveValue(penerima, context);
          return Array.isArray(list) ? checkSaluran(list as Penerima[]) : null;
        },
    }),
  },
  effects: {
    /**
     * Merges recordParaf (berita, `{ tingkat }`: a paraf on the kartu kendali) and signSalinan
     * (kriptogram, `{ tanda }`: on the salinan): the acting person's signature in that slot.
     */
    recordSignature: effectEntry<{ tingkat: 'kasi' | 'kabid' | 'kadis' } | { tanda: 'parafSandiman' | 'tandaTanganKasi' }>({
      params: z.union([
        z.object({ tingkat: z.enum(['kasi', 'kabid', 'kadis']) }).strict(),
        z.object({ tanda: z.enum(['parafSandiman', 'tandaTanganKasi']) }).strict(),
      ]),
      describe: 'Catat paraf atau tanda tangan pelaku',
      resolve: (params) => ({ ...params }),
    }),
    /** Merges clearParaf and clearSalinanSignatures: a send-back clears the signatures of that document. */
    clearSignatures: valuesEffect({ dokumen: z.enum(['kartuKendali', 'salinan']) }, 'Hapus paraf dan tanda tangan (dikembalikan)'),
  },
};

/** The vocabulary one SOP is compiled with: the generic entries, the shared ones, the named letters, its own; the app's role keys. */
export const vocabularyFor = (own: VocabularyPart): Vocabulary =>
  mergeVocabularies(BUILTIN_VOCABULARY, SHARED_VOCABULARY, SURAT_VOCABULARY, own, { roles: ROLE_KEYS });

/** Every entry of every SOP (for validating any shipped definition, and the structural test). */
export const APP_VOCABULARY: Vocabulary = mergeVocabularies(
  BUILTIN_VOCABULARY,
  SHARED_VOCABULARY,
  SURAT_VOCABULARY,
  BERITA_VOCABULARY,
  KRIPTOGRAM_VOCABULARY,
  DISTRIBUSI_VOCABULARY,
  PENGADUAN_VOCABULARY,
  { roles: ROLE_KEYS }
);
