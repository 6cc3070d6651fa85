import type { NamaNaskah, RecordNamer } from '../plugins/sop/server/src/index';

const teks = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * How staff name a kriptogram in a notification or digest: its agenda number, and the
 * sender's number and origin (a kriptogram has no perihal until its salinan is written,
 * and the salinan's perihal is not for every reader).
 */
export const KRIPTOGRAM_NAMA: RecordNamer = {
  fields: ['nomorAgenda', 'nomorKriptogram', 'asal'],
  nama: (row): NamaNaskah => {
    const nomorKriptogram = teks(row.nomorKriptogram);
    const asal = teks(row.asal);
    return {
      nomor: teks(row.nomorAgenda),
      perihal: ['Kriptogram', nomorKriptogram ? `nomor ${nomorKriptogram}` : null, asal ? `dari ${asal}` : null].filter(Boolean).join(' '),
    };
  },
};

/**
 * A copy to one recipient: its number among the letter's copies, the recipient, and the
 * letter's agenda number and perihal as the copy's summary keeps them (src/sop-defs/ringkasan-salinan.ts).
 */
export const DISTRIBUSI_NAMA: RecordNamer = {
  fields: ['nomorSalinan', 'tujuan', 'nomorAgendaSurat', 'perihalSurat'],
  nama: (row): NamaNaskah => {
    const nomorSalinan = typeof row.nomorSalinan === 'number' ? row.nomorSalinan : null;
    const tujuan = teks(row.tujuan);
    const perihal = teks(row.perihalSurat);
    const salinan = [`Salinan${nomorSalinan !== null ? ` ke-${nomorSalinan}` : ''}`, tujuan ? `untuk ${tujuan}` : null].filter(Boolean).join(' ');
    return { nomor: teks(row.nomorAgendaSurat), perihal: perihal ? `${salinan} — ${perihal}` : salinan };
  },
};

/** A complaint by its ticket and the service it concerns — never the complainant's identity or text. */
export const PENGADUAN_NAMA: RecordNamer = {
  fields: ['nomorTiket', 'layanan'],
  nama: (row): NamaNaskah => {
    const layanan = teks(row.layanan);
    return { nomor: teks(row.nomorTiket), perihal: layanan ? `Pengaduan tentang ${layanan}` : 'Pengaduan' };
  },
};
