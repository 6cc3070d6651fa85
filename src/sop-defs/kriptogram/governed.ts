import type { GovernedFields, ListView } from '../../plugins/sop/server/src/index';

/** What only the engine writes on a kriptogram. */
export const KRIPTOGRAM_GOVERNED: GovernedFields = {
  serverOwned: [
    'tahap',
    'nomorAgenda',
    'tahunAgenda',
    'urutAgenda',
    'waktuAgenda',
    'tenggat',
    'versi',
    'alurVersi',
    'sandimanId',
    'sandimanNama',
    'salinan',
    'distribusi',
  ],
  transitionOnly: false,
  slaFromReceipt: true,
};

/** The salinan (decrypted text) is written by the kriptogram's steps only: every field is the engine's. */
export const SALINAN_GOVERNED: GovernedFields = {
  serverOwned: [
    'nomor',
    'perihal',
    'klasifikasi',
    'isi',
    'berkas',
    'berkasNama',
    'berkasTipe',
    'lampiran',
    'penerima',
    'jumlahSalinan',
    'parafSandiman',
    'tandaTanganKasi',
    'capDinas',
    'amplopDisegel',
    'amplopRangkap',
    'diarsipkan',
    'kriptogram',
  ],
  transitionOnly: true,
};

export const KRIPTOGRAM_LIST_VIEW: ListView = {
  list: ['nomorAgenda', 'nomorKriptogram', 'klasifikasi', 'tahap', 'tenggat'],
  mainField: 'nomorAgenda',
  defaultSortBy: 'waktuDiterima',
  defaultSortOrder: 'DESC',
};

export const SALINAN_LIST_VIEW: ListView = { list: ['nomor', 'perihal', 'klasifikasi', 'jumlahSalinan'], mainField: 'nomor' };
