import type { Core } from '@strapi/strapi';
import { loadedRecord, type LoadedRecord } from '../../plugins/sop/server/src/index';

export type PengaduanRow = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  nomorTiket: string | null;
  kontak: string | null;
  tenggat: string | null;
  tenggatPengakuan: string | null;
  tenggatRespons: string | null;
  tenggatPenyelesaian: string | null;
};

export const loadPengaduan = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::pengaduan.pengaduan').findOne({ where: { documentId } })) as PengaduanRow | null;
  if (!row) return null;
  return loadedRecord(row, { tahap: row.tahap }, { tenggat: row.tenggat, nomorAgenda: row.nomorTiket });
};
