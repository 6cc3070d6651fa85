import type { JudulRecord, SopRegistration } from '../../plugins/sop/server/src/index';
import { tujuanSalinan, type PenerimaSalinan } from '../ringkasan-salinan';
import { DISTRIBUSI_EFFECTS, prepareDistribusiInput } from './effects';
import { loadDistribusi } from './facts';
import { DISTRIBUSI_GOVERNED, DISTRIBUSI_LIST_VIEW } from './governed';
import { DISTRIBUSI, DISTRIBUSI_DEFINITION } from './workflow';
import { DISTRIBUSI_NAMA } from '../nama-naskah';

/** A copy in "Antrian saya": its recipient (`tujuan`, the copy's title), as in the Caraka's list. */
export const judulDistribusi: JudulRecord = (row, reader) => {
  if (!reader.mayReadFields(['tujuan', 'penerima'])) return '';
  const tujuan = typeof row.tujuan === 'string' ? row.tujuan.trim() : '';
  return tujuan || tujuanSalinan(row.penerima as PenerimaSalinan | null, typeof row.nomorSalinan === 'number' ? row.nomorSalinan : null);
};

/** One copy to one recipient (of a berita or a kriptogram), delivered with a receipt. */
export const distribusiSop: SopRegistration = {
  model: 'distribusi',
  uid: 'api::distribusi.distribusi',
  definition: DISTRIBUSI,
  definitionData: DISTRIBUSI_DEFINITION,
  loadRecord: loadDistribusi,
  governed: DISTRIBUSI_GOVERNED,
  listView: DISTRIBUSI_LIST_VIEW,
  effects: DISTRIBUSI_EFFECTS,
  namaNaskah: DISTRIBUSI_NAMA,
  judul: judulDistribusi,
  prepareInput: (strapi, input) => prepareDistribusiInput(strapi, input),
};
