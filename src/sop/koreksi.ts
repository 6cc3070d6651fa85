import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inputDigest } from '../plugins/sop/server/src/engine/audit-chain';
import { sopRegistryOf } from '../plugins/sop/server/src/services/registry';
import { KOREKSI, decideKoreksi, describeKoreksi, normaliseNilai, type KoreksiFacts } from '../sop-defs/koreksi';
import { loadActor } from '../plugins/sop/server/src/services/actor';
import { computeTenggat } from './calendar';
import { runAsTransition } from '../plugins/sop/server/src/services/context';
import { appendAudit } from '../plugins/sop/server/src/services/tables';
import { isConflictError, lockConflict, refusalError, staleVersion } from './transition';

/** The audit row's `ke` of a correction (the record keeps its `tahap`). */
export const KE_KOREKSI = 'koreksi';

type StoredRecord = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number | null;
  nomorAgenda: string | null;
  sandimanId?: number | null;
  createdBy?: { id: number } | null;
  salinan?: { id: number } | null;
  [field: string]: unknown;
};

/**
 * `POST /sop/:model/:documentId/koreksi` body `{ catatan, data: { <kolom>: <nilai baru> } }`:
 * corrects the frozen registration fields of a registered berita or kriptogram (issue 10
 * item 4). Claims the record at the version read (409 if it changed meanwhile), writes the
 * new values (a new receipt time recomputes `tenggat`; a new klasifikasi follows into the
 * salinan) and appends the audit row naming the old and new values — one transaction.
 * Returns the changed fields; throws NotFoundError (model not correctable, record unknown),
 * ForbiddenError (inactive account, role), ValidationError (input, `details.issues`) or
 * ConflictError (tahap, syarat, stale version, lock held elsewhere). The record keeps its `tahap`,
 * so nothing enters anybody's queue and nobody is e-mailed.
 */
export const performKoreksi = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; actorId: number; request: { catatan?: string | null; data?: unknown } }
): Promise<{ perubahan: { kolom: string; lama: string | null; baru: string | null }[] }> => {
  const rule = KOREKSI[params.model];
  const definition = sopRegistryOf(strapi).workflow(params.model);
  if (!rule || !definition) throw new errors.NotFoundError(`Jenis naskah "${params.model}" tidak dapat dikoreksi.`);
  const actor = await loadActor(strapi, params.actorId);
  if (!actor) throw new errors.ForbiddenError('Akun Anda tidak aktif.');
  const now = new Date();
  try {
    return await runAsTransition({ model: params.model, documentId: params.documentId }, () =>
      strapi.db.transaction(async ({ trx }) => {
        const row = (await strapi.db.query(rule.uid as never).findOne({
          where: { documentId: params.documentId },
          populate: { createdBy: { select: ['id'] }, ...(params.model === 'kriptogram' ? { salinan: { select: ['id'] } } : {}) },
        })) as StoredRecord | null;
        if (!row) throw new errors.NotFoundError('Naskah tidak ditemukan.');
        const facts: KoreksiFacts = {
          tahap: row.tahap,
          terdaftar: Boolean(row.nomorAgenda),
          selesai: definition.states.find((state) => state.key === row.tahap)?.final === true,
          nilai: Object.fromEntries(rule.kolom.map((kolom) => [kolom, normaliseNilai(kolom, row[kolom])])),
          sandiman: row.sandimanId ?? null,
          pencatat: row.createdBy?.id ?? null,
        };
        const verdict = decideKoreksi(rule, facts, params.request, actor, now);
        if (!verdict.ok) throw refusalError(verdict);
        const values: Record<string, unknown> = Object.fromEntries(verdict.perubahan.map((change) => [change.kolom, change.baru]));
        const waktuBaru = verdict.perubahan.find((change) => change.kolom === 'waktuDiterima')?.baru;
        if (waktuBaru) values.tenggat = (await computeTenggat(strapi, new Date(waktuBaru))).toISOString();
        const versi = Number(row.versi ?? 0);
        const claimed = (await strapi.db.query(rule.uid as never).updateMany({
          where: { id: row.id, tahap: row.tahap, versi },
          data: { ...values, versi: versi + 1 },
        })) as { count: number };
        if (claimed.count !== 1) throw staleVersion();
        if (values.klasifikasi !== undefined && row.salinan) {
          await strapi.db.query('api::salinan.salinan').update({ where: { id: row.salinan.id }, data: { klasifikasi: values.klasifikasi } });
        }
        await appendAudit(trx, {
          model: params.model,
          documentId: params.documentId,
          dari: row.tahap,
          ke: KE_KOREKSI,
          aktorId: actor.id,
          aktorNama: actor.name,
          aktorPeran: actor.peran,
          waktu: now.toISOString(),
          catatan: describeKoreksi(verdict.catatan, verdict.perubahan),
          digest: inputDigest({ data: verdict.perubahan, catatan: verdict.catatan }),
        });
        return { perubahan: verdict.perubahan };
      })
    );
  } catch (error: unknown) {
    throw isConflictError(error) ? lockConflict() : error;
  }
};
