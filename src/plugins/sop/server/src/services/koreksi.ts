import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { now as clockNow } from './clock';
import { inputDigest } from '../engine/audit-chain';
import { sopRegistryOf } from './registry';
import { decideKoreksi, describeKoreksi, normaliseNilai, type KoreksiFacts } from '../engine/koreksi';
import { runAsTransition } from './context';
import { appendAudit } from './audit';
import { actingForRule } from '../engine/decide';
import { actorUnderMandate, peranTercatat } from './actor';
import { isConflictError, lockConflict, refusalError, staleVersion } from './transition';
import type { StaffActor } from '../types';

/** The audit row's `ke` of a correction (the record keeps its `tahap`). */
export const KE_KOREKSI = 'koreksi';

/**
 * `POST /sop/:model/:documentId/koreksi` body `{ catatan, data: { <kolom>: <nilai baru> } }`:
 * corrects the frozen registration fields of a registered berita or kriptogram (issue 10
 * item 4). Claims the record at the version read (409 if it changed meanwhile), writes the
 * new values (a new receipt time recomputes `tenggat`; the SOP's `afterKoreksi` carries the
 * rest, e.g. a new klasifikasi into the salinan) and appends the audit row naming the old and
 * new values — one transaction.
 * Returns the changed fields; throws NotFoundError (model not correctable, record unknown),
 * ForbiddenError (role), ValidationError (input, `details.issues`) or
 * ConflictError (tahap, syarat, stale version, lock held elsewhere). The record keeps its `tahap`,
 * so nothing enters anybody's queue and nobody is e-mailed.
 */
export const performKoreksi = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; actor: StaffActor; request: { catatan?: string | null; data?: unknown } }
): Promise<{ perubahan: { kolom: string; lama: string | null; baru: string | null }[] }> => {
  const registry = sopRegistryOf(strapi);
  const registration = registry.sop(params.model);
  const rule = registration?.koreksi;
  if (!registration || !rule) throw new errors.NotFoundError(`Jenis naskah "${params.model}" tidak dapat dikoreksi.`);
  const { definition } = registration;
  const { actor } = params;
  const now = clockNow();
  try {
    return await runAsTransition({ model: params.model, documentId: params.documentId }, () =>
      strapi.db.transaction(async ({ trx }) => {
        const record = await registration.loadRecord(strapi, params.documentId);
        if (!record) throw new errors.NotFoundError('Naskah tidak ditemukan.');
        const assigned = (fact: unknown): number | null => (typeof fact === 'number' ? fact : null);
        const facts: KoreksiFacts = {
          tahap: record.tahap,
          terdaftar: Boolean(record.nomorAgenda),
          selesai: definition.states.find((state) => state.key === record.tahap)?.final === true,
          nilai: Object.fromEntries(rule.kolom.map((kolom) => [kolom, normaliseNilai(kolom, record.row[kolom])])),
          sandiman: assigned(record.facts.sandiman),
          pencatat: assigned(record.facts.pencatat),
        };
        const verdict = decideKoreksi(rule, facts, params.request, actor, now);
        if (!verdict.ok) throw refusalError(verdict);
        // a deputy correcting in the role they act for is recorded as a step is: "Plh. <jabatan>, a.n. <holder>"
        const mandate = actingForRule((candidate) => decideKoreksi(rule, facts, params.request, candidate, now).ok, actor);
        const pelaku = actorUnderMandate(strapi, actor, mandate);
        const values: Record<string, unknown> = Object.fromEntries(verdict.perubahan.map((change) => [change.kolom, change.baru]));
        const waktuBaru = verdict.perubahan.find((change) => change.kolom === 'waktuDiterima')?.baru;
        if (waktuBaru) values.tenggat = (await registry.calendar(strapi)).tenggat(new Date(waktuBaru)).toISOString();
        const versi = record.versi;
        const claimed = (await strapi.db.query(rule.uid as never).updateMany({
          where: { id: record.id, tahap: record.tahap, versi },
          data: { ...values, versi: versi + 1 },
        })) as { count: number };
        if (claimed.count !== 1) throw staleVersion();
        await registration.afterKoreksi?.(strapi, { record, values });
        await appendAudit(trx, {
          model: params.model,
          documentId: params.documentId,
          dari: record.tahap,
          ke: KE_KOREKSI,
          aktorId: pelaku.id,
          aktorNama: pelaku.name,
          aktorPeran: peranTercatat(pelaku),
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
