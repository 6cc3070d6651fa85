import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { offeredActions } from '../engine/decide';
import type { Transition, WorkflowDefinition } from '../engine/types';
import { toMermaid, toSvg } from '../engine/diagram';
import { sopRegistryOf } from './registry';
import { now } from './clock';
import { readAuditChecked } from './audit';
import { withoutKoreksiValues } from '../engine/koreksi';
import type { LoadedRecord, StaffActor } from '../types';
import { forwardTransitionsFrom, loadRecordShared, whoActsNext } from './notify';
import { syncAlur, workflowForRecord } from './alur';

/** One role that may take the next forward step: its key, its short name, those steps' labels and the names of who may take them. */
export type Berikutnya = { peran: string; label: string; langkah: string[]; nama: string[] };

/**
 * Who acts next on a record in its state (the same people the step e-mail goes to, see
 * `whoActsNext`: the assigned Sandiman, not every Sandiman), grouped by role: e.g.
 * `[{ peran: 'kasi', label: 'Kasi', langkah: ['Paraf Kasi'], nama: ['Budi'] }]`. Names only,
 * never e-mail addresses. A role none of whose holders may act is left out unless no role
 * has anyone (then each role is listed with no names). Empty in a final state.
 */
export const berikutnyaFor = async (strapi: Core.Strapi, model: string, record: LoadedRecord): Promise<Berikutnya[]> => {
  const definition = await workflowForRecord(strapi, model, record.alurVersi);
  if (!definition) return [];
  const steps = forwardTransitionsFrom(definition, record.tahap);
  const roles = [...new Set(steps.flatMap((step) => step.roles))];
  const people = await whoActsNext(strapi, model, record.tahap, () => Promise.resolve(record), undefined, definition);
  const registry = sopRegistryOf(strapi);
  const groups = roles.map((peran) => ({
    peran,
    label: registry.roleLabels()[peran] ?? registry.roleName(peran),
    langkah: steps.filter((step) => step.roles.includes(peran)).map((step) => step.label),
    nama: people.filter((user) => (user.roles as readonly string[]).includes(peran)).map((user) => user.name),
  }));
  const withPeople = groups.filter((group) => group.nama.length > 0);
  return withPeople.length > 0 ? withPeople : groups;
};

/** Whether the actor may see records of this content type at all (the app's read rights; Super Admin always). */
export const mayRead = (strapi: Core.Strapi, actor: StaffActor, uid: string): boolean =>
  actor.isSuperAdmin || sopRegistryOf(strapi).access().mayRead(actor, uid);

type InputJsonSchema = { properties?: Record<string, unknown>; required?: string[] };

/** JSON schemas of step inputs, by zod schema: a workflow version never changes, and every record view and step answer describes its steps. */
const jsonSchemas = new WeakMap<object, InputJsonSchema>();

/** The JSON schema (zod 4's toJSONSchema, input side) of a step's input schema, made once per schema. */
const inputJsonSchema = (input: NonNullable<Transition<unknown>['input']>): InputJsonSchema => {
  const known = jsonSchemas.get(input);
  if (known) return known;
  const made = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as InputJsonSchema;
  jsonSchemas.set(input, made);
  return made;
};

/**
 * The `masukan` of a step (shared decision 2): whether it asks for a catatan, the JSON schema
 * of its `data` (kept for compatibility) and its typed field list, which the panel renders
 * generically (`fields`, empty when the step takes no data).
 */
const describeInput = (transition: Transition<unknown>) => {
  const schema = transition.input ? inputJsonSchema(transition.input) : undefined;
  return {
    catatan: transition.catatan ?? null,
    data: schema ? { properties: schema.properties ?? {}, required: schema.required ?? [] } : null,
    fields: [...(transition.fields ?? [])],
  };
};

/**
 * `GET /sop/definitions`: every workflow as data, with its diagram. The admin panel needs
 * nothing else to know which content types run an SOP (`uid` → `model`) and when a record
 * is finished (`akhir`: the final states' keys, also flagged per state in `tahap`).
 */
export const definitionsView = (strapi: Core.Strapi) =>
  sopRegistryOf(strapi)
    .workflows()
    .map((definition: WorkflowDefinition) => ({
      model: definition.model,
      uid: definition.uid,
      judul: definition.title,
      sop: definition.sop ?? null,
      awal: definition.initial,
      akhir: definition.states.filter((state) => state.final === true).map((state) => state.key),
      tahap: definition.states.map((state) => ({ key: state.key, label: state.label, akhir: state.final === true })),
      transisi: definition.transitions.map((transition) => ({
        dari: transition.from,
        ke: transition.to,
        label: transition.label,
        langkah: transition.langkah ?? null,
        jenis: transition.kind ?? 'maju',
        peran: transition.roles,
        masukan: describeInput(transition),
      })),
      mermaid: toMermaid(definition, { roleLabels: sopRegistryOf(strapi).roleLabels() }),
    }));

/** The SVG diagram of workflow `model` (version `versi`, default the active one), `current` highlighted; null when unknown. */
export const diagramSvg = (strapi: Core.Strapi, model: string, current?: string, versi?: number): string | null => {
  const registry = sopRegistryOf(strapi);
  const definition = versi === undefined ? registry.workflow(model) : registry.workflowOf(model, versi);
  return definition ? toSvg(definition, { current, roleLabels: sopRegistryOf(strapi).roleLabels() }) : null;
};

/**
 * `GET /sop/:model/:documentId` for this actor: tahap, tenggat, the steps they may take, the
 * history, the copies and `dokumen`, the documents they may print now (the download route's
 * own rule, see `dokumenTersedia`). Returns null when the model or the record is unknown.
 */
export const recordView = async (strapi: Core.Strapi, model: string, documentId: string, actor: StaffActor) => {
  const registration = sopRegistryOf(strapi).sop(model);
  if (!registration?.loadRecord) return null;
  await syncAlur(strapi);
  // after a step, the record its notification read (./shared-reads); otherwise a fresh read
  const record = await loadRecordShared(strapi, model, documentId);
  if (!record) return null;
  // the record's own version: its steps, labels and final states (issue 13)
  const definition = (await workflowForRecord(strapi, model, record.alurVersi)) ?? registration.definition;
  const label = (key: string | null) => (key === null ? null : (definition.states.find((state) => state.key === key)?.label ?? key));
  // a correction's old and new values only for those who may read the corrected fields
  const koreksi = registration?.koreksi;
  const mayReadKoreksi =
    !koreksi || actor.isSuperAdmin || sopRegistryOf(strapi).access().mayReadFields(actor, { uid: definition.uid, fields: koreksi.kolom });
  // the history and its check against the stream's head, in one statement
  const audit = await readAuditChecked(strapi.db.connection, model, documentId);
  const riwayat = audit.rows.map((row) => ({
    dari: row.dari,
    ke: row.ke,
    keLabel: label(row.ke),
    oleh: { id: row.aktorId, nama: row.aktorNama, peran: row.aktorPeran },
    waktu: row.waktu,
    catatan: row.ke === 'koreksi' && !mayReadKoreksi ? withoutKoreksiValues(row.catatan) : row.catatan,
  }));
  // a code SOP's copies are a relation of its row; a bound type's come as a fact the app adds (BoundFactsProvider)
  const copies = Array.isArray(record.row.distribusi)
    ? record.row.distribusi
    : registration.readByWorkflowRoles
      ? record.facts.distribusi
      : undefined;
  const distribusi = Array.isArray(copies)
    ? (copies as { documentId: string; tahap: string; penerima: unknown; nomorSalinan?: number }[]).map((copy) => ({
        documentId: copy.documentId,
        tahap: copy.tahap,
        penerima: copy.penerima,
        nomorSalinan: copy.nomorSalinan ?? null,
      }))
    : [];
  const extensions = [...sopRegistryOf(strapi).viewExtensions(), ...(registration?.view ? [registration.view] : [])];
  const extra: Record<string, unknown> = {};
  for (const extend of extensions) Object.assign(extra, await extend(strapi, { model, documentId, record, actor }));
  return {
    documentId,
    model,
    tahap: record.tahap,
    tahapLabel: definition.states.find((state) => state.key === record.tahap)?.label ?? record.tahap,
    akhir: definition.states.find((state) => state.key === record.tahap)?.final === true,
    tenggat: record.tenggat ? new Date(record.tenggat).toISOString() : null,
    nomorAgenda: record.nomorAgenda,
    versi: record.versi,
    // the workflow version the record runs under
    alurVersi: record.alurVersi,
    // who may take the next forward step, by role, with their names ("Menunggu Kasi (Budi): Paraf Kasi")
    berikutnya: await berikutnyaFor(strapi, model, record),
    aksi: offeredActions(definition, record.facts, actor, now()).map((action) => ({
      ke: action.ke,
      label: action.label,
      jenis: action.transition.kind ?? 'maju',
      masukan: describeInput(action.transition),
    })),
    riwayat,
    // null when the history above is intact; else its first broken link (see checkAuditFor)
    riwayatRusak: audit.rusak,
    distribusi,
    // what the app and the SOP add: the documents this user may print now, the plaintext link…
    ...extra,
  };
};
