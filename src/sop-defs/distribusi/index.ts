import type { SopRegistration } from '../../plugins/sop/server/src/services/registry';
import { DISTRIBUSI } from './workflow';
import { loadDistribusi } from './facts';
import { DISTRIBUSI_GOVERNED, DISTRIBUSI_LIST_VIEW } from './governed';

/** One copy to one recipient (of a berita or a kriptogram), delivered with a receipt. */
export const distribusiSop: SopRegistration = {
  model: 'distribusi',
  uid: 'api::distribusi.distribusi',
  definition: DISTRIBUSI,
  loadRecord: loadDistribusi,
  governed: DISTRIBUSI_GOVERNED,
  listView: DISTRIBUSI_LIST_VIEW,
};
