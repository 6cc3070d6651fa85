import { namaPenerima, olehPemaraf, type PenerimaSumber, type TemplateData } from './berita';
import { atauIsian, ISIAN_KOSONG, SIFAT_LABEL, tandaKlasifikasi, tanggalPanjang, teks, waktuPanjang, type Sifat } from './format';
import { blokPelaksana, type DataUmum, type TandaPejabat } from './kop';

/**
 * Named letters a step of a workflow made without code issues for its record (the vocabulary's
 * `buatSurat`, issue 13): a closed list, so an administrator picks one in the Alur SOP editor and
 * every name has a template in `templates/`. Each is a naskah dinas of Permendagri 1 Tahun 2023
 * (tata naskah dinas di lingkungan Pemerintah Daerah): letterhead, number, date, sifat, hal, the
 * addressees, the body and the signature block of the official who gave the paraf.
 */
export const SURAT = {
  /** Outbound: a surat dinas to another office (Yth. …, di tempat). */
  'surat-dinas': { judul: 'Surat dinas', tombol: 'Cetak surat dinas', template: 'surat-dinas.docx' },
  /** Inside the government: a nota dinas from one official to another (Yth. / Dari / Hal). */
  'nota-dinas': { judul: 'Nota dinas', tombol: 'Cetak nota dinas', template: 'nota-dinas.docx' },
} as const;

/** A letter's name, the `:jenis` of `GET /sop/:model/:documentId/dokumen/:jenis`. */
export type JenisSurat = keyof typeof SURAT;

/** Every letter name, for the vocabulary's enum (the editor's dropdown). */
export const JENIS_SURAT = Object.keys(SURAT) as [JenisSurat, ...JenisSurat[]];

/** The official whose position heads the signature block (from Instansi). */
export const PENANDA_TANGAN = ['kasi', 'kabid', 'kadis'] as const;
export type PenandaTangan = (typeof PENANDA_TANGAN)[number];

/**
 * What `buatSurat` records on the record when its step runs (`suratTerbit[<surat>]`): the record
 * fields that fill the letter, the paraf column whose official signs it, the moment (ISO 8601,
 * the letter's date) and who issued it (admin user id, name, position as recorded).
 */
export type SuratTerbit = {
  perihal: string;
  isi: string;
  penerima: string | null;
  paraf: string;
  pejabat: PenandaTangan;
  waktu: string;
  oleh: { userId: number; nama: string; peran: string };
  /**
   * The named fields' values as they stood when the letter was issued: the letter prints these,
   * so an edit of the record afterwards never reaches a signed letter. Absent on letters issued
   * before it was kept (they print the record's present values).
   */
  nilai?: { perihal: unknown; isi: unknown; penerima: unknown };
};

/** One row of a record's audit trail as {@link kolomDiubahSejak} reads it. */
export type RiwayatUbah = { ke: string; waktu: string; catatan: string | null };

/**
 * Which of `kolom` a write outside the workflow's steps changed at or after `sejak` (ISO 8601):
 * read from the record's audit rows `diubah`, whose note the SOP gate writes as
 * "Diubah lewat <jalur>: <kolom>, <kolom>." (src/plugins/sop/server/src/middlewares/gate.ts).
 * Returns the changed names in `kolom`'s order, empty when none. A paraf given before such a
 * change did not see the text a letter would print (Permendagri 1/2023: the signer answers for
 * the text as signed).
 */
export const kolomDiubahSejak = (riwayat: readonly RiwayatUbah[], kolom: readonly string[], sejak: string): string[] => {
  const mulai = Date.parse(sejak);
  const diubah = new Set(
    riwayat
      .filter((row) => row.ke === 'diubah' && !(Date.parse(row.waktu) < mulai))
      .flatMap((row) => /: ([^:]*)\.$/.exec(row.catatan ?? '')?.[1].split(', ') ?? [])
  );
  return kolom.filter((name) => diubah.has(name));
};

/** A record of a workflow bound without code, as one of its letters reads it. */
export type SuratSumber = {
  nomorAgenda: string | null;
  sifat: Sifat;
  /** the values of the fields `terbit` names, as stored */
  perihal: unknown;
  isi: unknown;
  penerima: unknown;
  /** the paraf in the column `terbit.paraf` names */
  paraf: TandaPejabat;
  terbit: SuratTerbit;
};

/**
 * The addressees from the field `buatSurat` names: a list (JSON) of names or of
 * `{ nama, jabatan }`, or a text with one addressee per line (or separated by `;`). Empty
 * entries dropped; returns the names as printed.
 */
export const daftarPenerimaSurat = (value: unknown): string[] => {
  if (Array.isArray(value)) {
    return value
      .map((one) => (one !== null && typeof one === 'object' ? namaPenerima(one as PenerimaSumber) : teks(one)))
      .filter((one) => one !== '' && one !== '-');
  }
  return teks(value)
    .split(/\r\n?|\n|;/)
    .map((one) => one.trim())
    .filter(Boolean);
};

/**
 * The signature block (`{penandaJabatan}`, `{penandaNama}`, `{penandaPangkat}`, `{penandaNip}`)
 * of the official `pejabat` as the paraf gave it: an acting official (Plh / Plt) prints as
 * "Plh. <jabatan>" above their own name, NIP a line to fill by hand (Permendagri 1/2023, see
 * blokPelaksana); otherwise the position from Instansi above the name of whoever gave the paraf,
 * with the NIP and rank from Instansi only when that is the official Instansi names.
 */
export const blokPenanda = (pejabat: PenandaTangan, paraf: TandaPejabat, umum: DataUmum): DataUmum => {
  const pelaksana = blokPelaksana(pejabat, paraf, umum);
  const jabatan = umum[`${pejabat}Jabatan`] ?? '';
  if (Object.keys(pelaksana).length > 0) {
    return {
      penandaJabatan: pelaksana[`${pejabat}Jabatan`],
      penandaNama: pelaksana[`${pejabat}Nama`],
      penandaPangkat: '',
      penandaNip: pelaksana[`${pejabat}Nip`],
    };
  }
  const nama = teks(paraf?.nama);
  const pejabatInstansi = nama === '' || nama === teks(umum[`${pejabat}Nama`]);
  return {
    penandaJabatan: jabatan,
    penandaNama: nama || atauIsian(umum[`${pejabat}Nama`]),
    penandaPangkat: pejabatInstansi ? (umum[`${pejabat}Pangkat`] ?? '') : '',
    penandaNip: pejabatInstansi ? umum[`${pejabat}Nip`] || '-' : ISIAN_KOSONG,
  };
};

/**
 * The values of a letter issued by `buatSurat` (both templates take the same): the letterhead and
 * officials (`umum`), `{nomor}` (the record's agenda number), `{tanggal}` (the day it was issued,
 * WIB), `{sifat}`, `{tandaKlasifikasi}`, `{lampiran}`, `{perihal}`, `{isi}` (line breaks kept),
 * `{#kepada}{tujuan}{/kepada}` (numbered when more than one), `{dari}` (the signer's position),
 * the signature block (blokPenanda) and `{paraf}` (when and by whom, as the record keeps it).
 */
export const dataSurat = (surat: SuratSumber, umum: DataUmum): TemplateData => {
  const kepada = daftarPenerimaSurat(surat.penerima);
  const paraf = surat.paraf;
  return {
    ...umum,
    ...blokPenanda(surat.terbit.pejabat, paraf, umum),
    nomor: teks(surat.nomorAgenda) || 'belum diagendakan',
    tanggal: tanggalPanjang(surat.terbit.waktu),
    sifat: SIFAT_LABEL[surat.sifat],
    tandaKlasifikasi: tandaKlasifikasi(surat.sifat),
    lampiran: '-',
    perihal: teks(surat.perihal),
    isi: teks(surat.isi).replace(/\r\n?/g, '\n'),
    dari: umum[`${surat.terbit.pejabat}Jabatan`] ?? '',
    kepada: kepada.map((tujuan, index) => ({ tujuan: kepada.length > 1 ? `${index + 1}. ${tujuan}` : tujuan })),
    paraf: paraf?.waktu ? `Diparaf ${waktuPanjang(paraf.waktu)}${olehPemaraf(paraf)}` : 'Belum diparaf',
  };
};
