import type { Core } from '@strapi/strapi';
import { mayAct, offeredActions } from '../engine/decide';
import type { Transition, WorkflowDefinition } from '../engine/types';
import { now } from './clock';
import { sopRegistryOf } from './registry';
import { syncAlur, workflowForRecord } from './alur';
import { mayRead } from './views';
import { judulNaskah, namaNaskah } from './notify';
import type { LoadedRecord, SopRegistration, StaffActor } from '../types';

/** Most items `GET /sop/antrian` returns; `meta.jumlah` still counts them all. */
export const ANTRIAN_MAX = 200;

/**
 * Most records in a waiting state read per workflow (in `tenggat` order) to find this actor's
 * queue; a workflow with more is reported in `meta.terpotong` (the queue is then the first part).
 */
export const ANTRIAN_SCAN_MAX = 500;

/** One item of "Antrian saya" (docs/DESIGN.md `GET /sop/antrian`). */
export type AntrianItem = {
  model: string;
  documentId: string;
  judul: string;
  tahap: string;
  tahapLabel: string;
  tenggat: string | null;
  terlambat: boolean;
  aksi: { ke: string; label: string }[];
};

/** `GET /sop/antrian`: the queue and its size (`jumlah` ≥ `data.length`; `terpotong` when a workflow was read only in part). */
export type Antrian = { data: AntrianItem[]; meta: { jumlah: number; terpotong: boolean } };

const isForward = (transition: Transition<unknown>): boolean => (transition.kind ?? 'maju') === 'maju';

/** The states of a workflow from which this actor's roles may take a forward step (before the record's actor rules). */
export const waitingStates = (definition: WorkflowDefinition, actor: StaffActor): string[] => [
  ...new Set(definition.transitions.filter((transition) => isForward(transition) && mayAct(transition, actor)).flatMap((t) => t.from)),
];

/** A record's name in the actor's queue: the SOP's one way of naming (namaNaskah), within the actor's read rights. */
const judulOf = (strapi: Core.Strapi, registration: SopRegistration, record: LoadedRecord, actor: StaffActor): string => {
  const access = sopRegistryOf(strapi).access();
  const mayReadFields = (fields: readonly string[], uid: string = registration.uid) =>
    actor.isSuperAdmin || access.mayReadFields(actor, { uid, fields });
  return judulNaskah(namaNaskah(strapi, registration.model, record.row, { mayReadFields }));
};

type Candidate = { documentId: string; tahap: string; tenggat: string | null };

/** Compares two items: overdue first, then the earliest `tenggat`, those without one last. */
const byUrgency = (a: AntrianItem, b: AntrianItem): number => {
  if (a.terlambat !== b.terlambat) return a.terlambat ? -1 : 1;
  if (a.tenggat !== b.tenggat) {
    if (a.tenggat === null) return 1;
    if (b.tenggat === null) return -1;
    return a.tenggat < b.tenggat ? -1 : 1;
  }
  return a.model === b.model ? a.documentId.localeCompare(b.documentId) : a.model.localeCompare(b.model);
};

/**
 * "Antrian saya" (`GET /sop/antrian`): every record, across every registered workflow the actor may
 * read, on which they may take a forward step now — sending back or voiding puts nothing in a queue.
 * For each workflow: the states from which a forward step has one of the actor's roles; one query
 * for the records in those states (on the indexed `tahap`, earliest `tenggat` first, at most
 * ANTRIAN_SCAN_MAX); each loaded with the SOP's own loader, kept when `offeredActions` (the record
 * view's `aksi`) offers a forward step: actor rules such as "only the assigned Sandiman" and the
 * guards over the record's facts ("every copy delivered") hold. Overdue first, then by
 * `tenggat`; at most ANTRIAN_MAX items. `judul` is the record's name (namaNaskah, judulNaskah) within
 * the actor's read rights. Throws nothing for a refusal: unreadable workflows are skipped.
 */
export const antrianFor = async (strapi: Core.Strapi, actor: StaffActor): Promise<Antrian> => {
  const at = now();
  const items: AntrianItem[] = [];
  let terpotong = false;
  const registry = sopRegistryOf(strapi);
  await syncAlur(strapi);
  for (const registration of registry.all()) {
    const { uid, model } = registration;
    if (!mayRead(strapi, actor, uid)) continue;
    // records run under their own workflow version (issue 13): wait in any version's waiting states
    const states = [...new Set(registry.workflowsOf(model).flatMap((version) => waitingStates(version, actor)))];
    if (states.length === 0) continue;
    const schema = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as { attributes?: Record<string, unknown> } | undefined;
    const hasTenggat = Boolean(schema?.attributes?.tenggat);
    const candidates = (await strapi.db.query(uid as never).findMany({
      where: { tahap: { $in: states } },
      select: ['documentId', 'tahap', ...(hasTenggat ? ['tenggat'] : [])],
      orderBy: hasTenggat ? [{ tenggat: 'asc' }, { id: 'asc' }] : [{ id: 'asc' }],
      limit: ANTRIAN_SCAN_MAX + 1,
    })) as Candidate[];
    if (candidates.length > ANTRIAN_SCAN_MAX) {
      terpotong = true;
      candidates.length = ANTRIAN_SCAN_MAX;
    }
    for (const candidate of candidates) {
      const record = await registration.loadRecord(strapi, candidate.documentId);
      if (!record) continue;
      const definition = (await workflowForRecord(strapi, model, record.alurVersi)) ?? registration.definition;
      const aksi = offeredActions(definition, record.facts, actor, at)
        .filter((action) => isForward(action.transition))
        .map((action) => ({ ke: action.ke, label: action.label }));
      if (aksi.length === 0) continue;
      const tenggat = record.tenggat ? new Date(record.tenggat).toISOString() : null;
      items.push({
        model,
        documentId: record.documentId,
        judul: judulOf(strapi, registration, record, actor),
        tahap: record.tahap,
        tahapLabel: definition.states.find((state) => state.key === record.tahap)?.label ?? record.tahap,
        tenggat,
        terlambat: tenggat !== null && new Date(tenggat).getTime() < at.getTime(),
        aksi,
      });
    }
  }
  items.sort(byUrgency);
  return { data: items.slice(0, ANTRIAN_MAX), meta: { jumlah: items.length, terpotong } };
};
