import { KATEGORI_LABEL, SALURAN_LABEL, type KategoriPenerima, type Saluran } from '../penerima';
import {
  angkaTerbilang,
  asSifat,
  atauIsian,
  derajatLabel,
  ISIAN_KOSONG,
  salinanKe,
  SIFAT_LABEL,
  tandaKlasifikasi,
  tanggalPanjang,
  teks,
  waktuPanjang,
  type Sifat,
} from './format';
import { blokPelaksana, type DataUmum, type TandaPejabat } from './kop';

export type ParafSumber = TandaPejabat;

export type PenerimaSumber = {
  nama?: string | null;
  jabatan?: string | null;
  kategori?: string | null;
  saluran?: string | null;
  alamat?: string | null;
};

/** One copy (`api::distribusi.distribusi`) as the letters read it. */
export type SalinanSumber = {
  documentId: string;
  nomorSalinan: number | null;
  jumlahSalinan: number | null;
  tahap: string;
  penerima: PenerimaSumber | null;
  carakaNama: string | null;
  diterimaOleh: string | null;
  waktuDiterima: string | null;
  catatan: string | null;
};

export type KartuKendaliSumber = {
  jenis: string | null;
  nomorUrut: string | null;
  indeks: string | null;
  kodeKlasifikasi: string | null;
  tanggal: string | null;
  isiRingkas: string | null;
  lampiran: string | null;
  dari: string | null;
  kepada: string | null;
  pengolah: string | null;
  catatan: string | null;
  parafKasi: ParafSumber;
  parafKabid: ParafSumber;
  parafKadis: ParafSumber;
};

/** A berita with its kartu kendali and copies, as loaded for printing. */
export type BeritaSumber = {
  documentId: string;
  tahap: string;
  /** the tahap's label in the workflow ("Diperiksa"), for the messages that say what is missing */
  tahapLabel: string;
  nomorAgenda: string | null;
  perihal: string;
  pengirim: string;
  nomorSurat: string | null;
  tanggalSurat: string | null;
  waktuDiterima: string | null;
  isiRingkas: string | null;
  sifat: Sifat;
  derajatKecepatan: string | null;
  penerima: PenerimaSumber[];
  kartuKendali: KartuKendaliSumber | null;
  distribusi: SalinanSumber[];
};

export type TemplateData = Record<string, unknown>;

const saluranLabel = (saluran: unknown): string => {
  const label = SALURAN_LABEL[saluran as Saluran];
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : teks(saluran);
};

const kategoriLabel = (kategori: unknown): string => KATEGORI_LABEL[kategori as KategoriPenerima] ?? teks(kategori);

/** `H. Wali Kota, Wali Kota Pekalongan` — name and position, whichever are known. */
export const namaPenerima = (penerima: PenerimaSumber | null | undefined): string =>
  [teks(penerima?.nama), teks(penerima?.jabatan)].filter((part, index, all) => part && all.indexOf(part) === index).join(', ') || '-';

/** `oleh Budi` — and for an acting official `oleh Budi, Plh. Kepala Seksi …, a.n. Siti`. */
export const olehPemaraf = (paraf: ParafSumber): string => {
  if (!paraf?.nama) return '';
  const atasNama = teks(paraf.atasNama);
  return ` oleh ${teks(paraf.nama)}${atasNama ? `, ${teks(paraf.peran)}, a.n. ${atasNama}` : ''}`;
};

const parafTeks = (paraf: ParafSumber): string => (paraf?.waktu ? `Diparaf ${waktuPanjang(paraf.waktu)}${olehPemaraf(paraf)}` : 'Belum diparaf');

/** The three officials' blocks as they gave their paraf (an acting official prints as "Plh. <jabatan>"). */
const blokParaf = (kartu: KartuKendaliSumber | null | undefined, umum: DataUmum): DataUmum => ({
  ...blokPelaksana('kasi', kartu?.parafKasi, umum),
  ...blokPelaksana('kabid', kartu?.parafKabid, umum),
  ...blokPelaksana('kadis', kartu?.parafKadis, umum),
});

/** Fields every berita document shares. */
const dataBerita = (berita: BeritaSumber): TemplateData => ({
  nomorAgenda: teks(berita.nomorAgenda) || 'belum diagendakan',
  perihal: teks(berita.perihal),
  sifat: SIFAT_LABEL[berita.sifat],
  derajatKecepatan: derajatLabel(berita.derajatKecepatan),
  tandaKlasifikasi: tandaKlasifikasi(berita.sifat),
});

// ── availability at the record's tahap (null = available; else the 409 message) ──

export const kartuKendaliTersedia = (berita: BeritaSumber): string | null =>
  berita.kartuKendali
    ? null
    : `Kartu kendali / lembar pengantar belum diisi: dibuat pada langkah 5 ("Isi kartu kendali dan teruskan ke Kasi"). Tahap sekarang: ${berita.tahapLabel}.`;

export const tandaTerimaTersedia = (berita: BeritaSumber): string | null =>
  berita.distribusi.length > 0 ? null : `Tanda terima tersedia setelah Kasi menugaskan Caraka (langkah 7); tahap sekarang: ${berita.tahapLabel}.`;

export const cetakBeritaTersedia = (berita: BeritaSumber): string | null => {
  if (berita.tahap === 'diterima') return 'Berita dicetak setelah diperiksa (langkah 1–2): periksa isi dan tujuannya terlebih dahulu.';
  if (berita.penerima.length === 0) return 'Berita belum memiliki penerima: isi daftar penerima terlebih dahulu.';
  return null;
};

// ── data builders ──

/** Kartu kendali (ANRI): 10 × 15 cm card with the register fields and the paraf boxes. */
export const dataKartuKendali = (berita: BeritaSumber, umum: DataUmum): TemplateData => {
  const kartu = berita.kartuKendali;
  return {
    ...umum,
    ...blokParaf(kartu, umum),
    ...dataBerita(berita),
    nomorAgenda: teks(berita.nomorAgenda) || teks(kartu?.nomorUrut) || 'belum diagendakan',
    indeks: teks(kartu?.indeks),
    kodeKlasifikasi: teks(kartu?.kodeKlasifikasi),
    isiRingkas: teks(kartu?.isiRingkas) || teks(berita.isiRingkas) || teks(berita.perihal),
    lampiran: teks(kartu?.lampiran) || '-',
    dari: teks(kartu?.dari) || teks(berita.pengirim),
    kepada: teks(kartu?.kepada) || '-',
    nomorSurat: teks(berita.nomorSurat) || '-',
    tanggalSurat: tanggalPanjang(berita.tanggalSurat) || '-',
    tanggalDiterima: waktuPanjang(berita.waktuDiterima),
    tanggalDiteruskan: tanggalPanjang(kartu?.tanggal),
    pengolah: teks(kartu?.pengolah),
    catatan: teks(kartu?.catatan),
    tujuan: berita.penerima.map((one) => namaPenerima(one)).join('; '),
    parafKasi: parafTeks(kartu?.parafKasi),
    parafKabid: parafTeks(kartu?.parafKabid),
    parafKadis: parafTeks(kartu?.parafKadis),
  };
};

/** Lembar pengantar: the cover sheet listing every copy, signed by the Kasi, with the paraf berjenjang. */
export const dataLembarPengantar = (berita: BeritaSumber, umum: DataUmum): TemplateData => {
  const kartu = berita.kartuKendali;
  return {
    ...umum,
    ...blokParaf(kartu, umum),
    ...dataBerita(berita),
    tanggal: tanggalPanjang(kartu?.tanggal) || umum.tanggalCetak,
    dari: teks(kartu?.dari) || teks(berita.pengirim),
    kepada: teks(kartu?.kepada) || '-',
    nomorSurat: teks(berita.nomorSurat) || '-',
    tanggalSurat: tanggalPanjang(berita.tanggalSurat) || '-',
    tanggalDiterima: waktuPanjang(berita.waktuDiterima),
    isiRingkas: teks(kartu?.isiRingkas) || teks(berita.isiRingkas) || teks(berita.perihal),
    jumlahSalinan: angkaTerbilang(berita.penerima.length),
    penerima: berita.penerima.map((one, index) => ({
      no: String(index + 1),
      tujuan: namaPenerima(one),
      saluran: saluranLabel(one.saluran),
      salinanKe: salinanKe(index + 1, berita.penerima.length),
    })),
    parafKasi: parafTeks(kartu?.parafKasi),
    parafKabid: parafTeks(kartu?.parafKabid),
    parafKadis: parafTeks(kartu?.parafKadis),
  };
};

const statusSalinan = (copy: SalinanSumber): string => {
  if (copy.tahap === 'diterima') return 'Telah diterima';
  if (copy.tahap === 'gagal') return `Gagal diantar${copy.catatan ? `: ${teks(copy.catatan)}` : ''}`;
  return 'Dalam pengantaran';
};

/**
 * Tanda terima, one page per copy: recipient, channel, courier, date and time of receipt,
 * the name of who signed, and a box for the paraf. `hanya` restricts it to one copy.
 */
export const dataTandaTerima = (berita: BeritaSumber, umum: DataUmum, hanya?: string): TemplateData => {
  const copies = [...berita.distribusi]
    .filter((copy) => hanya === undefined || copy.documentId === hanya)
    .sort((a, b) => (a.nomorSalinan ?? 0) - (b.nomorSalinan ?? 0));
  const jumlah = Math.max(berita.distribusi.length, ...berita.distribusi.map((copy) => copy.jumlahSalinan ?? 0));
  return {
    ...umum,
    ...dataBerita(berita),
    salinan: copies.map((copy, index) => ({
      halamanBaru: index > 0,
      salinanKe: salinanKe(copy.nomorSalinan ?? index + 1, copy.jumlahSalinan ?? jumlah),
      penerimaNama: atauIsian(copy.penerima?.nama),
      penerimaJabatan: teks(copy.penerima?.jabatan) || '-',
      kategori: kategoriLabel(copy.penerima?.kategori),
      saluran: saluranLabel(copy.penerima?.saluran),
      alamat: teks(copy.penerima?.alamat) || '-',
      carakaNama: atauIsian(copy.carakaNama),
      waktuTerima: waktuPanjang(copy.waktuDiterima) || `${ISIAN_KOSONG} pukul ………… WIB`,
      diterimaOleh: atauIsian(copy.diterimaOleh),
      status: statusSalinan(copy),
    })),
  };
};

/** Step 3 ("dicetak"): the message printed once per recipient, each page naming its copy. */
export const dataCetakBerita = (berita: BeritaSumber, umum: DataUmum): TemplateData => ({
  ...umum,
  ...dataBerita(berita),
  dari: teks(berita.pengirim),
  nomorSurat: teks(berita.nomorSurat) || '-',
  tanggalSurat: tanggalPanjang(berita.tanggalSurat) || '-',
  tanggalDiterima: waktuPanjang(berita.waktuDiterima),
  isiRingkas: teks(berita.isiRingkas) || teks(berita.perihal),
  salinan: berita.penerima.map((one, index) => ({
    halamanBaru: index > 0,
    salinanKe: salinanKe(index + 1, berita.penerima.length),
    penerimaNama: atauIsian(one.nama),
    penerimaJabatan: teks(one.jabatan) || '-',
    saluran: saluranLabel(one.saluran),
  })),
});

export { asSifat };
