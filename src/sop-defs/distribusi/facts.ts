import type { Core } from '@strapi/strapi';
import { loadedRecord, readPopulated, type LoadedRecord, readAuditFor } from '../../plugins/sop/server/src/index';
import type { Penerima } from '../../domain/penerima';
import type { DistribusiFacts } from './workflow';

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
  /** a copy of a record whose workflow is bound from data (salinanPerPenerima): its type, documentId, and its state while out for delivery */
  indukUid: string | null;
  indukDocumentId: string | null;
  indukTahapAntar: string | null;
};

/** The state of a bound parent now ('' when its type or record is gone). */
const boundParentState = async (strapi: Core.Strapi, row: DistribusiRow): Promise<string> => {
  if (!row.indukUid || !row.indukDocumentId || !strapi.contentType(row.indukUid as never)) return '';
  const parent = (await strapi.db.query(row.indukUid as never).findOne({ where: { documentId: row.indukDocumentId }, select: ['tahap'] })) as {
    tahap?: string | null;
  } | null;
  return parent?.tahap ?? '';
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

export const loadDistribusi = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
  // one statement where Strapi's populate sends four (issue 14; tests/sop/populated-read.test.ts)
  const row = (await readPopulated(strapi, 'api::distribusi.distribusi', documentId, {
    penerima: true,
    berita: true,
    kriptogram: true,
  })) as DistribusiRow | null;
  if (!row) return null;
  const terikat = !row.kriptogram && !row.berita && Boolean(row.indukUid);
  const facts: DistribusiFacts = {
    tahap: row.tahap,
    jenisInduk: row.kriptogram ? 'kriptogram' : terikat ? 'terikat' : 'berita',
    indukTahap: terikat ? await boundParentState(strapi, row) : ((row.kriptogram ?? row.berita)?.tahap ?? ''),
    indukTahapAntar: terikat ? row.indukTahapAntar : null,
    caraka: row.carakaId ?? null,
    sandiman: row.kriptogram?.sandimanId ?? null,
    ditugaskanPada: await assignedAt(strapi, row),
  };
  return loadedRecord(row, facts, { tenggat: null, nomorAgenda: null });
};
