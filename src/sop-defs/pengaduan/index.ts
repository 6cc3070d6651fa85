import type { SopRegistration } from '../../plugins/sop/server/src/index';
import { PENGADUAN_AFTER_COMMIT, PENGADUAN_EFFECTS } from './effects';
import { loadPengaduan } from './facts';
import { PENGADUAN_GOVERNED, PENGADUAN_LIST_VIEW } from './governed';
import { PENGADUAN, PENGADUAN_DEFINITION } from './workflow';
import { PENGADUAN_NAMA } from '../nama-naskah';

/** Pengelolaan pengaduan (component 10 of both service standards). */
export const pengaduanSop: SopRegistration = {
  model: 'pengaduan',
  uid: 'api::pengaduan.pengaduan',
  definition: PENGADUAN,
  definitionData: PENGADUAN_DEFINITION,
  loadRecord: loadPengaduan,
  governed: PENGADUAN_GOVERNED,
  listView: PENGADUAN_LIST_VIEW,
  effects: PENGADUAN_EFFECTS,
  namaNaskah: PENGADUAN_NAMA,
  afterCommit: PENGADUAN_AFTER_COMMIT,
};
