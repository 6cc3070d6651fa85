import { BERITA } from '../domain/sop/berita';
import { DISTRIBUSI } from '../domain/sop/distribusi';
import type { WorkflowDefinition } from '../domain/workflow/types';

/** How the workflow gate treats one content type. */
export type GovernedType = {
  uid: string;
  definition?: WorkflowDefinition;
  /** fields only the transition service writes */
  serverOwned: readonly string[];
  /** records are created and deleted only by transitions (copies, cards) */
  transitionOnly: boolean;
  /** states in which recipients may still change */
  penerimaEditableIn?: readonly string[];
};

export const GOVERNED_TYPES: Readonly<Record<string, GovernedType>> = {
  'api::berita.berita': {
    uid: 'api::berita.berita',
    definition: BERITA,
    serverOwned: ['tahap', 'nomorAgenda', 'tahunAgenda', 'urutAgenda', 'jumlahCetak', 'tenggat', 'versi', 'kartuKendali', 'distribusi'],
    transitionOnly: false,
    penerimaEditableIn: ['diterima', 'diperiksa'],
  },
  'api::kartu-kendali.kartu-kendali': {
    uid: 'api::kartu-kendali.kartu-kendali',
    serverOwned: ['parafKasi', 'parafKabid', 'parafKadis', 'nomorUrut', 'berita', 'jenis', 'tanggal'],
    transitionOnly: true,
  },
  'api::distribusi.distribusi': {
    uid: 'api::distribusi.distribusi',
    definition: DISTRIBUSI,
    serverOwned: [
      'tahap',
      'versi',
      'carakaId',
      'carakaNama',
      'diterimaOleh',
      'waktuDiterima',
      'bukti',
      'berita',
      'nomorSalinan',
      'jumlahSalinan',
      'penerima',
    ],
    transitionOnly: true,
  },
};
