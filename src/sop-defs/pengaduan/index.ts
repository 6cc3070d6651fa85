import type { SopRegistration } from '../../plugins/sop/server/src/services/registry';
import { PENGADUAN } from './workflow';
import { loadPengaduan } from './facts';
import { PENGADUAN_GOVERNED, PENGADUAN_LIST_VIEW } from './governed';

/** Pengelolaan pengaduan (component 10 of both service standards). */
export const pengaduanSop: SopRegistration = {
  model: 'pengaduan',
  uid: 'api::pengaduan.pengaduan',
  definition: PENGADUAN,
  loadRecord: loadPengaduan,
  governed: PENGADUAN_GOVERNED,
  listView: PENGADUAN_LIST_VIEW,
};
