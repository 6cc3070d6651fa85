import type { SopRegistration } from '../../plugins/sop/server/src/services/registry';
import { KRIPTOGRAM } from './workflow';
import { KOREKSI } from '../koreksi';
import { loadKriptogram } from './facts';
import { KRIPTOGRAM_GATE } from './gate';
import { KRIPTOGRAM_GOVERNED, KRIPTOGRAM_LIST_VIEW, SALINAN_GOVERNED, SALINAN_LIST_VIEW } from './governed';

/** SOP "Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan": the kriptogram and its salinan. */
export const kriptogramSop: SopRegistration = {
  model: 'kriptogram',
  uid: 'api::kriptogram.kriptogram',
  definition: KRIPTOGRAM,
  loadRecord: loadKriptogram,
  governed: KRIPTOGRAM_GOVERNED,
  listView: KRIPTOGRAM_LIST_VIEW,
  gate: KRIPTOGRAM_GATE,
  koreksi: KOREKSI.kriptogram,
  related: [{ uid: 'api::salinan.salinan', governed: SALINAN_GOVERNED, listView: SALINAN_LIST_VIEW }],
};
