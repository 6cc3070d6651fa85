import type { JudulRecord, SopRegistration } from '../../plugins/sop/server/src/index';
import { PENGADUAN_AFTER_COMMIT, PENGADUAN_EFFECTS } from './effects';
import { loadPengaduan } from './facts';
import { PENGADUAN_GOVERNED, PENGADUAN_LIST_VIEW } from './governed';
import { PENGADUAN, PENGADUAN_DEFINITION } from './workflow';
import { PENGADUAN_NAMA } from '../nama-naskah';

/** A complaint in "Antrian saya": its ticket number alone — never the complainant's name, contact or text. */
export const judulPengaduan: JudulRecord = (row, reader) =>
  typeof row.nomorTiket === 'string' && reader.mayReadFields(['nomorTiket']) ? `Pengaduan ${row.nomorTiket}` : '';

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
  judul: judulPengaduan,
  afterCommit: PENGADUAN_AFTER_COMMIT,
};
