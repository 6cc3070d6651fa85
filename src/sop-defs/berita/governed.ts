import type { GovernedFields, ListView } from '../../plugins/sop/server/src/index';

/** What only the engine writes on a berita; the recipients stay editable until it is printed. */
export const BERITA_GOVERNED: GovernedFields = {
  serverOwned: [
    'tahap',
    'nomorAgenda',
    'tahunAgenda',
    'urutAgenda',
    'waktuAgenda',
    'jumlahCetak',
    'tenggat',
    'versi',
    'alurVersi',
    'kartuKendali',
    'distribusi',
    'emlSha256',
    'messageId',
  ],
  transitionOnly: false,
  slaFromReceipt: true,
  intakeOwned: ['emlSha256', 'messageId'],
};

/** The kartu kendali is made and initialled by the berita's steps only. */
export const KARTU_KENDALI_GOVERNED: GovernedFields = {
  serverOwned: ['parafKasi', 'parafKabid', 'parafKadis', 'nomorUrut', 'berita', 'jenis', 'tanggal'],
  transitionOnly: true,
};

export const BERITA_LIST_VIEW: ListView = {
  list: ['nomorAgenda', 'perihal', 'pengirim', 'tahap', 'tenggat'],
  mainField: 'perihal',
  defaultSortBy: 'waktuDiterima',
  defaultSortOrder: 'DESC',
};

export const KARTU_KENDALI_LIST_VIEW: ListView = { list: ['nomorUrut', 'jenis', 'isiRingkas', 'dari'], mainField: 'nomorUrut' };
