import type { Core } from '@strapi/strapi';
import { inputDigest } from '../domain/audit-chain';
import { sopRegistryOf } from '../plugins/sop/server/src/services/registry';
import { KOREKSI, decideKoreksi, describeKoreksi, normaliseNilai, type KoreksiFacts } from '../domain/sop/koreksi';
import { loadActor } from './actor';
import { computeTenggat } from './calendar';
import { runAsTransition } from './context';
import { appendAudit } from './tables';
import { failure, isConflictError, type Failure } from './transition';

/** The audit row's `ke` of a correction (the record keeps its `tahap`). */
export const KE_KOREKSI = 'koreksi';

const REFUSAL_STATUS = { peran: 403, tahap: 409, input: 400, syarat: 409 } as const;

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

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
 * Returns the changed fields, or a 400/403/404/409 failure. The record keeps its `tahap`,
 * so nothing enters anybody's queue and nobody is e-mailed.
 */
export const performKoreksi = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; actorId: number; request: { catatan?: string | null; data?: unknown } }
): Promise<{ ok: true; perubahan: { kolom: string; lama: string | null; baru: string | null }[] } | Failure> => {
  const rule = KOREKSI[params.model];
  const definition = sopRegistryOf(strapi).workflow(params.model);
  if (!rule || !definition) return failure(404, `Jenis naskah "${params.model}" tidak dapat dikoreksi.`);
  const actor = await loadActor(strapi, params.actorId);
  if (!actor) return failure(403, 'Akun Anda tidak aktif.');
  const now = new Date();
  try {
    return await runAsTransition({ model: params.model, documentId: params.documentId }, () =>
      strapi.db.transaction(async ({ trx }) => {
        const row = (await strapi.db.query(rule.uid as never).findOne({
          where: { documentId: params.documentId },
          populate: { createdBy: { select: ['id'] }, ...(params.model === 'kriptogram' ? { salinan: { select: ['id'] } } : {}) },
        })) as StoredRecord | null;
        if (!row) throw new Refused(failure(404, 'Naskah tidak ditemukan.'));
        const facts: KoreksiFacts = {
          tahap: row.tahap,
          terdaftar: Boolean(row.nomorAgenda),
          selesai: definition.states.find((state) => state.key === row.tahap)?.final === true,
          nilai: Object.fromEntries(rule.kolom.map((kolom) => [kolom, normaliseNilai(kolom, row[kolom])])),
          sandiman: row.sandimanId ?? null,
          pencatat: row.createdBy?.id ?? null,
        };
        const verdict = decideKoreksi(rule, facts, params.request, actor, now);
        if (!verdict.ok) {
          const details = verdict.reason === 'input' ? { issues: verdict.issues } : { reason: verdict.reason };
          throw new Refused(failure(REFUSAL_STATUS[verdict.reason], verdict.message, details));
        }
        const values: Record<string, unknown> = Object.fromEntries(verdict.perubahan.map((change) => [change.kolom, change.baru]));
        const waktuBaru = verdict.perubahan.find((change) => change.kolom === 'waktuDiterima')?.baru;
        if (waktuBaru) values.tenggat = (await computeTenggat(strapi, new Date(waktuBaru))).toISOString();
        const versi = Number(row.versi ?? 0);
        const claimed = (await strapi.db.query(rule.uid as never).updateMany({
          where: { id: row.id, tahap: row.tahap, versi },
          data: { ...values, versi: versi + 1 },
        })) as { count: number };
        if (claimed.count !== 1) throw new Refused(failure(409, 'Naskah telah diubah oleh pengguna lain; muat ulang lalu coba lagi.'));
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
        return { ok: true as const, perubahan: verdict.perubahan };
      })
    );
  } catch (error: unknown) {
    if (error instanceof Refused) return error.failure;
    if (isConflictError(error)) return failure(409, 'Naskah sedang diproses oleh pengguna lain; coba lagi.');
    throw error;
  }
};
