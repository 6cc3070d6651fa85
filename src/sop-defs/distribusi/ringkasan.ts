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
 * The copies an update will rewrite (`where` on distribusi), or 'none'. The `before…` hook finds
 * them (`event.state.salinan`), so that an update drawing a number under a lock (the agenda
 * draw, whose counter row stays locked to the commit) sends nothing more after it when the
 * parent has no copies; the `after…` hook finds them itself when no `before…` ran.
 */
type CopiesOfUpdate = { where: Record<string, unknown> } | 'none';

/** The copy columns a parent's update repeats onto its copies. */
type CopyColumns = Partial<Record<'nomorAgendaSurat' | 'perihalSurat', string | null>>;

/**
 * How one kind of parent keeps its copies' summary: `columns`, the copy columns an update writes
 * (from its data; null when it writes none of them), and `copies`, the copies of the parents it
 * names by id (null when it names none by id).
 */
type Repeater = {
  columns: (event: UpdateEvent) => CopyColumns | null;
  copies: (event: UpdateEvent) => Promise<CopiesOfUpdate | null>;
};

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

/** The copies matching `where`, or 'none' when there are none. */
const copiesWhere = async (strapi: Core.Strapi, where: Record<string, unknown>): Promise<CopiesOfUpdate> =>
  Number(await strapi.db.query(DISTRIBUSI_UID).count({ where })) === 0 ? 'none' : { where };

/** A berita or kriptogram: the fields of REPEATED, onto the copies linked to it. */
const repeatedParent = (strapi: Core.Strapi): Repeater => ({
  columns: (event) => {
    const repeated = REPEATED[event.model.uid];
    const data = asRecord(event.params.data);
    const changes = repeated ? Object.entries(repeated.fields).filter(([field]) => field in data) : [];
    if (changes.length === 0) return null;
    return Object.fromEntries(changes.map(([field, column]) => [column, ringkasanSalinan(null, { [field]: data[field] as string | null })[column]]));
  },
  copies: async (event) => {
    const ids = updatedIds(event);
    const repeated = REPEATED[event.model.uid];
    if (ids.length === 0 || !repeated) return null;
    // by id: the query engine's updateMany takes no filter through a relation
    const copies = (await strapi.db.query(DISTRIBUSI_UID).findMany({ where: { [repeated.relation]: { id: { $in: ids } } }, select: ['id'] })) as {
      id: number;
    }[];
    return copies.length === 0 ? 'none' : { where: { id: { $in: copies.map((copy) => copy.id) } } };
  },
});

/**
 * A parent of a workflow bound from data (`salinanPerPenerima`): its `nomorAgenda` (drawn by a
 * step) and its subject, the type's first text field (mainFieldOf, edited in the content
 * manager), onto its copies, found by the parent's type and documentId.
 */
const boundParent = (strapi: Core.Strapi): Repeater => ({
  columns: (event) => {
    const uid = event.model.uid;
    if (!uid.startsWith('api::') || uid === DISTRIBUSI_UID || REPEATED[uid]) return null;
    const registry = sopRegistryOf(strapi);
    const model = registry.governed(uid)?.definition?.model;
    if (!model || registry.sop(model)?.readByWorkflowRoles !== true) return null;
    const data = asRecord(event.params.data);
    const main = mainFieldOf(strapi, uid);
    const columns: CopyColumns = {
      ...('nomorAgenda' in data
        ? { nomorAgendaSurat: ringkasanSalinan(null, { nomorAgenda: data.nomorAgenda as string | null }).nomorAgendaSurat }
        : {}),
      ...(main && main in data ? { perihalSurat: ringkasanSalinan(null, { perihal: data[main] as string | null }).perihalSurat } : {}),
    };
    return Object.keys(columns).length > 0 ? columns : null;
  },
  copies: async (event) => {
    const uid = event.model.uid;
    const ids = updatedIds(event);
    if (ids.length === 0) return null;
    const parents = (await strapi.db.query(uid as never).findMany({ where: { id: { $in: ids } }, select: ['documentId'] })) as {
      documentId: string;
    }[];
    return parents.length === 0
      ? 'none'
      : copiesWhere(strapi, { indukUid: uid, indukDocumentId: { $in: parents.map((parent) => parent.documentId) } });
  },
});

/** The lifecycle hooks of one Repeater: before an update, which copies it will rewrite; after it, the rewrite. */
const hooksOf = (strapi: Core.Strapi, repeater: Repeater) => {
  const find = async (event: UpdateEvent): Promise<void> => {
    if (!repeater.columns(event)) return;
    const found = await repeater.copies(event);
    if (found !== null) event.state = { ...event.state, salinan: found };
  };
  const refresh = async (event: UpdateEvent): Promise<void> => {
    const columns = repeater.columns(event);
    if (!columns) return;
    const found = event.state?.salinan ?? (await repeater.copies(event));
    if (found === null || found === 'none') return;
    await strapi.db.query(DISTRIBUSI_UID).updateMany({ where: found.where, data: columns });
  };
  return {
    beforeUpdate: (event: unknown) => find(event as UpdateEvent),
    beforeUpdateMany: (event: unknown) => find(event as UpdateEvent),
    afterUpdate: (event: unknown) => refresh(event as UpdateEvent),
    afterUpdateMany: (event: unknown) => refresh(event as UpdateEvent),
  };
};

/**
 * Keeps the copies' `nomorAgendaSurat` / `perihalSurat` equal to their parent's when an update
 * writes those fields (the registration correction of the subject, src/sop/koreksi.ts; a bound
 * parent's agenda number or edited subject). Runs in the parent update's own transaction; an
 * update that does not name them costs nothing.
 */
export const subscribeRingkasanDistribusi = (strapi: Core.Strapi): void => {
  strapi.db.lifecycles.subscribe({ models: Object.keys(REPEATED), ...hooksOf(strapi, repeatedParent(strapi)) });
  // bound types are bound while Strapi runs, so this one hears every type and keeps to the bound ones
  strapi.db.lifecycles.subscribe(hooksOf(strapi, boundParent(strapi)));
};
