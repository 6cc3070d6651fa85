import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { lockedMessage, lockingRelation } from '../domain/berkas';
import { currentWriter, sopRegistryOf, currentIntake, currentTransition } from '../plugins/sop/server/src/index';
import { checkFileAccess } from './access';
import { FILE_UID, loadFileRelations, loadStoredFile } from './relations';

const FOLDER_UID = 'plugin::upload.folder';

// Refusals are PolicyError (a ForbiddenError, 403): Strapi's route authorisation turns any
// other ForbiddenError raised behind it into a bare "Forbidden", losing the Indonesian reason.

/**
 * Refuses (403) when any of the files is evidence a recorded SOP step used
 * (src/domain/berkas.ts lockingRelation). The one check behind every media-library
 * change: replace, delete, bulk delete (folders included), move, and file info.
 */
export const assertFilesFree = async (strapi: Core.Strapi, fileIds: readonly number[]): Promise<void> => {
  const ids = [...new Set(fileIds.filter((id) => Number.isInteger(id) && id > 0))];
  if (ids.length === 0) return;
  const relations = await loadFileRelations(strapi, ids);
  for (const id of ids) {
    const locking = lockingRelation(relations.get(id) ?? []);
    if (locking) throw new errors.PolicyError(lockedMessage(id, locking), { berkas: id, naskah: locking.documentId });
  }
};

const toIds = (value: unknown): number[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
    .map((item) => Number(typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : item))
    .filter((id) => Number.isInteger(id) && id > 0);

/** Files inside the folders (and their sub-folders), which deleting or moving a folder takes along. */
const filesInFolders = async (strapi: Core.Strapi, folderIds: readonly number[]): Promise<number[]> => {
  if (folderIds.length === 0) return [];
  const folders = (await strapi.db.query(FOLDER_UID).findMany({ where: { id: { $in: [...folderIds] } }, select: ['path'] })) as { path: string }[];
  if (folders.length === 0) return [];
  const files = (await strapi.db.query(FILE_UID).findMany({
    where: { $or: folders.flatMap((folder) => [{ folderPath: folder.path }, { folderPath: { $startsWith: `${folder.path}/` } }]) },
    select: ['id'],
  })) as { id: number }[];
  return files.map((file) => file.id);
};

type RouteCtx = {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  request: { body?: unknown };
  state: { user?: { id: number }; userAbility?: { can: (action: string, subject: unknown) => boolean } };
};
type Next = () => Promise<unknown>;

const body = (ctx: RouteCtx): Record<string, unknown> =>
  typeof ctx.request.body === 'object' && ctx.request.body !== null ? (ctx.request.body as Record<string, unknown>) : {};

/**
 * The media library routes that change an existing file, by handler, with the file ids each
 * touches. `bulk: true` marks the two routes Strapi does not check file by file against the
 * role's conditions (bulk delete and bulk move): there the guard checks `assets.update` on
 * each file too, so a role limited to its own uploads cannot delete someone else's.
 */
const MUTATING: Readonly<Record<string, { files: (ctx: RouteCtx, strapi: Core.Strapi) => Promise<number[]>; bulk?: boolean }>> = {
  'admin-upload.updateFileInfo': { files: async (ctx) => toIds(ctx.params?.id ?? ctx.query?.id) },
  'admin-upload.replaceFile': { files: async (ctx) => toIds(ctx.params?.id ?? ctx.query?.id) },
  // POST /upload?id=… replaces or re-describes file `id`; without id it uploads new files.
  'admin-upload.upload': { files: async (ctx) => toIds(ctx.query?.id) },
  'admin-file.destroy': { files: async (ctx) => toIds(ctx.params?.id) },
  'admin-upload.bulkUpdateFileInfo': { files: async (ctx) => toIds(body(ctx).updates) },
  'admin-file.generateAIMetadata': { files: async (ctx) => toIds(body(ctx).fileIds) },
  'admin-folder-file.deleteMany': {
    files: async (ctx, strapi) => [...toIds(body(ctx).fileIds), ...(await filesInFolders(strapi, toIds(body(ctx).folderIds)))],
    bulk: true,
  },
  'admin-folder-file.moveMany': {
    files: async (ctx, strapi) => [...toIds(body(ctx).fileIds), ...(await filesInFolders(strapi, toIds(body(ctx).folderIds)))],
    bulk: true,
  },
  'content-api.destroy': { files: async (ctx) => toIds(ctx.params?.id) },
  'content-api.upload': { files: async (ctx) => toIds(ctx.query?.id) },
};

/**
 * Upload routes no one may use: "upload from URL" makes the server fetch any address a
 * staff member names (Strapi checks only the first DNS answer and follows redirects), so
 * it would reach internal services and cloud metadata. Files come from the user's device.
 */
const REFUSED = new Set(['admin-upload.uploadFromUrls']);

/** Upload routes that can attach the new file straight to a record (`ref`, `refId`, `field`), past the document service. */
const ATTACHING = new Set(['admin-upload.upload', 'admin-upload.uploadFile', 'content-api.upload']);

/**
 * Refuses (403) an upload that attaches itself to a governed record: Strapi writes that link
 * without the document service, so neither the workflow gate nor the media-field guard would
 * see a second receipt photo slipped onto a recorded copy. Files reach governed records
 * through the content manager or an SOP step.
 */
const assertNoGovernedRef = (strapi: Core.Strapi, ctx: RouteCtx): void => {
  const ref = body(ctx).ref ?? ctx.query?.ref;
  if (typeof ref === 'string' && sopRegistryOf(strapi).governed(ref)) {
    throw new errors.PolicyError(
      'Berkas tidak dapat dilampirkan langsung pada naskah SOP saat diunggah; lampirkan melalui formulir naskah atau langkah SOP.',
      { ref }
    );
  }
};

/**
 * Refuses (403) an upload that attaches itself to any record (`ref`, `refId`, `field`): Strapi
 * writes that link itself, checking neither the writer's permission on the record nor the
 * workflow gate, so a role that may upload could put a file on a record it may not edit (the
 * instansi's public logo, and the file with it public at /berkas). Files reach records through
 * the content manager or an SOP step, which check both; Meja Sandi's admin panel never sends them.
 */
const assertNoRef = (strapi: Core.Strapi, ctx: RouteCtx): void => {
  assertNoGovernedRef(strapi, ctx);
  const named = ['ref', 'refId', 'field'].filter((key) => {
    const value = body(ctx)[key] ?? ctx.query?.[key];
    return value !== undefined && value !== null && value !== '';
  });
  if (named.length > 0) {
    throw new errors.PolicyError(
      'Berkas tidak dapat dilampirkan langsung pada data saat diunggah; lampirkan melalui formulir data atau langkah SOP.',
      {
        fields: named,
      }
    );
  }
};

/** Whether a query (populate, filters, sort, fields: objects, arrays, strings "a.b:asc,c") names `related` anywhere. */
const namesRelated = (value: unknown): boolean => {
  if (typeof value === 'string') return value.split(/[,.:[\]\s]+/).includes('related');
  if (Array.isArray(value)) return value.some(namesRelated);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => namesRelated(key) || namesRelated(inner));
  }
  return false;
};

/** Drops every `related` (a file's records, of any type) from an answer, in place. */
const dropRelated = (value: unknown, seen = new Set<object>()): void => {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) dropRelated(item, seen);
    return;
  }
  delete (value as Record<string, unknown>).related;
  for (const inner of Object.values(value)) dropRelated(inner, seen);
};

/**
 * The records a file is attached to (`related`) never leave through the media library: Strapi
 * checks its query and answer against the file's permissions only, so `populate[related]` (or a
 * wildcard) would return a classified record's fields, private ones too, to anyone who may list
 * the file. A query naming `related` is refused (400); any `related` in an answer is dropped.
 */
const withoutRelated = async (ctx: RouteCtx & { body?: unknown }, next: Next): Promise<unknown> => {
  if (namesRelated(ctx.query ?? {})) {
    throw new errors.ValidationError('Pustaka media tidak menampilkan data yang memakai berkas (related); buka datanya dari Content Manager.');
  }
  const result = await next();
  dropRelated(ctx.body);
  return result;
};

/** `assets.update` on each file, with the role's conditions (e.g. only the files the user uploaded). */
const assertMayUpdateEach = async (strapi: Core.Strapi, ctx: RouteCtx, fileIds: readonly number[]): Promise<void> => {
  const ability = ctx.state.userAbility;
  if (!ability || fileIds.length === 0) return;
  const pm = (
    strapi.service('admin::permission') as unknown as {
      createPermissionsManager: (options: { ability: unknown; action: string; model: string }) => {
        action: string;
        toSubject: (entity: unknown) => unknown;
      };
    }
  ).createPermissionsManager({ ability, action: 'plugin::upload.assets.update', model: FILE_UID });
  const files = (await strapi.db.query(FILE_UID).findMany({
    where: { id: { $in: [...new Set(fileIds)] } },
    populate: { createdBy: { populate: { roles: true } } },
  })) as Record<string, unknown>[];
  for (const file of files) {
    if (!ability.can(pm.action, pm.toSubject(file))) {
      throw new errors.PolicyError(`Peran Anda tidak berwenang mengubah atau menghapus berkas #${String(file.id)} (bukan unggahan Anda).`);
    }
  }
};

/**
 * Puts the guards in front of the media library's routes (admin panel `/upload/...` and content
 * API `/api/upload/...`): every route keeps a file's records out of its query and answer
 * (`withoutRelated`); the routes that change an existing file check it, and uploads attach to
 * no record. Called from register(), before Strapi mounts the plugin's routes.
 */
export const guardUploadRoutes = (strapi: Core.Strapi): void => {
  const routers = (
    strapi.plugin('upload') as unknown as { routes: Record<string, { routes?: { handler: string; config?: { middlewares?: unknown[] } }[] }> }
  ).routes;
  for (const router of Object.values(routers)) {
    for (const route of router.routes ?? []) {
      const rule = MUTATING[route.handler];
      const attaching = ATTACHING.has(route.handler);
      const refused = REFUSED.has(route.handler);
      route.config = { ...(route.config ?? {}), middlewares: [...(route.config?.middlewares ?? []), withoutRelated] };
      if (!rule && !attaching && !refused) continue;
      const guard = async (ctx: RouteCtx, next: Next) => {
        if (refused) {
          throw new errors.PolicyError('Unggah dari alamat web tidak tersedia: unggah berkas dari perangkat Anda.');
        }
        if (attaching) assertNoRef(strapi, ctx);
        if (!rule) return next();
        const ids = await rule.files(ctx, strapi);
        if (rule.bulk) await assertMayUpdateEach(strapi, ctx, ids);
        await assertFilesFree(strapi, ids);
        return next();
      };
      route.config = { ...(route.config ?? {}), middlewares: [...(route.config?.middlewares ?? []), guard] };
    }
  }
};

// ---------------------------------------------------------------------------
// The content manager and the document service: a governed record's media field may gain
// files, but once a step is recorded on the record it may not lose one (detaching a
// lampiran would free it for deletion).

type DocumentContext = { uid: string; action: string; params: { documentId?: string; data?: Record<string, unknown> } };

/** The file ids a media field will hold after `value` is applied to `current`. */
const afterWrite = (value: unknown, current: readonly number[]): number[] => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && ['set', 'connect', 'disconnect'].some((key) => key in value)) {
    const relation = value as { set?: unknown; connect?: unknown; disconnect?: unknown };
    if (relation.set !== undefined) return toIds(relation.set);
    const removed = new Set(toIds(relation.disconnect));
    return [...current.filter((id) => !removed.has(id)), ...toIds(relation.connect)];
  }
  return toIds(value);
};

/**
 * Refuses (403) attaching a file the writer neither uploaded nor may already open: ids are
 * sequential, and a colleague's fresh upload (not yet attached, so readable by its uploader
 * alone) would otherwise become readable through the writer's own record.
 */
const assertMayAttach = async (strapi: Core.Strapi, fileIds: readonly number[]): Promise<void> => {
  if (fileIds.length === 0) return;
  const writer = await currentWriter(strapi);
  if (writer.jalur === 'sistem' || !writer.actor || writer.actor.isSuperAdmin) return;
  for (const id of new Set(fileIds)) {
    const file = await loadStoredFile(strapi, { id });
    if (!file || file.createdBy === writer.actor.id) continue; // an unknown id is Strapi's own 400
    const { verdict } = await checkFileAccess(strapi, file, writer.actor);
    if (!verdict.allowed) {
      throw new errors.PolicyError(`Berkas #${id} bukan unggahan Anda dan tidak boleh Anda buka; unggah berkasnya sendiri.`);
    }
  }
};

/**
 * Document-service middleware: refuses (403) an update that removes or swaps a file of a
 * media field of a governed record on which a step has been recorded. SOP steps pass.
 */
export const createMediaFieldGuard = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (!['create', 'update', 'clone'].includes(context.action) || currentTransition() || currentIntake() || !context.params.data) return next();
  const governed = sopRegistryOf(strapi).governed(context.uid);
  if (!governed) return next();
  const model = strapi.getModel(context.uid as never) as { attributes: Record<string, { type: string }> };
  const fields = Object.keys(context.params.data).filter((field) => model.attributes[field]?.type === 'media');
  if (fields.length === 0) return next();
  if (context.action !== 'update' || !context.params.documentId) {
    await assertMayAttach(
      strapi,
      fields.flatMap((field) => afterWrite(context.params.data![field], []))
    );
    return next();
  }
  const row = (await strapi.db.query(context.uid as never).findOne({
    where: { documentId: context.params.documentId },
    select: ['id', ...['tahap', 'alurVersi'].filter((name) => name in model.attributes)],
    populate: Object.fromEntries(fields.map((field) => [field, { select: ['id'] }])),
  })) as (Record<string, unknown> & { tahap?: string; alurVersi?: number | null }) | null;
  if (!row) return next();
  await assertMayAttach(
    strapi,
    fields.flatMap((field) => {
      const current = toIds(row[field]);
      return afterWrite(context.params.data![field], current).filter((id) => !current.includes(id));
    })
  );
  const stepRecorded =
    governed.transitionOnly ||
    (governed.definition !== undefined && row.tahap !== undefined && row.tahap !== sopRegistryOf(strapi).initialStateOf(context.uid, row.alurVersi));
  if (!stepRecorded) return next();
  for (const field of fields) {
    const current = toIds(row[field]);
    const kept = new Set(afterWrite(context.params.data[field], current));
    const removed = current.filter((id) => !kept.has(id));
    if (removed.length > 0) {
      throw new errors.PolicyError(
        `Berkas ${removed.map((id) => `#${id}`).join(', ')} pada kolom ${field} sudah dipakai oleh langkah SOP yang tercatat; ` +
          'berkas boleh ditambah, tetapi tidak dapat dilepas atau diganti.',
        { fields: [field] }
      );
    }
  }
  return next();
};
