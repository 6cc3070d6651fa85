import { errors } from '@strapi/utils';
import { localDate } from '../domain/calendar';
import { currentWriter, now as clockNow, type RelatedType, type Writer, type WriteScreen } from '../plugins/sop/server/src/index';

const HARI_LIBUR_UID = 'api::hari-libur.hari-libur';

/** A stored or written `tanggal` as `YYYY-MM-DD` (Strapi gives a date column back as text or a Date). */
const tanggalOf = (value: unknown): string | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
};

/**
 * Why `writer` may not touch a holiday dated `tanggal` (`YYYY-MM-DD`), or null. Today and the days
 * before it (WIB) are history: the working minutes already run — deadlines, lateness, the
 * quarterly evaluation of component 13 of the service standard — count them (a holiday declared
 * for today at 15.00 would erase the day's elapsed minutes from the steps the Operator and the
 * Kasi took: session 7), so only Super Admin corrects them (audited, as every write here); server
 * code (the seed) always may.
 */
export const hariLiburLampauDitolak = (writer: Writer, tanggal: string | null, today: string): string | null => {
  if (writer.jalur === 'sistem' || writer.actor?.isSuperAdmin || tanggal === null || tanggal > today) return null;
  return (
    `Hari libur ${tanggal} sudah berjalan atau lewat: menit kerja, tenggat, dan evaluasi kinerja triwulan yang telah berjalan menghitungnya, ` +
    'sehingga hanya Super Admin yang dapat menambah, mengubah, atau menghapusnya.'
  );
};

const screen: WriteScreen = async (strapi, write) => {
  const writer = await currentWriter(strapi);
  const today = localDate(clockNow());
  for (const tanggal of [tanggalOf(write.current?.tanggal), tanggalOf(write.data.tanggal)]) {
    const problem = hariLiburLampauDitolak(writer, tanggal, today);
    if (problem) throw new errors.PolicyError(problem, { fields: ['tanggal'] });
  }
};

/**
 * The office's holidays under the gate: every create, update and delete is an audit row, and a
 * holiday already past is changed only by Super Admin (hariLiburLampauDitolak).
 */
export const HARI_LIBUR_GOVERNED: RelatedType = {
  uid: HARI_LIBUR_UID,
  governed: { serverOwned: [], transitionOnly: false },
  listView: { list: ['tanggal', 'nama', 'jenis'], mainField: 'nama', defaultSortBy: 'tanggal', defaultSortOrder: 'ASC' },
  gate: {
    screens: [screen],
    editorRule: (writer, current, action) =>
      action === 'delete' ? hariLiburLampauDitolak(writer, tanggalOf(current.tanggal), localDate(clockNow())) : null,
  },
};
