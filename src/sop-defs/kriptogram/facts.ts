import type { Core } from '@strapi/strapi';
import { loadedRecord, type LoadedRecord } from '../../plugins/sop/server/src/index';
import type { Penerima } from '../../domain/penerima';
import type { Klasifikasi, KriptogramFacts } from './workflow';

export type KriptogramRow = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  nomorAgenda: string | null;
  urutAgenda: number | null;
  tahunAgenda: number | null;
  /** the registration moment (`diagendakan`): the month and year of the salinan's letter number */
  waktuAgenda: string | Date | null;
  waktuDiterima: string | Date | null;
  tenggat: string | null;
  klasifikasi: Klasifikasi;
  sandimanId: number | null;
  sandimanNama: string | null;
  createdBy: { id: number } | null;
  salinan: {
    id: number;
    documentId: string;
    perihal: string | null;
    penerima: (Penerima & { alamat?: string | null })[];
    parafSandiman: { waktu?: string | null } | null;
    tandaTanganKasi: { waktu?: string | null } | null;
  } | null;
  distribusi: { id: number; documentId: string; tahap: string; penerima: Penerima | null; nomorSalinan: number | null }[];
};

export const loadKriptogram = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::kriptogram.kriptogram').findOne({
    where: { documentId },
    populate: {
      // never `isi` or `berkas`: the loader feeds views and guards, not readers of the plaintext
      salinan: { select: ['id', 'documentId', 'perihal'], populate: ['penerima', 'parafSandiman', 'tandaTanganKasi'] },
      distribusi: { populate: ['penerima'] },
      createdBy: { select: ['id'] },
    },
  })) as KriptogramRow | null;
  if (!row) return null;
  const facts: KriptogramFacts = {
    tahap: row.tahap,
    klasifikasi: row.klasifikasi,
    sandiman: row.sandimanId ?? null,
    pencatat: row.createdBy?.id ?? null,
    adaSalinan: Boolean(row.salinan),
    parafSandiman: Boolean(row.salinan?.parafSandiman?.waktu),
    tandaTanganKasi: Boolean(row.salinan?.tandaTanganKasi?.waktu),
    jumlahPenerima: row.salinan?.penerima?.length ?? 0,
    distribusi: (row.distribusi ?? []).map((copy) => ({ tahap: copy.tahap })),
  };
  return loadedRecord(row, facts, { tenggat: row.tenggat, nomorAgenda: row.nomorAgenda });
};
