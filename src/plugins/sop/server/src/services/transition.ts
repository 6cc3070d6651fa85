import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inputDigest } from '../engine/audit-chain';
import { actingFor, decide, type TransitionRequest } from '../engine/decide';
import type { Decision, Refusal, WorkflowDefinition } from '../engine/types';
import { runAsTransition } from './context';
import { emitTransition } from './events';
import { sopRegistryOf } from './registry';
import { syncAlur, workflowForRecord } from './alur';
import { appendAudit } from './audit';
import { claimRow } from './effects';
import { actorUnderMandate, peranTercatat } from './actor';
import { now as clockNow } from './clock';
import { openSharedReads } from './shared-reads';
import { ConflictError } from '../errors';
import type { SopTransitionEvent, StaffActor } from '../types';

/** A step taken: the record, the state it left, the state it is in now and its new version. */
export type TransitionSuccess = { documentId: string; dari: string; tahap: string; versi: number };

/**
 * The typed error of a refusal of `decide`/`decideKoreksi` (domain/workflow/types `Refusal`):
 * `peran` → ForbiddenError, `input` → ValidationError with `details.issues`, `tahap` and
 * `syarat` → ConflictError (409); the other details name the reason.
 */
export const refusalError = (refusal: Pick<Refusal, 'reason' | 'message'> & { issues?: unknown }): Error => {
  if (refusal.reason === 'input') return new errors.ValidationError(refusal.message, { issues: refusal.issues });
  if (refusal.reason === 'peran') return new errors.ForbiddenError(refusal.message, { reason: refusal.reason });
  return new ConflictError(refusal.message, { reason: refusal.reason });
};

/** The 409 of a record claimed at a version someone else has already moved past. */
export const staleVersion = (): ConflictError => new ConflictError('Naskah telah diubah oleh pengguna lain; muat ulang lalu coba lagi.');

/**
 * Runs one SOP step for an actor (loaded once by the route): the SOP's input preparation
 * (file work, outside any lock), then decide, claim the record at the version it was read
 * (optimistic concurrency), carry out the effects and append the audit row — all in one
 * transaction, so a step and its audit record commit together or not at all — and finally
 * announce it (`sop.transition`), which runs the post-commit work.
 * Returns the step taken; throws NotFoundError (unknown model or record), ForbiddenError
 * (role), ValidationError (input, `details.issues`) or ConflictError (tahap, syarat, stale
 * version, lock held by another request).
 */
export const performTransition = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; actor: StaffActor; request: TransitionRequest }
): Promise<TransitionSuccess> => {
  const registry = sopRegistryOf(strapi);
  const registration = registry.sop(params.model);
  if (!registration) throw new errors.NotFoundError(`Jenis naskah "${params.model}" tidak dikenal.`);
  const { loadRecord: loader } = registration;
  const { actor } = params;
  const now = clockNow();
  await syncAlur(strapi);
  // a record runs under the workflow version it started under (issue 13), whatever is active now
  const definitionOf = async (alurVersi: number): Promise<WorkflowDefinition> =>
    (await workflowForRecord(strapi, params.model, alurVersi)) ?? registration.definition;
  if (registration.prepareInput) {
    // The SOP's file work runs outside the transaction, so first the same checks the step
    // makes: an unknown record is 404 and a refused step answers as it would, never with a
    // fact about the input (whose file, attached where) to someone who may not take it.
    const current = await loader(strapi, params.documentId);
    if (!current) throw new errors.NotFoundError('Naskah tidak ditemukan.');
    const verdict = decide(await definitionOf(current.alurVersi), current.facts, params.request, actor, now);
    if (!verdict.ok) throw refusalError(verdict);
    await registration.prepareInput(strapi, { model: params.model, documentId: params.documentId, data: params.request.data, actor });
  }

  let decision: Decision & { versi: number; pelaku: StaffActor; definition: WorkflowDefinition; alurVersi: number };
  try {
    decision = await runAsTransition({ model: params.model, documentId: params.documentId }, () =>
      strapi.db.transaction(async ({ trx }) => {
        const record = await loader(strapi, params.documentId);
        if (!record) throw new errors.NotFoundError('Naskah tidak ditemukan.');
        const definition = await definitionOf(record.alurVersi);
        const verdict = decide(definition, record.facts, params.request, actor, now);
        if (!verdict.ok) throw refusalError(verdict);
        // as an acting official (Plh / Plt): the record and the audit keep both names
        const pelaku = actorUnderMandate(strapi, actor, actingFor(verdict.transition, actor));
        if (!(await claimRow(strapi, trx, definition.uid, record, verdict.to))) throw staleVersion();
        const atEnd: (() => Promise<void>)[] = [];
        for (const effect of verdict.effects) {
          const handler = registry.effectHandler(params.model, effect.type);
          if (handler) {
            await handler(effect, {
              strapi,
              trx,
              model: params.model,
              uid: definition.uid,
              record,
              actor: pelaku,
              now,
              atEnd: (work) => atEnd.push(work),
            });
          } else if (!registry.afterCommitHandler(params.model, effect.type)) {
            // the structural check at boot makes this unreachable for a registered SOP
            throw new Error(`Efek SOP tanpa penangan: ${effect.type}`);
          }
        }
        await appendAudit(trx, {
          model: params.model,
          documentId: params.documentId,
          dari: record.tahap,
          ke: verdict.to,
          aktorId: actor.id,
          aktorNama: actor.name,
          aktorPeran: peranTercatat(pelaku),
          waktu: now.toISOString(),
          catatan: verdict.catatan,
          digest: inputDigest({
            data: (verdict.transition.redact ? verdict.transition.redact(verdict.input) : verdict.input) ?? null,
            catatan: verdict.catatan,
          }),
        });
        for (const work of atEnd) await work();
        return { ...verdict, versi: record.versi + 1, pelaku, definition, alurVersi: record.alurVersi };
      })
    );
  } catch (error: unknown) {
    throw isConflictError(error) ? lockConflict() : error;
  }

  // committed: from here the notification and the answer may share their reads (./shared-reads)
  openSharedReads();
  await emitTransition(strapi, transitionEvent(decision.definition, params, decision, decision.pelaku, now), decision.effects);
  return {
    documentId: params.documentId,
    dari: decision.from,
    tahap: decision.to,
    versi: (decision as Decision & { versi: number }).versi,
  };
};

/** The `sop.transition` announcement of a committed step: who moved which record where, never the step's input. */
const transitionEvent = (
  definition: WorkflowDefinition,
  params: { model: string; documentId: string },
  decision: Decision & { versi: number; alurVersi: number },
  actor: StaffActor,
  now: Date
): SopTransitionEvent => {
  const named = (decision.input ?? {}) as { caraka?: unknown; sandiman?: unknown };
  const ditugaskan = Number(named.caraka ?? named.sandiman);
  return {
    model: params.model,
    uid: definition.uid,
    documentId: params.documentId,
    dari: decision.from,
    ke: decision.to,
    keLabel: definition.states.find((state) => state.key === decision.to)?.label ?? decision.to,
    aksi: decision.transition.label,
    langkah: decision.transition.langkah ?? null,
    jenis: decision.transition.kind ?? 'maju',
    aktor: { id: actor.id, nama: actor.name, peran: peranTercatat(actor) },
    catatan: decision.catatan,
    waktu: now.toISOString(),
    versi: decision.versi,
    alurVersi: decision.alurVersi,
    ditugaskan: Number.isInteger(ditugaskan) && ditugaskan > 0 ? ditugaskan : null,
    efek: decision.effects.map((effect) => effect.type),
  };
};

/** The 409 of a serialisation failure or lock timeout: another request holds the record. */
export const lockConflict = (): ConflictError => new ConflictError('Naskah sedang diproses oleh pengguna lain; coba lagi.');

/** Serialisation failures and lock timeouts under concurrency are conflicts, not server errors. */
export const isConflictError = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === '23505';
};

export type { StaffActor };
