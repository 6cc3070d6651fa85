import type { Core } from '@strapi/strapi';
import { loadedRecord, type LoadedRecord } from '../../plugins/sop/server/src/index';
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

export const loadBerita = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::berita.berita').findOne({
    where: { documentId },
    populate: {
      penerima: true,
      kartuKendali: { populate: ['parafKasi', 'parafKabid', 'parafKadis'] },
      distribusi: { populate: ['penerima'] },
    },
  })) as BeritaRow | null;
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
