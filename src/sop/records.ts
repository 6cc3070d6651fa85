import type { Core } from '@strapi/strapi';
import type { Penerima } from '../domain/penerima';
import type { BeritaFacts } from '../domain/sop/berita';
import type { DistribusiFacts } from '../domain/sop/distribusi';
import type { RecordFacts } from '../domain/workflow/types';

type ParafRow = { userId?: number | null; nama?: string | null; waktu?: string | null } | null;

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
  distribusi: { id: number; documentId: string; tahap: string; penerima: Penerima | null; nomorSalinan: number | null }[];
};

export type DistribusiRow = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  carakaId: number | null;
  penerima: Penerima | null;
  berita: { id: number; documentId: string; tahap: string } | null;
};

export type LoadedRecord = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  tenggat: string | null;
  nomorAgenda: string | null;
  facts: RecordFacts;
  row: Record<string, unknown>;
};

const loadBerita = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
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
    distribusi: (row.distribusi ?? []).map((copy) => ({ tahap: copy.tahap })),
  };
  return {
    id: row.id,
    documentId: row.documentId,
    tahap: row.tahap,
    versi: Number(row.versi ?? 0),
    tenggat: row.tenggat,
    nomorAgenda: row.nomorAgenda,
    facts: facts as unknown as RecordFacts,
    row: row as unknown as Record<string, unknown>,
  };
};

const loadDistribusi = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::distribusi.distribusi').findOne({
    where: { documentId },
    populate: { penerima: true, berita: true },
  })) as DistribusiRow | null;
  if (!row) return null;
  const facts: DistribusiFacts = {
    tahap: row.tahap,
    jenisInduk: 'berita',
    indukTahap: row.berita?.tahap ?? '',
    caraka: row.carakaId ?? null,
    sandiman: null,
  };
  return {
    id: row.id,
    documentId: row.documentId,
    tahap: row.tahap,
    versi: Number(row.versi ?? 0),
    tenggat: null,
    nomorAgenda: null,
    facts: facts as unknown as RecordFacts,
    row: row as unknown as Record<string, unknown>,
  };
};

export const RECORD_LOADERS: Readonly<Record<string, (strapi: Core.Strapi, documentId: string) => Promise<LoadedRecord | null>>> = {
  berita: loadBerita,
  distribusi: loadDistribusi,
};
