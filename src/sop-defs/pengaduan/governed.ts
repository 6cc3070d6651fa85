import type { GovernedFields, ListView } from '../../plugins/sop/server/src/index';

/** What only the engine (and the public intake) writes on a complaint. */
export const PENGADUAN_GOVERNED: GovernedFields = {
  serverOwned: [
    'tahap',
    'nomorTiket',
    'kodeLacakHash',
    'tenggat',
    'tenggatPengakuan',
    'tenggatRespons',
    'tenggatPenyelesaian',
    'versi',
    'alurVersi',
    'tanggapan',
  ],
  transitionOnly: false,
  // the intake middleware writes the creation's row itself, with the ticket number
  auditsOwnCreation: true,
};

export const PENGADUAN_LIST_VIEW: ListView = {
  list: ['nomorTiket', 'saluran', 'layanan', 'tahap', 'tenggat'],
  mainField: 'nomorTiket',
  defaultSortBy: 'createdAt',
  defaultSortOrder: 'DESC',
};
