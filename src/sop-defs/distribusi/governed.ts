import type { GovernedFields, ListView } from '../../plugins/sop/server/src/index';

/** A copy is made by its parent's step and changes only by its own steps. */
export const DISTRIBUSI_GOVERNED: GovernedFields = {
  serverOwned: [
    'tahap',
    'versi',
    'carakaId',
    'carakaNama',
    'diterimaOleh',
    'waktuDiterima',
    'bukti',
    'berita',
    'kriptogram',
    'nomorSurat',
    'nomorSalinan',
    'jumlahSalinan',
    'penerima',
  ],
  transitionOnly: true,
};

export const DISTRIBUSI_LIST_VIEW: ListView = { list: ['nomorSalinan', 'carakaNama', 'tahap', 'diterimaOleh', 'waktuDiterima'], mainField: 'carakaNama' };
