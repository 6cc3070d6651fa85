import type { NamaNaskah, NamaReader, RecordNamer } from '../plugins/sop/server/src/index';

/*
 * How staff name the records of each SOP: one namer per SOP, used by the e-mails, the overdue
 * digest and "Antrian saya" alike (RecordNamer). Each reads a field only when `reader` may; the
 * berita uses the engine's own (`nomorAgenda — perihal`).
 */

const teks = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The text of `field` of `row` when the reader may read it, else null. */
const baca = (row: Readonly<Record<string, unknown>>, reader: NamaReader, field: string): string | null =>
  reader.mayReadFields([field]) ? teks(row[field]) : null;

const SALINAN_UID = 'api::salinan.salinan';

/**
 * A kriptogram: its agenda number, and as its subject the salinan's perihal for a reader whose
 * salinan grant holds it (the Sandiman, the Kasi) when the loader brought the salinan — never its
 * text; else the sender's number and origin (a kriptogram has no perihal of its own until its
 * salinan is written). E-mails never carry the salinan's perihal: their reader holds only `fields`.
 */
export const KRIPTOGRAM_NAMA: RecordNamer = {
  fields: ['nomorAgenda', 'nomorKriptogram', 'asal'],
  nama: (row, reader): NamaNaskah => {
    const salinan = row.salinan as { perihal?: unknown } | null | undefined;
    const perihalSalinan = salinan && reader.mayReadFields(['perihal'], SALINAN_UID) ? teks(salinan.perihal) : null;
    const nomorKriptogram = baca(row, reader, 'nomorKriptogram');
    const asal = baca(row, reader, 'asal');
    return {
      nomor: baca(row, reader, 'nomorAgenda'),
      perihal:
        perihalSalinan ?? ['Kriptogram', nomorKriptogram ? `nomor ${nomorKriptogram}` : null, asal ? `dari ${asal}` : null].filter(Boolean).join(' '),
    };
  },
};

/**
 * A copy to one recipient: its number among the letter's copies and the recipient (`tujuan`, the
 * copy's title), with the letter's agenda number and perihal as the copy's summary keeps them
 * (src/sop-defs/ringkasan-salinan.ts) — for a reader whose grant holds them (not the Sandiman's).
 */
export const DISTRIBUSI_NAMA: RecordNamer = {
  fields: ['nomorSalinan', 'tujuan', 'nomorAgendaSurat', 'perihalSurat'],
  nama: (row, reader): NamaNaskah => {
    const nomorSalinan = reader.mayReadFields(['nomorSalinan']) && typeof row.nomorSalinan === 'number' ? row.nomorSalinan : null;
    const tujuan = baca(row, reader, 'tujuan');
    const perihal = baca(row, reader, 'perihalSurat');
    const salinan = [`Salinan${nomorSalinan !== null ? ` ke-${nomorSalinan}` : ''}`, tujuan ? `untuk ${tujuan}` : null].filter(Boolean).join(' ');
    return {
      nomor: baca(row, reader, 'nomorAgendaSurat'),
      perihal: perihal ? `${salinan} — ${perihal}` : salinan,
      // the Caraka's queue names a copy by where it goes (DESIGN: GET /sop/antrian)
      ...(tujuan ? { judul: tujuan } : {}),
    };
  },
};

/** A complaint by its ticket and the service it concerns — never the complainant's identity or text. */
export const PENGADUAN_NAMA: RecordNamer = {
  fields: ['nomorTiket', 'layanan'],
  nama: (row, reader): NamaNaskah => {
    const layanan = baca(row, reader, 'layanan');
    return { nomor: baca(row, reader, 'nomorTiket'), perihal: layanan ? `Pengaduan tentang ${layanan}` : 'Pengaduan' };
  },
};
