import type { SopRegistration } from '../../plugins/sop/server/src/index';
import { DISTRIBUSI_EFFECTS, prepareDistribusiInput } from './effects';
import { loadDistribusi } from './facts';
import { DISTRIBUSI_GOVERNED, DISTRIBUSI_LIST_VIEW } from './governed';
import { DISTRIBUSI, DISTRIBUSI_DEFINITION } from './workflow';
import { DISTRIBUSI_NAMA } from '../nama-naskah';

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
  prepareInput: (strapi, input) => prepareDistribusiInput(strapi, input),
};
