import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inputDigest } from '../engine/audit-chain';
import { BATAS_ENTRI, normaliseNilai, waktuDiterimaProblem } from '../engine/koreksi';
import { instantOf } from '../engine/moment';
import { currentWriter } from '../services/actor';
import { currentIntake, currentTransition } from '../services/context';
import { sopRegistryOf } from '../services/registry';
import { awalAlur, workflowForRecord } from '../services/alur';
import type { WorkflowDefinition } from '../engine/types';
import { appendAudit } from '../services/audit';
import { now as clockNow } from '../services/clock';
import type { GovernedType, Writer } from '../types';

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown>; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ['connect', 'disconnect', 'set'].some((key) => key in value) &&
    ['connect', 'disconnect', 'set'].every((key) => {
      const part = (value as Record<string, unknown>)[key];
      return part === undefined || (Array.isArray(part) && part.length === 0);
    }));

const comparable = (value: unknown): unknown => {
  if (isEmpty(value)) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).getTime();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
};

/**
 * 403 with the reason in Indonesian. A PolicyError (a ForbiddenError): Strapi's route
 * authorisation turns any other ForbiddenError thrown under a handler into a bare "Forbidden".
 */
const refuse = (message: string, fields: string[]): never => {
  throw new errors.PolicyError(message, { fields });
};

/**
 * Drops server-owned fields that the client merely echoed back unchanged; refuses real changes.
 * On create (`current` null) a `tahap` equal to `initial` (the active version's first state) is an echo.
 */
const screenServerOwned = (
  governed: GovernedType,
  data: Record<string, unknown>,
  current: Record<string, unknown> | null,
  allowed: readonly string[] = [],
  initial?: string
) => {
  const changed: string[] = [];
  for (const field of governed.serverOwned) {
    if (!(field in data) || allowed.includes(field)) continue;
    const incoming = data[field];
    const unchanged = current
      ? isEmpty(incoming) || comparable(incoming) === comparable(current[field])
      : isEmpty(incoming) || (field === 'tahap' && incoming === (initial ?? governed.definition?.initial)) || (field === 'versi' && incoming === 0);
    if (unchanged) delete data[field];
    else changed.push(field);
  }
  if (changed.length > 0) {
    refuse(
      `Kolom ${changed.join(', ')} hanya dapat diubah oleh sistem melalui langkah SOP (tombol tahap di panel admin atau POST /sop/.../transisi).`,
      changed
    );
  }
};

const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

const SCALAR_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'email',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'timestamp',
  'uid',
]);

/** Field types stored in the record's own row, so compared with their stored value (JSON and blocks as their JSON text). */
const STORED_IN_ROW = new Set([...SCALAR_TYPES, 'json', 'blocks']);

/**
 * A value that empties a relation, media or component field: null, `[]` or a relation's
 * `{ set: [] }` — unlike `{ connect: [], disconnect: [] }`, the content manager's "no change".
 */
const empties = (value: unknown): boolean =>
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { set?: unknown }).set) &&
    (value as { set: unknown[] }).set.length === 0 &&
    isEmpty((value as { connect?: unknown }).connect ?? []));

/**
 * The fields a write changes: those stored in the row (scalars, JSON, blocks) compared with their
 * stored value; relations, media and components named whenever the write carries something for
 * them, or empties one that held something (read for the purpose: the stored row does not carry
 * them) — emptying a berita's recipients or a letter's addressees is a change like any other.
 */
const changedFields = async (
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown>,
  current: Record<string, unknown> | null
): Promise<string[]> => {
  const attributes = (strapi.contentType(uid as never) as { attributes?: Record<string, { type: string }> } | undefined)?.attributes ?? {};
  const fields = Object.keys(data).filter((field) => field in attributes && !SYSTEM_FIELDS.has(field));
  const inRow = (field: string) => STORED_IN_ROW.has(attributes[field].type);
  const changed = fields.filter((field) => (inRow(field) ? comparable(data[field]) !== comparable(current?.[field] ?? null) : !isEmpty(data[field])));
  const emptied = current ? fields.filter((field) => !inRow(field) && empties(data[field])) : [];
  if (emptied.length > 0) {
    const stored = (await strapi.db.query(uid as never).findOne({ where: { id: current?.id }, select: ['id'], populate: emptied })) as Record<
      string,
      unknown
    > | null;
    changed.push(...emptied.filter((field) => !isEmpty(stored?.[field])));
  }
  return changed.sort();
};

const pick = (source: Record<string, unknown> | null, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, source?.[field] ?? null]));

const JALUR: Record<Writer['jalur'], string> = {
  admin: 'panel admin (content manager)',
  api: 'REST API',
  sistem: 'kode server',
};

const VERB = { dibuat: 'Dibuat', diubah: 'Diubah', dihapus: 'Dihapus' } as const;

/**
 * Carries out the write and appends its audit row in one transaction (the write joins it):
 * who, through which path, which fields, and a digest of the old and new values — the
 * values themselves stay out of the trail (classified text, a complainant's identity).
 */
const auditedWrite = async (
  strapi: Core.Strapi,
  governed: GovernedType,
  writer: Writer,
  change: { ke: keyof typeof VERB; current: Record<string, unknown> | null; fields: string[]; data: Record<string, unknown> },
  next: Next
): Promise<unknown> =>
  strapi.db.transaction(async ({ trx }) => {
    const result = (await next()) as { documentId?: string } | null;
    const documentId = String(change.current?.documentId ?? result?.documentId ?? '');
    const kolom = change.fields.length > 0 ? `: ${change.fields.join(', ')}` : '';
    await appendAudit(trx, {
      model: governed.definition?.model ?? governed.uid.split('.').pop() ?? governed.uid,
      documentId,
      dari: (change.current?.tahap as string | undefined) ?? null,
      // a registration is the record's first state, as the complaint intake and the mailbox intake write it
      ke: change.ke === 'dibuat' && governed.definition ? String(change.data.tahap ?? governed.definition.initial) : change.ke,
      aktorId: writer.aktorId,
      aktorNama: writer.aktorNama,
      aktorPeran: writer.aktorPeran,
      waktu: clockNow().toISOString(),
      catatan: `${VERB[change.ke]} lewat ${JALUR[writer.jalur]}${kolom}.`,
      digest: inputDigest({ lama: pick(change.current, change.fields), baru: pick(change.data, change.fields) }),
    });
    return result;
  });

/**
 * Sets `alurVersi` of a new record of a workflow to the active version's number (when its content
 * type has the field), after catching up with activations made by other processes. Returns the
 * active definition, whose initial state the record starts in.
 */
const stampAlurVersi = async (strapi: Core.Strapi, governed: GovernedType, data: Record<string, unknown>): Promise<WorkflowDefinition> => {
  const { definition, alurVersi } = await awalAlur(strapi, governed.definition!.model);
  const attributes = (strapi.contentType(governed.uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {};
  if ('alurVersi' in attributes) data.alurVersi = alurVersi;
  return definition;
};

/** The SOP's own rule on who may write this record outside its steps (server code always may). */
const screenEditor = (governed: GovernedType, writer: Writer, current: Record<string, unknown>, action: 'update' | 'delete') => {
  if (!governed.editorRule || writer.jalur === 'sistem') return;
  const problem = governed.editorRule(writer, current, action);
  if (problem) refuse(problem, []);
};

/** The SOP's own checks of the written data (see WriteScreen), in registration order. */
const runScreens = async (
  strapi: Core.Strapi,
  governed: GovernedType,
  write: { action: 'create' | 'update'; documentId: string | null; current: Record<string, unknown> | null; data: Record<string, unknown> }
): Promise<void> => {
  for (const screen of governed.screens ?? []) await screen(strapi, { ...write, uid: governed.uid });
};

/** Once registered in the agenda, the entry's classification, subject, sender and receipt time change only by the koreksi step. */
const screenFrozen = (governed: GovernedType, data: Record<string, unknown>, current: Record<string, unknown>) => {
  const rule = governed.koreksi;
  if (!rule || !current.nomorAgenda) return;
  const changed = rule.kolom.filter((field) => field in data && normaliseNilai(field, data[field]) !== normaliseNilai(field, current[field]));
  for (const field of rule.kolom) if (!changed.includes(field)) delete data[field];
  if (changed.length > 0) {
    refuse(
      `Kolom ${changed.join(', ')} tidak dapat diubah setelah naskah diagendakan (${String(current.nomorAgenda)}); ` +
        `gunakan langkah koreksi dengan catatan (POST /sop/${rule.model}/${String(current.documentId)}/koreksi).`,
      changed
    );
  }
};

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * A written receipt time (any form the input policy lets through: ISO text, milliseconds) as the
 * instant Strapi would store (instantOf); 400 when it is none. It must also be plausible
 * (waktuDiterimaProblem with BATAS_ENTRI: no future beyond a minute, at most ten years back), for
 * staff and the mailbox intake alike (the intake sets aside a message that is not, before it gets here).
 */
const writtenWaktuDiterima = (value: unknown): Date => {
  const waktu = instantOf(value);
  if (!waktu) throw new errors.ValidationError('Waktu diterima tidak sah.', { field: 'waktuDiterima' });
  const problem = waktuDiterimaProblem(waktu.getTime(), clockNow(), BATAS_ENTRI);
  if (problem) throw new errors.ValidationError(`${problem}.`, { field: 'waktuDiterima' });
  return waktu;
};

/**
 * `sop-workflow-gate`: the only door through which a workflow field changes. Every
 * write through the document service — content manager, REST, `strapi.documents` —
 * passes here; only the transition service (marked by `runAsTransition`) may touch
 * `tahap`, agenda numbers, paraf, receipts and the copies themselves. Every other write
 * that passes (create, update, delete) is an audit row committed with it; a kriptogram is
 * written only by its editors, and a registered entry's frozen fields only by a correction.
 */
export const createSopWorkflowGate = (strapi: Core.Strapi) =>
  async function sopWorkflowGate(context: DocumentContext, next: Next): Promise<unknown> {
    const governed = sopRegistryOf(strapi).governed(context.uid);
    if (!governed || !WRITE_ACTIONS.has(context.action)) return next();
    if (currentTransition()) {
      // a record a step creates (a berita's copies) starts under its workflow's active version too
      if (context.action === 'create' && governed.definition && context.params.data && context.params.data.alurVersi == null) {
        await stampAlurVersi(strapi, governed, context.params.data);
      }
      return next();
    }

    if (governed.transitionOnly && context.action !== 'update') {
      refuse('Data ini dibuat dan dihapus oleh sistem melalui langkah SOP, tidak secara langsung.', []);
    }

    const data = (context.params.data ?? {}) as Record<string, unknown>;
    const writer = await currentWriter(strapi);

    if (context.action === 'create' || context.action === 'clone') {
      const initial = governed.definition ? sopRegistryOf(strapi).workflow(governed.definition.model)?.initial : undefined;
      screenServerOwned(governed, data, null, currentIntake() ? (governed.intakeOwned ?? []) : [], initial);
      // a clone copies every stored field of its source: the engine's fields start empty, as on a new record
      if (context.action === 'clone') for (const field of governed.serverOwned) data[field] = null;
      await runScreens(strapi, governed, { action: 'create', documentId: null, current: null, data });
      if (governed.definition) {
        // a new record starts under the active version of its workflow, and keeps it to its end (issue 13)
        data.tahap = (await stampAlurVersi(strapi, governed, data)).initial;
        data.versi = 0;
      }
      if (governed.slaFromReceipt) {
        const waktu = isBlank(data.waktuDiterima) ? clockNow() : writtenWaktuDiterima(data.waktuDiterima);
        data.waktuDiterima = waktu.toISOString();
        data.tenggat = (await sopRegistryOf(strapi).calendar(strapi)).tenggat(waktu).toISOString();
      }
      context.params.data = data;
      // the complaint intake and the mailbox intake write the creation's row themselves (ticket number, source)
      if (governed.auditsOwnCreation || currentIntake()) return next();
      return auditedWrite(
        strapi,
        governed,
        writer,
        { ke: 'dibuat', current: null, fields: await changedFields(strapi, context.uid, data, null), data },
        next
      );
    }

    const documentId = context.params.documentId;
    const current = documentId
      ? ((await strapi.db.query(context.uid as never).findOne({ where: { documentId }, populate: { createdBy: { select: ['id'] } } })) as Record<
          string,
          unknown
        > | null)
      : null;
    if (!current) return next();
    // the record's own workflow version says which states are its first and its final ones
    const definition = governed.definition
      ? ((await workflowForRecord(strapi, governed.definition.model, current.alurVersi as number | null)) ?? governed.definition)
      : undefined;
    const final = definition?.states.find((state) => state.key === current.tahap)?.final === true;

    if (context.action === 'delete') {
      if (definition && current.tahap !== definition.initial) {
        refuse('Naskah yang sudah diproses tidak dapat dihapus; gunakan langkah "Batalkan" agar riwayatnya tetap tercatat.', []);
      }
      screenEditor(governed, writer, current, 'delete');
      return auditedWrite(strapi, governed, writer, { ke: 'dihapus', current, fields: [], data: {} }, next);
    }

    if (context.action !== 'update') {
      refuse('Aksi ini tidak tersedia untuk naskah SOP.', []);
    }
    if (final) {
      refuse('Naskah yang sudah diarsipkan atau dibatalkan tidak dapat diubah.', []);
    }
    screenEditor(governed, writer, current, 'update');
    screenServerOwned(governed, data, current);
    screenFrozen(governed, data, current);
    await runScreens(strapi, governed, { action: 'update', documentId: documentId ?? null, current, data });
    if (governed.slaFromReceipt && 'waktuDiterima' in data) {
      const stored = instantOf(current.waktuDiterima);
      if (isBlank(data.waktuDiterima)) {
        if (stored) throw new errors.ValidationError('Waktu diterima wajib diisi.', { field: 'waktuDiterima' });
        delete data.waktuDiterima;
      } else if (stored && instantOf(data.waktuDiterima)?.getTime() === stored.getTime()) {
        // an echo of the stored time (the edit form sends every field) changes nothing, however old the record
        delete data.waktuDiterima;
      } else {
        // written as the instant checked, so the stored time is the one the deadline is counted from
        const waktu = writtenWaktuDiterima(data.waktuDiterima);
        data.waktuDiterima = waktu.toISOString();
        data.tenggat = (await sopRegistryOf(strapi).calendar(strapi)).tenggat(waktu).toISOString();
      }
    }
    context.params.data = data;
    const fields = await changedFields(strapi, context.uid, data, current);
    if (fields.length === 0) return next();
    return auditedWrite(strapi, governed, writer, { ke: 'diubah', current, fields, data }, next);
  };
