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

type UpdateEvent = {
  model: { uid: string };
  params: { where?: unknown; data?: unknown };
  result?: unknown;
  state?: { salinan?: CopiesOfUpdate };
};

/**
 * The copies an update will rewrite, found before it by the `before…` hook (`event.state.salinan`):
 * the copy ids and the update they get once the parent's values are known. Found before the
 * write, so that an update drawing a number under a lock (the agenda draw, whose counter row stays
 * locked to the commit) sends nothing more after it when the parent has no copies.
 */
type CopiesOfUpdate = { ids: number[] } | { where: Record<string, unknown> } | 'none';

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

/** The repeated fields an update of a REPEATED parent writes (by the keys of its data), with the copy column of each. */
const repeatedChanges = (
  event: UpdateEvent
): { relation: 'berita' | 'kriptogram'; changes: [string, 'nomorAgendaSurat' | 'perihalSurat'][] } | null => {
  const repeated = REPEATED[event.model.uid];
  const data = asRecord(event.params.data);
  const changes = repeated ? Object.entries(repeated.fields).filter(([field]) => field in data) : [];
  return repeated && changes.length > 0 ? { relation: repeated.relation, changes } : null;
};

/** The copies of the parents an update of a REPEATED type names (by id); null when it names none by id. */
const copiesOfRepeated = async (strapi: Core.Strapi, event: UpdateEvent, relation: 'berita' | 'kriptogram'): Promise<CopiesOfUpdate | null> => {
  const ids = updatedIds(event);
  if (ids.length === 0) return null;
  const copies = (await strapi.db.query(DISTRIBUSI_UID).findMany({ where: { [relation]: { id: { $in: ids } } }, select: ['id'] })) as {
    id: number;
  }[];
  return copies.length === 0 ? 'none' : { ids: copies.map((copy) => copy.id) };
};

/** Before an update of a REPEATED parent that writes a repeated field: which copies it will rewrite. */
const findCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const repeated = repeatedChanges(event);
  const found = repeated ? await copiesOfRepeated(strapi, event, repeated.relation) : null;
  if (found !== null) event.state = { ...event.state, salinan: found };
};

/** Rewrites the repeated parent fields on the copies of the updated parents, when the update changed them. */
const refreshCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const repeated = repeatedChanges(event);
  if (!repeated) return;
  const found = event.state?.salinan ?? (await copiesOfRepeated(strapi, event, repeated.relation));
  if (found === null || found === 'none' || !('ids' in found)) return;
  const data = asRecord(event.params.data);
  const update = Object.fromEntries(
    repeated.changes.map(([field, column]) => [column, ringkasanSalinan(null, { [field]: data[field] as string | null })[column]])
  );
  await strapi.db.query(DISTRIBUSI_UID).updateMany({ where: { id: { $in: found.ids } }, data: update });
};

/** The copy columns an update of a bound parent writes: its agenda number and its subject (the type's first text field, mainFieldOf). */
const boundChanges = (strapi: Core.Strapi, event: UpdateEvent): ('nomorAgenda' | 'main')[] => {
  const uid = event.model.uid;
  if (!uid.startsWith('api::') || uid === DISTRIBUSI_UID || REPEATED[uid]) return [];
  const registry = sopRegistryOf(strapi);
  const model = registry.governed(uid)?.definition?.model;
  if (!model || registry.sop(model)?.readByWorkflowRoles !== true) return [];
  const data = asRecord(event.params.data);
  const main = mainFieldOf(strapi, uid);
  return [...('nomorAgenda' in data ? (['nomorAgenda'] as const) : []), ...(main && main in data ? (['main'] as const) : [])];
};

/** The copies of the bound parents an update names (by id), found by the parent's type and documentId; null when it names none by id. */
const copiesOfBound = async (strapi: Core.Strapi, event: UpdateEvent): Promise<CopiesOfUpdate | null> => {
  const uid = event.model.uid;
  const ids = updatedIds(event);
  if (ids.length === 0) return null;
  const parents = (await strapi.db.query(uid as never).findMany({ where: { id: { $in: ids } }, select: ['documentId'] })) as { documentId: string }[];
  if (parents.length === 0) return 'none';
  const where = { indukUid: uid, indukDocumentId: { $in: parents.map((parent) => parent.documentId) } };
  return Number(await strapi.db.query(DISTRIBUSI_UID).count({ where })) === 0 ? 'none' : { where };
};

/** Before an update of a bound parent that writes its agenda number or subject: which copies it will rewrite. */
const findBoundCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const found = boundChanges(strapi, event).length > 0 ? await copiesOfBound(strapi, event) : null;
  if (found !== null) event.state = { ...event.state, salinan: found };
};

/**
 * The same for a parent of a workflow bound from data (`salinanPerPenerima`): its `nomorAgenda`
 * (drawn by a step) and its subject, the type's first text field (mainFieldOf, edited in the
 * content manager), onto its copies, found by the parent's type and documentId.
 */
const refreshBoundCopies = async (strapi: Core.Strapi, event: UpdateEvent): Promise<void> => {
  const changes = boundChanges(strapi, event);
  if (changes.length === 0) return;
  const found = event.state?.salinan ?? (await copiesOfBound(strapi, event));
  if (found === null || found === 'none' || !('where' in found)) return;
  const data = asRecord(event.params.data);
  const main = mainFieldOf(strapi, event.model.uid);
  const update: Partial<Record<'nomorAgendaSurat' | 'perihalSurat', string | null>> = {
    ...(changes.includes('nomorAgenda')
      ? { nomorAgendaSurat: ringkasanSalinan(null, { nomorAgenda: data.nomorAgenda as string | null }).nomorAgendaSurat }
      : {}),
    ...(changes.includes('main') && main ? { perihalSurat: ringkasanSalinan(null, { perihal: data[main] as string | null }).perihalSurat } : {}),
  };
  await strapi.db.query(DISTRIBUSI_UID).updateMany({ where: found.where, data: update });
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
    beforeUpdate: (event: unknown) => findCopies(strapi, event as UpdateEvent),
    beforeUpdateMany: (event: unknown) => findCopies(strapi, event as UpdateEvent),
    afterUpdate: (event: unknown) => refreshCopies(strapi, event as UpdateEvent),
    afterUpdateMany: (event: unknown) => refreshCopies(strapi, event as UpdateEvent),
  });
  // bound types are bound while Strapi runs, so this one hears every type and keeps to the bound ones
  strapi.db.lifecycles.subscribe({
    beforeUpdate: (event: unknown) => findBoundCopies(strapi, event as UpdateEvent),
    beforeUpdateMany: (event: unknown) => findBoundCopies(strapi, event as UpdateEvent),
    afterUpdate: (event: unknown) => refreshBoundCopies(strapi, event as UpdateEvent),
    afterUpdateMany: (event: unknown) => refreshBoundCopies(strapi, event as UpdateEvent),
  });
};
