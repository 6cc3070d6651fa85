import type { Core } from '@strapi/strapi';
import type { Penerima } from '../domain/penerima';
import type { BeritaFacts } from '../domain/sop/berita';
import type { DistribusiFacts } from '../domain/sop/distribusi';
import type { Klasifikasi, KriptogramFacts } from '../domain/sop/kriptogram';
import type { RecordFacts } from '../domain/workflow/types';

import { readAuditFor } from './tables';

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
  distribusi: { id: number; documentId: string; tahap: string; penerima: Penerima | null; nomorSalinan: number | null; carakaId: number | null }[];
};

export type DistribusiRow = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  carakaId: number | null;
  createdAt: string | Date | null;
  penerima: Penerima | null;
  berita: { id: number; documentId: string; tahap: string } | null;
  kriptogram: { id: number; documentId: string; tahap: string; sandimanId: number | null; klasifikasi: string } | null;
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

type StoredRecord = { id: number; documentId: string; tahap: string; versi: number | null };

/** A loaded row as the transition service and the views read it. */
const loaded = (
  row: StoredRecord,
  facts: object,
  shown: { tenggat: string | null; nomorAgenda: string | null }
): LoadedRecord => ({
  id: row.id,
  documentId: row.documentId,
  tahap: row.tahap,
  versi: Number(row.versi ?? 0),
  ...shown,
  facts: facts as RecordFacts,
  row: row as unknown as Record<string, unknown>,
});

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
    pemaraf: [row.kartuKendali?.parafKasi, row.kartuKendali?.parafKabid, row.kartuKendali?.parafKadis]
      .filter((paraf) => Boolean(paraf?.waktu) && typeof paraf?.userId === 'number')
      .map((paraf) => Number(paraf?.userId)),
    caraka: [...new Set((row.distribusi ?? []).map((copy) => copy.carakaId).filter((id): id is number => typeof id === 'number'))],
    distribusi: (row.distribusi ?? []).map((copy) => ({ tahap: copy.tahap })),
  };
  return loaded(row, facts, { tenggat: row.tenggat, nomorAgenda: row.nomorAgenda });
};

/**
 * When the copy was last handed to a courier: its creation, or its latest re-assignment
 * after `gagal` (read from the audit trail, inside the caller's transaction if any).
 */
const assignedAt = async (strapi: Core.Strapi, row: DistribusiRow): Promise<string | null> => {
  const reassigned = await strapi.db.transaction(async ({ trx }) =>
    (await readAuditFor(trx, 'distribusi', row.documentId)).filter((audit) => audit.ke === 'ditugaskan').pop()
  );
  const times = [row.createdAt ? new Date(row.createdAt).getTime() : NaN, reassigned ? new Date(reassigned.waktu).getTime() : NaN].filter(
    (time) => !Number.isNaN(time)
  );
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : null;
};

const loadDistribusi = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::distribusi.distribusi').findOne({
    where: { documentId },
    populate: { penerima: true, berita: true, kriptogram: true },
  })) as DistribusiRow | null;
  if (!row) return null;
  const facts: DistribusiFacts = {
    tahap: row.tahap,
    jenisInduk: row.kriptogram ? 'kriptogram' : 'berita',
    indukTahap: (row.kriptogram ?? row.berita)?.tahap ?? '',
    caraka: row.carakaId ?? null,
    sandiman: row.kriptogram?.sandimanId ?? null,
    ditugaskanPada: await assignedAt(strapi, row),
  };
  return loaded(row, facts, { tenggat: null, nomorAgenda: null });
};

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

const loadKriptogram = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
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
  return loaded(row, facts, { tenggat: row.tenggat, nomorAgenda: row.nomorAgenda });
};

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

const loadPengaduan = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  const row = (await strapi.db.query('api::pengaduan.pengaduan').findOne({ where: { documentId } })) as PengaduanRow | null;
  if (!row) return null;
  return loaded(row, { tahap: row.tahap }, { tenggat: row.tenggat, nomorAgenda: row.nomorTiket });
};

export const RECORD_LOADERS: Readonly<Record<string, (strapi: Core.Strapi, documentId: string) => Promise<LoadedRecord | null>>> = {
  berita: loadBerita,
  distribusi: loadDistribusi,
  kriptogram: loadKriptogram,
  pengaduan: loadPengaduan,
};
