import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inputDigest } from '../domain/audit-chain';
import { decide, type TransitionRequest } from '../domain/workflow/decide';
import type { Decision, Refusal, WorkflowDefinition } from '../domain/workflow/types';
import { loadActor, type StaffActor } from './actor';
import { runAsTransition } from './context';
import { EFFECT_HANDLERS } from './effects';
import { emitTransition, type SopTransitionEvent } from '../plugins/sop/server/src/services/events';
import { sopRegistryOf } from '../plugins/sop/server/src/services/registry';
import { appendAudit } from './tables';
import { now as clockNow } from '../clock';

export type Failure = { ok: false; status: 400 | 403 | 404 | 409; name: string; message: string; details?: unknown };
export type TransitionSuccess = { ok: true; documentId: string; dari: string; tahap: string; versi: number };

const REFUSAL_STATUS: Record<Refusal['reason'], Failure['status']> = {
  peran: 403,
  tahap: 409,
  input: 400,
  syarat: 409,
};

class RefusedTransition extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export const failure = (status: Failure['status'], message: string, details?: unknown): Failure => ({
  ok: false,
  status,
  name: { 400: 'ValidationError', 403: 'ForbiddenError', 404: 'NotFoundError', 409: 'ConflictError' }[status],
  message,
  details,
});

/**
 * Runs one SOP step: decide, claim the record at the version it was read (optimistic
 * concurrency), carry out the effects and append the audit row — all in one
 * transaction, so a step and its audit record commit together or not at all.
 */
export const performTransition = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; actorId: number; request: TransitionRequest }
): Promise<TransitionSuccess | Failure> => {
  const registration = sopRegistryOf(strapi).sop(params.model);
  const definition = registration?.definition;
  const loader = registration?.loadRecord;
  if (!definition || !loader) return failure(404, `Jenis naskah "${params.model}" tidak dikenal.`);
  const actor = await loadActor(strapi, params.actorId);
  if (!actor) return failure(403, 'Akun Anda tidak aktif.');
  const now = clockNow();

  let decision: Decision & { versi: number };
  try {
    decision = await runAsTransition({ model: params.model, documentId: params.documentId }, () =>
      strapi.db.transaction(async ({ trx }) => {
        const record = await loader(strapi, params.documentId);
        if (!record) throw new RefusedTransition(failure(404, 'Naskah tidak ditemukan.'));
        const verdict = decide(definition, record.facts, params.request, actor, now);
        if (!verdict.ok) {
          const details = verdict.reason === 'input' ? { issues: verdict.issues } : { reason: verdict.reason };
          throw new RefusedTransition(failure(REFUSAL_STATUS[verdict.reason], verdict.message, details));
        }
        const claimed = (await strapi.db.query(definition.uid as never).updateMany({
          where: { id: record.id, tahap: record.tahap, versi: record.versi },
          data: { tahap: verdict.to, versi: record.versi + 1 },
        })) as { count: number };
        if (claimed.count !== 1) {
          throw new RefusedTransition(failure(409, 'Naskah telah diubah oleh pengguna lain; muat ulang lalu coba lagi.'));
        }
        const atEnd: (() => Promise<void>)[] = [];
        for (const effect of verdict.effects) {
          const handler = EFFECT_HANDLERS[effect.type];
          if (!handler) throw new Error(`Efek SOP tanpa penangan: ${effect.type}`);
          await handler(effect, { strapi, trx, model: params.model, uid: definition.uid, record, actor, now, atEnd: (work) => atEnd.push(work) });
        }
        await appendAudit(trx, {
          model: params.model,
          documentId: params.documentId,
          dari: record.tahap,
          ke: verdict.to,
          aktorId: actor.id,
          aktorNama: actor.name,
          aktorPeran: actor.peran,
          waktu: now.toISOString(),
          catatan: verdict.catatan,
          digest: inputDigest({
            data: (verdict.transition.redact ? verdict.transition.redact(verdict.input) : verdict.input) ?? null,
            catatan: verdict.catatan,
          }),
        });
        for (const work of atEnd) await work();
        return { ...verdict, versi: record.versi + 1 } as Decision & { versi: number };
      })
    );
  } catch (error: unknown) {
    if (error instanceof RefusedTransition) return error.failure;
    if (error instanceof errors.ValidationError) return failure(400, error.message, error.details);
    if (isConflictError(error)) {
      return failure(409, 'Naskah sedang diproses oleh pengguna lain; coba lagi.');
    }
    throw error;
  }

  await emitTransition(strapi, transitionEvent(definition, params, decision, actor, now));
  return {
    ok: true,
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
  decision: Decision & { versi: number },
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
    aktor: { id: actor.id, nama: actor.name, peran: actor.peran },
    catatan: decision.catatan,
    waktu: now.toISOString(),
    versi: decision.versi,
    ditugaskan: Number.isInteger(ditugaskan) && ditugaskan > 0 ? ditugaskan : null,
    efek: decision.effects.map((effect) => effect.type),
  };
};

/** Serialisation failures and lock timeouts under concurrency are conflicts, not server errors. */
export const isConflictError = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === '23505';
};

export type { StaffActor };
