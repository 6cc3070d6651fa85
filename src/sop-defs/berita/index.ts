import type { SopRegistration } from '../../plugins/sop/server/src/index';
import { KOREKSI } from '../koreksi';
import { BERITA_EFFECTS } from './effects';
import { loadBerita } from './facts';
import { BERITA_GATE } from './gate';
import { BERITA_GOVERNED, BERITA_LIST_VIEW, KARTU_KENDALI_GOVERNED, KARTU_KENDALI_LIST_VIEW } from './governed';
import { BERITA, BERITA_DEFINITION } from './workflow';

/**
 * SOP "Pelayanan Penerimaan Berita Biasa Email Sanapati": the berita and its kartu kendali. A berita
 * is named by the engine's own way (`nomor agenda — perihal`, each as the reader's grant allows).
 */
export const beritaSop: SopRegistration = {
  model: 'berita',
  uid: 'api::berita.berita',
  definition: BERITA,
  definitionData: BERITA_DEFINITION,
  loadRecord: loadBerita,
  governed: BERITA_GOVERNED,
  listView: BERITA_LIST_VIEW,
  gate: BERITA_GATE,
  koreksi: KOREKSI.berita,
  effects: BERITA_EFFECTS,
  related: [{ uid: 'api::kartu-kendali.kartu-kendali', governed: KARTU_KENDALI_GOVERNED, listView: KARTU_KENDALI_LIST_VIEW }],
};
