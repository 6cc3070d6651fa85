import { KATEGORI_LABEL, SALURAN_LABEL, type KategoriPenerima, type Saluran } from '../penerima';
import type { ParafSumber, PenerimaSumber, SalinanSumber, TemplateData } from './berita';
import { namaPenerima, olehPemaraf } from './berita';
import {
  angkaTerbilang,
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
import { blokPelaksana, type DataUmum } from './kop';

/** The salinan of a kriptogram, without its (encrypted) text. */
export type SalinanKriptogramSumber = {
  documentId: string;
  nomor: string | null;
  perihal: string | null;
  lampiran: string | null;
  penerima: PenerimaSumber[];
  parafSandiman: ParafSumber;
  tandaTanganKasi: ParafSumber;
};

export type KriptogramSumber = {
  documentId: string;
  tahap: string;
  tahapLabel: string;
  nomorAgenda: string | null;
  nomorKriptogram: string | null;
  asal: string | null;
  waktuDiterima: string | null;
  klasifikasi: Sifat;
  derajatKecepatan: string | null;
  sandimanId: number | null;
  sandimanNama: string | null;
  salinan: SalinanKriptogramSumber | null;
  distribusi: (SalinanSumber & { nomorSurat: string | null })[];
};

/** The plaintext as `readSalinanPlaintext` returns it (text typed, or a file uploaded). */
export type IsiSalinan = { perihal: string | null; isi: string | null; berkas: { nama: string; tipe: string; base64: string } | null };

const saluranLabel = (saluran: unknown): string => {
  const label = SALURAN_LABEL[saluran as Saluran];
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : teks(saluran);
};

const kategoriLabel = (kategori: unknown): string => KATEGORI_LABEL[kategori as KategoriPenerima] ?? teks(kategori);

// ── availability ──

export const salinanTersedia = (kriptogram: KriptogramSumber): string | null =>
  kriptogram.salinan
    ? null
    : `Salinan dan surat pengantarnya dibuat pada langkah 5 ("Ketik salinan dan surat pengantar"); tahap sekarang: ${kriptogram.tahapLabel}.`;

export const resiTersedia = (kriptogram: KriptogramSumber): string | null =>
  kriptogram.distribusi.length > 0
    ? null
    : `Resi tersedia setelah salinan dinomori dan diamplop (langkah 8); tahap sekarang: ${kriptogram.tahapLabel}.`;

/** What every kriptogram document may print; the perihal is added only where it belongs (not on the resi). */
const dataKriptogram = (kriptogram: KriptogramSumber): TemplateData => ({
  nomorAgenda: teks(kriptogram.nomorAgenda) || 'belum diagendakan',
  nomorKriptogram: teks(kriptogram.nomorKriptogram) || '-',
  asal: teks(kriptogram.asal),
  tanggalDiterima: waktuPanjang(kriptogram.waktuDiterima),
  sifat: SIFAT_LABEL[kriptogram.klasifikasi],
  derajatKecepatan: derajatLabel(kriptogram.derajatKecepatan),
  tandaKlasifikasi: tandaKlasifikasi(kriptogram.klasifikasi),
  nomor: teks(kriptogram.salinan?.nomor) || 'belum bernomor (dinomori pada langkah 8)',
});

const daftarPenerima = (penerima: readonly PenerimaSumber[]) =>
  penerima.map((one, index) => ({
    no: String(index + 1),
    tujuan: namaPenerima(one),
    saluran: saluranLabel(one.saluran),
    salinanKe: salinanKe(index + 1, penerima.length),
  }));

const tandaTeks = (tanda: ParafSumber, kata: string): string =>
  tanda?.waktu ? `${kata} ${waktuPanjang(tanda.waktu)}${olehPemaraf(tanda)}` : `Belum ${kata.toLowerCase()}`;

/**
 * Surat pengantar of a salinan (Permendagri 1/2023 surat dinas): nomor, sifat, lampiran,
 * hal, kepada, the body naming the kriptogram, the Sandiman's paraf and the Kasi's signature block.
 */
export const dataSuratPengantar = (kriptogram: KriptogramSumber, umum: DataUmum): TemplateData => {
  const salinan = kriptogram.salinan;
  const penerima = salinan?.penerima ?? [];
  return {
    ...umum,
    // signed by a Plh / Plt Kasi: "Plh. Kepala Seksi …" above the acting official's name (Permendagri 1/2023)
    ...blokPelaksana('kasi', salinan?.tandaTanganKasi, umum),
    ...dataKriptogram(kriptogram),
    perihal: teks(salinan?.perihal),
    tanggal: tanggalPanjang(salinan?.tandaTanganKasi?.waktu) || umum.tanggalCetak,
    lampiran: teks(salinan?.lampiran) || `${angkaTerbilang(penerima.length)} eksemplar salinan`,
    jumlahSalinan: angkaTerbilang(penerima.length),
    kepada: daftarPenerima(penerima),
    sandimanNama: atauIsian(kriptogram.sandimanNama),
    parafSandiman: tandaTeks(salinan?.parafSandiman, 'Diparaf'),
    tandaTanganKasi: tandaTeks(salinan?.tandaTanganKasi, 'Ditandatangani'),
  };
};

/**
 * The salinan, one copy per recipient: classification at top and bottom of every page,
 * "Salinan ke-n dari m", the plaintext and the distribution list.
 */
export const dataSalinan = (kriptogram: KriptogramSumber, isi: IsiSalinan, umum: DataUmum): TemplateData => {
  const penerima = kriptogram.salinan?.penerima ?? [];
  const teksIsi = (() => {
    if (isi.isi && isi.isi.trim() !== '') return isi.isi.replace(/\r\n?/g, '\n');
    if (isi.berkas?.tipe === 'text/plain') return Buffer.from(isi.berkas.base64, 'base64').toString('utf8').replace(/\r\n?/g, '\n');
    if (isi.berkas)
      return `Isi salinan berupa berkas terlampir: ${isi.berkas.nama} (${isi.berkas.tipe}). Cetak berkas tersebut dan lampirkan pada salinan ini.`;
    return '';
  })();
  const distribusi = daftarPenerima(penerima);
  return {
    ...umum,
    ...dataKriptogram(kriptogram),
    perihal: teks(isi.perihal) || teks(kriptogram.salinan?.perihal),
    isi: teksIsi,
    sandimanNama: atauIsian(kriptogram.sandimanNama),
    distribusi,
    salinan: penerima.map((one, index) => ({
      halamanBaru: index > 0,
      salinanKe: salinanKe(index + 1, penerima.length),
      penerimaTujuan: namaPenerima(one),
    })),
  };
};

/** Resi, one per copy; it leaves the office with the envelope, so it names no perihal. */
export const dataResi = (kriptogram: KriptogramSumber, umum: DataUmum, hanya?: string): TemplateData => {
  const copies = [...kriptogram.distribusi]
    .filter((copy) => hanya === undefined || copy.documentId === hanya)
    .sort((a, b) => (a.nomorSalinan ?? 0) - (b.nomorSalinan ?? 0));
  const jumlah = Math.max(kriptogram.distribusi.length, ...kriptogram.distribusi.map((copy) => copy.jumlahSalinan ?? 0));
  const data = dataKriptogram(kriptogram);
  return {
    ...umum,
    ...data,
    salinan: copies.map((copy, index) => ({
      halamanBaru: index > 0,
      salinanKe: salinanKe(copy.nomorSalinan ?? index + 1, copy.jumlahSalinan ?? jumlah),
      nomorSurat: teks(copy.nomorSurat) || String(data.nomor),
      penerimaNama: atauIsian(copy.penerima?.nama),
      penerimaJabatan: teks(copy.penerima?.jabatan) || '-',
      kategori: kategoriLabel(copy.penerima?.kategori),
      saluran: saluranLabel(copy.penerima?.saluran),
      pengantar: atauIsian(copy.carakaNama),
      waktuTerima: waktuPanjang(copy.waktuDiterima) || `${ISIAN_KOSONG} pukul ………… WIB`,
      diterimaOleh: atauIsian(copy.diterimaOleh),
      status:
        copy.tahap === 'diterima'
          ? 'Telah diterima'
          : copy.tahap === 'gagal'
            ? `Gagal diantar${copy.catatan ? `: ${teks(copy.catatan)}` : ''}`
            : 'Dalam pengantaran',
    })),
  };
};
