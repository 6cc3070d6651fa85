import type { SopRegistration } from '../../plugins/sop/server/src/index';
import { KOREKSI } from '../koreksi';
import { KRIPTOGRAM_EFFECTS } from './effects';
import { loadKriptogram } from './facts';
import { KRIPTOGRAM_GATE } from './gate';
import { KRIPTOGRAM_GOVERNED, KRIPTOGRAM_LIST_VIEW, SALINAN_GOVERNED, SALINAN_LIST_VIEW } from './governed';
import { kriptogramView } from './view';
import { KRIPTOGRAM, KRIPTOGRAM_DEFINITION } from './workflow';
import { KRIPTOGRAM_NAMA } from '../nama-naskah';

/** SOP "Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan": the kriptogram and its salinan. */
export const kriptogramSop: SopRegistration = {
  model: 'kriptogram',
  uid: 'api::kriptogram.kriptogram',
  definition: KRIPTOGRAM,
  definitionData: KRIPTOGRAM_DEFINITION,
  loadRecord: loadKriptogram,
  governed: KRIPTOGRAM_GOVERNED,
  listView: KRIPTOGRAM_LIST_VIEW,
  gate: KRIPTOGRAM_GATE,
  koreksi: KOREKSI.kriptogram,
  effects: KRIPTOGRAM_EFFECTS,
  view: kriptogramView,
  namaNaskah: KRIPTOGRAM_NAMA,
  // a corrected klasifikasi follows into the salinan, whose letters print it
  async afterKoreksi(strapi, { record, values }) {
    const salinan = record.row.salinan as { id: number } | null;
    if (values.klasifikasi === undefined || !salinan) return;
    await strapi.db.query('api::salinan.salinan').update({ where: { id: salinan.id }, data: { klasifikasi: values.klasifikasi } });
  },
  related: [{ uid: 'api::salinan.salinan', governed: SALINAN_GOVERNED, listView: SALINAN_LIST_VIEW }],
};
