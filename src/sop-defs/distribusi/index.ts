import type { SopRegistration, SopRegistry } from '../../plugins/sop/server/src/index';
import { DISTRIBUSI_EFFECTS, prepareDistribusiInput } from './effects';
import { loadDistribusi } from './facts';
import { DISTRIBUSI_GOVERNED, DISTRIBUSI_LIST_VIEW } from './governed';
import { DISTRIBUSI, DISTRIBUSI_DEFINITION } from './workflow';
import { DISTRIBUSI_NAMA } from '../nama-naskah';
import { SALINAN_PER_PENERIMA_EFFECTS, salinanPerPenerimaAfterCommit, salinanTerikatFacts } from './salinan-per-penerima';

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

/**
 * What the copies lend every workflow bound from data (issue 13): the effect `salinanPerPenerima`
 * (one copy per recipient, carried by a Caraka), its e-mail to that Caraka, and the fact
 * `distribusi` of a bound record (its copies, for `everyCopyDelivered`). Called once at register.
 */
export const registerSalinanTerikat = (registry: SopRegistry): void => {
  registry.registerEffects(SALINAN_PER_PENERIMA_EFFECTS);
  registry.registerAfterCommit({ salinanPerPenerima: salinanPerPenerimaAfterCommit });
  registry.extendBoundFacts(salinanTerikatFacts);
};
