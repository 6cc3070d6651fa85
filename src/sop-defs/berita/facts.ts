import type { Core } from '@strapi/strapi';
import { loadedRecord, readPopulated, type LoadedRecord, type PopulateTree } from '../../plugins/sop/server/src/index';
import type { Penerima } from '../../domain/penerima';
import type { BeritaFacts } from './workflow';

/** A paraf as stored on the kartu kendali. */
export type ParafRow = { userId?: number | null; nama?: string | null; waktu?: string | null } | null;

export type BeritaRow = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  nomorAgenda: string | null;
  perihal: string;
  pengirim: string;
  isiRingkas: string | null;
  sifat: string;
  derajatKecepatan: string;
  tenggat: string | null;
  waktuDiterima: string;
  penerima: (Penerima & { id?: number; alamat?: string | null })[];
  kartuKendali: { id: number; documentId: string; parafKasi: ParafRow; parafKabid: ParafRow; parafKadis: ParafRow } | null;
  distribusi: { id: number; documentId: string; tahap: string; penerima: Penerima | null; nomorSalinan: number | null; carakaId: number | null }[];
};

/** What a berita is read with: its penerima, its kartu kendali with the three paraf, its distribusi copies with their penerima. */
const BERITA_TREE: PopulateTree = {
  penerima: true,
  kartuKendali: { parafKasi: true, parafKabid: true, parafKadis: true },
  distribusi: { penerima: true },
};

export const loadBerita = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  // one statement where Strapi's populate sends up to eight (issue 14; tests/sop/populated-read.test.ts)
  const row = (await readPopulated(strapi, 'api::berita.berita', documentId, BERITA_TREE)) as BeritaRow | null;
  if (!row) return null;
  const facts: BeritaFacts = {
    tahap: row.tahap,
    penerima: row.penerima ?? [],
    paraf: {
      kasi: Boolean(row.kartuKendali?.parafKasi?.waktu),
      kabid: Boolean(row.kartuKendali?.parafKabid?.waktu),
      kadis: Boolean(row.kartuKendali?.parafKadis?.waktu),
    },
    pemaraf: [row.kartuKendali?.parafKasi, row.kartuKendali?.parafKabid, row.kartuKendali?.parafKadis]
      .filter((paraf) => Boolean(paraf?.waktu) && typeof paraf?.userId === 'number')
      .map((paraf) => Number(paraf?.userId)),
    caraka: [...new Set((row.distribusi ?? []).map((copy) => copy.carakaId).filter((id): id is number => typeof id === 'number'))],
    distribusi: (row.distribusi ?? []).map((copy) => ({ tahap: copy.tahap })),
  };
  return loadedRecord(row, facts, { tenggat: row.tenggat, nomorAgenda: row.nomorAgenda });
};
