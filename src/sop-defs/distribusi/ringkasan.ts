import type { Core } from '@strapi/strapi';
import { mainFieldOf, sopRegistryOf } from '../../plugins/sop/server/src/index';
import { ringkasanSalinan, type IndukSalinan, type PenerimaSalinan } from '../ringkasan-salinan';

type CopyRow = {
  id: number;
  nomorSalinan: number | null;
  penerima: PenerimaSalinan | null;
  berita: { nomorAgenda: string | null; perihal: string | null } | null;
  kriptogram: { nomorAgenda: string | null } | null;
};

const DISTRIBUSI_UID = 'api::distribusi.distribusi';

/**
 * Copies made before the summary existed get it from their recipient and parent, at boot.
 * Touches only copies without a `tujuan`; returns how many it filled.
 */
export const backfillRingkasanDistribusi = async (strapi: Core.Strapi): Promise<number> => {
  let filled = 0;
  for (;;) {
    const rows = (await strapi.db.query(DISTRIBUSI_UID).findMany({
      where: { tujuan: { $null: true } },
      select: ['id', 'nomorSalinan'],
      populate: { penerima: true, berita: { select: ['nomorAgenda', 'perihal'] }, kriptogram: { select: ['nomorAgenda'] } },
      orderBy: { id: 'asc' },
      limit: 200,
    })) as CopyRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const induk: IndukSalinan | null = row.berita ?? (row.kriptogram ? { nomorAgenda: row.kriptogram.nomorAgenda } : null);
      await strapi.db.query(DISTRIBUSI_UID).update({ where: { id: row.id }, data: ringkasanSalinan(row.penerima, induk, row.nomorSalinan) });
      filled += 1;
    }
  }
  if (filled > 0) strapi.log.info(`[distribusi] ringkasan penerima dan surat diisi untuk ${filled} salinan lama.`);
  return filled;
};

type UpdateEvent = { model: { uid: string }; params: { where?: unknown; data?: unknown }; result?: unknown };

/** The parent fields a copy repeats, per parent type (a kriptogram's subject is never repeated). */
const REPEATED: Readonly<
  Record<string, { relation: 'berita' | 'kriptogram'; fields: Readonly<Record<string, 'nomorAgendaSurat' | 'perihalSurat'>> }>
> = {
  'api::berita.berita': { relation: 'berita', fields: { nomorAgenda: 'nomorAgendaSurat', perihal: 'perihalSurat' } },
  'api::kriptogram.kriptogram': { relation: 'kriptogram', fields: { nomorAgenda: 'nomorAgendaSurat' } },
};

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** The parent ids an update names: the updated row's, or a `where: { id }` of an updateMany (the correction step's). */
const updatedIds = (event: UpdateEvent): number[] => {
  const resultId = asRecord(event.result).id;
  if (typeof resultId === 'number') return [resultId];
  const id = asRecord(event.params.where).id;
  if (typeof id === 'number') return [id];
  const inList = asRecord(id).$in;
  return Array.isArray(inList) ? inList.filter((one): one is number => typeof one === 'number') : [];
};

/** Rewrites the repeated parent fields on the copies of one parent, when the update changed them. */
const refreshCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const repeated = REPEATED[event.model.uid];
  const data = asRecord(event.params.data);
  const changes = repeated ? Object.entries(repeated.fields).filter(([field]) => field in data) : [];
  if (!repeated || changes.length === 0) return;
  const update = Object.fromEntries(
    changes.map(([field, column]) => [column, ringkasanSalinan(null, { [field]: data[field] as string | null })[column]])
  );
  for (const id of updatedIds(event)) {
    const copies = (await strapi.db.query(DISTRIBUSI_UID).findMany({ where: { [repeated.relation]: { id } }, select: ['id'] })) as { id: number }[];
    if (copies.length === 0) continue;
    await strapi.db.query(DISTRIBUSI_UID).updateMany({ where: { id: { $in: copies.map((copy) => copy.id) } }, data: update });
  }
};

/**
 * The same for a parent of a workflow bound from data (`salinanPerPenerima`): its `nomorAgenda`
 * (drawn by a step) and its subject, the type's first text field (mainFieldOf, edited in the
 * content manager), onto its copies, found by the parent's type and documentId.
 */
const refreshBoundCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const uid = event.model.uid;
  if (!uid.startsWith('api::') || uid === DISTRIBUSI_UID || REPEATED[uid]) return;
  const registry = sopRegistryOf(strapi);
  const model = registry.governed(uid)?.definition?.model;
  if (!model || registry.sop(model)?.readByWorkflowRoles !== true) return;
  const data = asRecord(event.params.data);
  const main = mainFieldOf(strapi, uid);
  const update: Partial<Record<'nomorAgendaSurat' | 'perihalSurat', string | null>> = {
    ...('nomorAgenda' in data
      ? { nomorAgendaSurat: ringkasanSalinan(null, { nomorAgenda: data.nomorAgenda as string | null }).nomorAgendaSurat }
      : {}),
    ...(main && main in data ? { perihalSurat: ringkasanSalinan(null, { perihal: data[main] as string | null }).perihalSurat } : {}),
  };
  const ids = updatedIds(event);
  if (Object.keys(update).length === 0 || ids.length === 0) return;
  const parents = (await strapi.db.query(uid as never).findMany({ where: { id: { $in: ids } }, select: ['documentId'] })) as { documentId: string }[];
  if (parents.length === 0) return;
  const where = { indukUid: uid, indukDocumentId: { $in: parents.map((parent) => parent.documentId) } };
  if (Number(await strapi.db.query(DISTRIBUSI_UID).count({ where })) === 0) return;
  await strapi.db.query(DISTRIBUSI_UID).updateMany({ where, data: update });
};

/**
 * Keeps the copies' `nomorAgendaSurat` / `perihalSurat` equal to their parent's when an update
 * writes those fields (the registration correction of the subject, src/sop/koreksi.ts; a bound
 * parent's agenda number or edited subject). Runs in the parent update's own transaction; an
 * update that does not name them costs nothing.
 */
export const subscribeRingkasanDistribusi = (strapi: Core.Strapi): void => {
  strapi.db.lifecycles.subscribe({
    models: Object.keys(REPEATED),
    afterUpdate: (event: unknown) => refreshCopies(strapi, event as UpdateEvent),
    afterUpdateMany: (event: unknown) => refreshCopies(strapi, event as UpdateEvent),
  });
  // bound types are bound while Strapi runs, so this one hears every type and keeps to the bound ones
  strapi.db.lifecycles.subscribe({
    afterUpdate: (event: unknown) => refreshBoundCopies(strapi, event as UpdateEvent),
    afterUpdateMany: (event: unknown) => refreshBoundCopies(strapi, event as UpdateEvent),
  });
};
