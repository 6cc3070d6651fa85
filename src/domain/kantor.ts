import type { InstansiData } from './letters/kop';

/**
 * The office as the admin panel names it where Strapi would welcome the user to Strapi (login
 * page, home page, menu): from the instansi single type the office edits (`api::instansi.instansi`),
 * never a name built into the panel.
 * - `kantor`: the dinas and its region, e.g. "Dinas Komunikasi dan Informatika Kota Pekalongan"
 *   (`pemerintah` without its leading "Pemerintah"); null when the instansi names neither;
 * - `seksi`: the section the Kasi heads, from the Kasi's position ("Kepala Seksi Persandian dan
 *   Keamanan Informasi" → "Seksi Persandian dan Keamanan Informasi"); null when not filled in.
 * Only names of units that the letterhead prints anyway; nothing about people.
 */
export type NamaKantor = { kantor: string | null; seksi: string | null };

const teks = (value: unknown): string => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** The office's names from the instansi row (see NamaKantor). Pure; never throws. */
export const namaKantor = (instansi: Pick<InstansiData, 'pemerintah' | 'dinas' | 'kepalaSeksi'> | null | undefined): NamaKantor => {
  const dinas = teks(instansi?.dinas);
  const wilayah = teks(instansi?.pemerintah).replace(/^pemerintah\s+/i, '');
  const jabatanKasi = teks(instansi?.kepalaSeksi?.jabatan);
  const seksi = /^kepala\s+seksi\s+\S/i.test(jabatanKasi) ? jabatanKasi.replace(/^kepala\s+/i, '') : '';
  const kantor = dinas && wilayah && !dinas.toLowerCase().endsWith(wilayah.toLowerCase()) ? `${dinas} ${wilayah}` : dinas || wilayah;
  return { kantor: kantor || null, seksi: seksi || null };
};
