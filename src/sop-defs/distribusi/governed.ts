import type { GovernedFields, ListView } from '../../plugins/sop/server/src/index';

/** A copy is made by its parent's step and changes only by its own steps. */
export const DISTRIBUSI_GOVERNED: GovernedFields = {
  serverOwned: [
    'tahap',
    'versi',
    'alurVersi',
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
    'tujuan',
    'alamat',
    'saluran',
    'nomorAgendaSurat',
    'perihalSurat',
    'indukUid',
    'indukDocumentId',
    'indukTahapAntar',
  ],
  transitionOnly: true,
};

/**
 * What the one who delivers needs on the road: to whom (the copy's title), where, by which
 * channel, for which letter, and how far it got (src/sop-defs/distribusi/ringkasan.ts).
 */
export const DISTRIBUSI_LIST_VIEW: ListView = {
  list: ['tujuan', 'alamat', 'saluran', 'nomorAgendaSurat', 'perihalSurat', 'tahap', 'carakaNama', 'waktuDiterima'],
  mainField: 'tujuan',
};
