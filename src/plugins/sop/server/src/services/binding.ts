import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { WorkflowDefinition } from '../engine/types';
import type { EffectHandler, GovernedFields, ListView, LoadedRecord, RecordNamer, SopRegistration } from '../types';
import { assignedUserOf, parafOf, writeRecord } from './effects';
import { loadedRecord, sopRegistryOf } from './registry';

/*
 * Binding (issue 13): a workflow that is data runs on any collection type an administrator made
 * (e.g. "Berita Keluar" in the Content-Type Builder), without code. As Strapi's review-workflows
 * does in its `register` (packages/core/review-workflows/server/src/register.ts,
 * `extendReviewWorkflowContentTypes`), the plugin's register extends every bindable type with the
 * attributes the engine writes; a code-registered SOP's type takes its own schema back when the
 * app registers it. The Content-Type Builder never writes these attributes into the type's
 * schema.json: it builds its files from each type's `__schema__` (the schema file as loaded,
 * @strapi/core domain/content-type `pickSchema`), which `extend` does not touch, and when an
 * administrator edits the type it re-adds only the non-visible attributes of that same
 * `__schema__` (content-type-builder services/content-types `editContentType`); being
 * `visible: false`, they are not even shown or sent back by its editor (`formatAttributes`).
 */

type Attribute = { type: string; [option: string]: unknown };
type ContentTypeSchema = {
  uid: string;
  kind?: string;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: Record<string, unknown>;
  attributes: Record<string, Attribute>;
  __schema__?: { attributes?: Record<string, Attribute> };
};

/** How the engine's own attributes are declared on a bound type: never configurable, shown or public. */
const ENGINE_ATTRIBUTE = { configurable: false, visible: false, private: true } as const;

/**
 * The attributes the engine needs on a bound type: its state and optimistic-lock version, the
 * version of the workflow it started under, its due time, its agenda entry (what
 * `assignAgendaNumber` writes), its paraf (`signRecord` on a bound type: `{ [kolom]: paraf }`),
 * its assignees (`assignUser`: `{ [peran]: { id, nama } }`), its archive moment (`arsipkan`) and
 * the letters a step issued for it (an app's `buatSurat`: `{ [surat]: { …, waktu, oleh } }`).
 */
export const BOUND_ATTRIBUTES: Readonly<Record<string, Attribute>> = {
  tahap: { type: 'string', maxLength: 60, ...ENGINE_ATTRIBUTE },
  versi: { type: 'integer', default: 0, ...ENGINE_ATTRIBUTE },
  alurVersi: { type: 'integer', ...ENGINE_ATTRIBUTE },
  tenggat: { type: 'datetime', ...ENGINE_ATTRIBUTE },
  nomorAgenda: { type: 'string', maxLength: 50, ...ENGINE_ATTRIBUTE },
  tahunAgenda: { type: 'integer', ...ENGINE_ATTRIBUTE },
  urutAgenda: { type: 'integer', ...ENGINE_ATTRIBUTE },
  waktuAgenda: { type: 'datetime', ...ENGINE_ATTRIBUTE },
  paraf: { type: 'json', ...ENGINE_ATTRIBUTE },
  penugasan: { type: 'json', ...ENGINE_ATTRIBUTE },
  diarsipkanPada: { type: 'datetime', ...ENGINE_ATTRIBUTE },
  suratTerbit: { type: 'json', ...ENGINE_ATTRIBUTE },
};

/** The fields only the transition service writes on a bound type (the gate refuses the rest). */
export const BOUND_SERVER_OWNED: readonly string[] = Object.keys(BOUND_ATTRIBUTES);

/**
 * Whether a content type may carry a bound workflow: an `api::` collection type without draft
 * & publish (the engine keys a record on one row per documentId), not opted out with
 * `pluginOptions.sop.ikat: false`.
 */
export const isBindable = (type: ContentTypeSchema | undefined): type is ContentTypeSchema =>
  Boolean(
    type &&
    type.uid.startsWith('api::') &&
    (type.kind ?? 'collectionType') === 'collectionType' &&
    type.options?.draftAndPublish !== true &&
    (type.pluginOptions?.sop as { ikat?: unknown } | undefined)?.ikat !== false
  );

const sealedApps = new WeakSet<Core.Strapi>();

/**
 * The plugin's register phase: gives every bindable content type the {@link BOUND_ATTRIBUTES}
 * it lacks (as review-workflows adds its stage attribute), and takes them back from a type an
 * SOP claims in code (its registration or a related type) before the database models are built,
 * so the code-registered types' tables stay as their schema files say.
 */
export const extendBindableTypes = (strapi: Core.Strapi): void => {
  const added = new Map<string, string[]>();
  const types = strapi.contentTypes as unknown as Record<string, ContentTypeSchema>;
  for (const [uid, type] of Object.entries(types)) {
    if (!isBindable(type)) continue;
    const missing = Object.keys(BOUND_ATTRIBUTES).filter((name) => !(name in type.attributes));
    if (missing.length === 0) continue;
    (strapi.get('content-types') as { extend: (uid: string, fn: (type: ContentTypeSchema) => void) => void }).extend(uid, (extended) => {
      for (const name of missing) extended.attributes[name] = { ...BOUND_ATTRIBUTES[name] };
    });
    added.set(uid, missing);
  }
  sopRegistryOf(strapi).onClaim((uid) => {
    const names = added.get(uid);
    if (!names || sealedApps.has(strapi)) return;
    for (const name of names) delete types[uid].attributes[name];
    added.delete(uid);
  });
};

/** Called at the plugin's bootstrap: the models are built, a later claim changes no schema. */
export const sealBindableTypes = (strapi: Core.Strapi): void => {
  sealedApps.add(strapi);
};

const teks = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The type's first string attribute of its own (not the engine's), e.g. `perihal` or `judul`; else its first text attribute. */
export const mainFieldOf = (strapi: Core.Strapi, uid: string): string | null => {
  const type = strapi.contentType(uid as never) as unknown as ContentTypeSchema | undefined;
  const own = Object.entries(type?.__schema__?.attributes ?? type?.attributes ?? {}).filter(([name]) => !(name in BOUND_ATTRIBUTES));
  return own.find(([, attribute]) => attribute.type === 'string')?.[0] ?? own.find(([, attribute]) => attribute.type === 'text')?.[0] ?? null;
};

type ParafRecord = { userId?: unknown };
type Penugasan = Record<string, { id?: unknown; nama?: unknown }>;

const asObject = <T>(value: unknown): T => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as T;

/**
 * The facts of a bound record: its own scalar and JSON fields as stored, and
 * - `tahap` (the definition's initial state while none is stored);
 * - `pencatat`: the admin user who created it (four eyes: `notTheSamePerson {fakta: 'pencatat'}`);
 * - `paraf`: `{ [kolom]: { userId, nama, peran, waktu } }` (`signaturesGiven {fakta: 'paraf.parafKasi'}`);
 * - `pemaraf`: the ids of everyone who gave a paraf on it (distinct people: `notTheSamePerson {fakta: 'pemaraf'}`);
 * - `ditugaskan`: `{ [peran]: userId }` (`assignedOnly {fakta: 'ditugaskan.kasi'}`).
 */
export const boundFacts = (row: Record<string, unknown>, initial: string): LoadedRecord['facts'] => {
  const paraf = asObject<Record<string, ParafRecord>>(row.paraf);
  const penugasan = asObject<Penugasan>(row.penugasan);
  const own = Object.fromEntries(
    Object.entries(row).filter(
      ([name, value]) => name !== 'createdBy' && name !== 'updatedBy' && !(value instanceof Date && Number.isNaN(value.getTime()))
    )
  );
  return {
    ...own,
    tahap: typeof row.tahap === 'string' && row.tahap !== '' ? row.tahap : initial,
    pencatat: (row.createdBy as { id?: unknown } | null | undefined)?.id ?? null,
    paraf,
    pemaraf: Object.values(paraf)
      .map((one) => asObject<ParafRecord>(one).userId)
      .filter((id): id is number => typeof id === 'number'),
    ditugaskan: Object.fromEntries(Object.entries(penugasan).map(([peran, user]) => [peran, asObject<{ id?: unknown }>(user).id ?? null])),
  };
};

/**
 * What `signRecord` and `assignUser` write on a bound type: into its `paraf` and `penugasan`
 * JSON fields, keyed by the definition's `kolom` and role, since a type made in the admin panel
 * has no column per paraf or per assignee. Refused 400 (assignUser) when the user is not an
 * active holder of the role.
 */
export const BOUND_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  async signRecord(effect, { strapi, uid, record, actor, now }) {
    const current = asObject<Record<string, unknown>>(record.row.paraf);
    const paraf = { ...current, [String(effect.kolom)]: parafOf(actor, now) };
    await writeRecord(strapi, uid, record.id, { paraf });
    record.row.paraf = paraf;
  },
  async assignUser(effect, { strapi, uid, record }) {
    const { peran, user } = await assignedUserOf(strapi, effect);
    const penugasan = { ...asObject<Penugasan>(record.row.penugasan), [peran]: { id: user.id, nama: user.name } };
    await writeRecord(strapi, uid, record.id, { penugasan });
    record.row.penugasan = penugasan;
  },
};

/** What identifies a bound workflow: the `/sop/:model` segment, the content type and the workflow's name. */
export type BoundAlur = { model: string; uid: string; nama: string };

/**
 * A registration made only from data, for a content type extended with {@link BOUND_ATTRIBUTES}:
 * the loader reads the row (with who created it) and derives {@link boundFacts}, with the facts
 * the app adds (`extendBoundFacts`: the record's copies…); the engine's
 * fields are server-owned; the list view and the record's name use the type's first string
 * attribute (`mainFieldOf`: `perihal`, `judul`…) beside `nomorAgenda`, `tahap` and `tenggat`;
 * `signRecord`/`assignUser` write into its JSON fields (BOUND_EFFECTS).
 */
export const genericRegistration = (alur: BoundAlur & { definition: WorkflowDefinition; mainField?: string | null }): SopRegistration => {
  const { model, uid, definition, nama } = alur;
  const main = alur.mainField ?? null;
  const loadRecord = async (strapi: Core.Strapi, documentId: string): Promise<LoadedRecord | null> => {
    const row = (await strapi.db.query(uid as never).findOne({ where: { documentId }, populate: { createdBy: { select: ['id'] } } })) as Record<
      string,
      unknown
    > | null;
    if (!row) return null;
    // the record runs under the version it started with (issue 13), not the one bound first
    const alurVersi = typeof row.alurVersi === 'number' ? row.alurVersi : null;
    const facts = boundFacts(row, sopRegistryOf(strapi).workflowOf(model, alurVersi)?.initial ?? definition.initial);
    // what the app adds (a record's copies…), over the record's own fields of the same name
    for (const provide of sopRegistryOf(strapi).boundFactsProviders()) {
      Object.assign(facts, await provide(strapi, { model, uid, id: Number(row.id), documentId: String(row.documentId) }));
    }
    const tenggat = row.tenggat instanceof Date ? row.tenggat.toISOString() : typeof row.tenggat === 'string' ? row.tenggat : null;
    // the whole row, as the code SOPs' loaders give it: the effects read and add to its paraf and letters
    const stored = { ...row, id: Number(row.id), documentId: String(row.documentId), tahap: facts.tahap, versi: Number(row.versi ?? 0), alurVersi };
    return loadedRecord(stored, facts, {
      tenggat,
      nomorAgenda: typeof row.nomorAgenda === 'string' ? row.nomorAgenda : null,
    });
  };
  const governed: GovernedFields = { serverOwned: BOUND_SERVER_OWNED, transitionOnly: false };
  const listView: ListView = {
    list: ['nomorAgenda', ...(main ? [main] : []), 'tahap', 'tenggat'],
    ...(main ? { mainField: main } : {}),
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
  };
  const namaNaskah: RecordNamer = {
    fields: ['nomorAgenda', ...(main ? [main] : [])],
    nama: (row, reader) => ({
      nomor: (reader.mayReadFields(['nomorAgenda']) ? teks(row.nomorAgenda) : '') || null,
      perihal: (main && reader.mayReadFields([main]) ? teks(row[main]) : '') || nama,
    }),
  };
  return { model, uid, definition, loadRecord, governed, listView, effects: BOUND_EFFECTS, namaNaskah, readByWorkflowRoles: true };
};

/**
 * Whether `definition` may be bound to `alur.uid` as workflow `alur.model` now: returns nothing,
 * throws ValidationError (Indonesian) when the type does not exist, is not an `api::` collection
 * type without draft & publish, lacks the engine's fields (it was made after this boot: restart
 * Strapi first), is already governed, or when the model or the definition's model/uid disagree.
 * Checked before a version is activated, so an activation never stores what cannot run.
 */
export const assertBindable = (strapi: Core.Strapi, alur: BoundAlur, definition: Pick<WorkflowDefinition, 'model' | 'uid'>): void => {
  const registry = sopRegistryOf(strapi);
  const type = strapi.contentType(alur.uid as never) as unknown as ContentTypeSchema | undefined;
  if (!type) throw new errors.ValidationError(`Jenis konten ${alur.uid} tidak ditemukan.`, { uid: alur.uid });
  if (!alur.uid.startsWith('api::') || (type.kind ?? 'collectionType') !== 'collectionType') {
    throw new errors.ValidationError(`Alur hanya dapat diikat pada jenis konten koleksi aplikasi (api::…), bukan ${alur.uid}.`, { uid: alur.uid });
  }
  if (type.options?.draftAndPublish === true) {
    throw new errors.ValidationError(`Jenis konten ${alur.uid} memakai draf & terbit; alur SOP hanya untuk jenis konten tanpa draf & terbit.`, {
      uid: alur.uid,
    });
  }
  if (registry.governed(alur.uid)) {
    throw new errors.ValidationError(`Jenis konten ${alur.uid} sudah diatur oleh SOP lain.`, { uid: alur.uid });
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(alur.model)) {
    throw new errors.ValidationError(`Nama model "${alur.model}" hanya boleh huruf kecil, angka dan tanda hubung.`, { model: alur.model });
  }
  if (registry.sop(alur.model)) throw new errors.ValidationError(`Model "${alur.model}" sudah dipakai SOP lain.`, { model: alur.model });
  if (definition.model !== alur.model || definition.uid !== alur.uid) {
    throw new errors.ValidationError(
      `Definisi alur untuk ${definition.model} (${definition.uid}) tidak cocok dengan pengikatan ${alur.model} (${alur.uid}).`,
      { model: alur.model, uid: alur.uid }
    );
  }
  const lacking = Object.keys(BOUND_ATTRIBUTES).filter((name) => !(name in type.attributes));
  if (lacking.length > 0) {
    throw new errors.ValidationError(
      `Jenis konten ${alur.uid} belum memiliki kolom mesin SOP (${lacking.join(', ')}); jalankan ulang Strapi setelah membuat jenis konten, lalu ikat lagi.`,
      { uid: alur.uid, kolom: lacking }
    );
  }
};

/**
 * Binds a workflow (compiled, e.g. from a stored version) to a content type while Strapi runs:
 * checks it (see assertBindable, whose ValidationError it throws), registers
 * {@link genericRegistration} with the engine, starts the records that exist already at the
 * workflow's first state, gives the content manager its list columns and the workflow's roles
 * their content-manager grants (see grantWorkflowRoles). Returns the registration.
 */
export const bindWorkflow = async (strapi: Core.Strapi, alur: BoundAlur, definition: WorkflowDefinition): Promise<SopRegistration> => {
  assertBindable(strapi, alur, definition);
  const registry = sopRegistryOf(strapi);
  const registration = genericRegistration({ ...alur, definition, mainField: mainFieldOf(strapi, alur.uid) });
  registry.register(registration);
  // records made before the binding start at the workflow's first state
  await strapi.db.query(alur.uid as never).updateMany({ where: { tahap: null }, data: { tahap: definition.initial, versi: 0 } });
  await applyListView(strapi, alur.uid, registration.listView);
  await grantWorkflowRoles(strapi, alur.uid, definition);
  return registration;
};

const CONTENT_MANAGER = 'plugin::content-manager.explorer';

/**
 * What the staff of a bound workflow need in the content manager to work its records, added to
 * their admin roles (never taken away; an administrator may narrow them in Settings → Roles):
 * every role the workflow names may read the records (all fields) and update the type's own
 * fields (the gate keeps the engine's); the roles that act on the first state may also create
 * them. Nobody gets delete. Called when a workflow is bound and when a version is activated (a
 * version may name new roles). Returns the number of grants added.
 */
export const grantWorkflowRoles = async (strapi: Core.Strapi, uid: string, definition: WorkflowDefinition): Promise<number> => {
  const registry = sopRegistryOf(strapi);
  const type = strapi.contentType(uid as never) as unknown as ContentTypeSchema;
  const all = Object.keys(type.attributes);
  const own = all.filter((name) => !(name in BOUND_ATTRIBUTES));
  const creators = new Set(definition.transitions.filter((step) => step.from.includes(definition.initial)).flatMap((step) => step.roles));
  const roles = new Set(definition.transitions.flatMap((step) => step.roles));
  let added = 0;
  for (const key of roles) {
    const role = (await strapi.db.query('admin::role').findOne({ where: { name: registry.roleName(key) }, select: ['id'] })) as { id: number } | null;
    if (!role) continue;
    const wanted: [string, string[]][] = [
      [`${CONTENT_MANAGER}.read`, all],
      [`${CONTENT_MANAGER}.update`, own],
      ...(creators.has(key) ? ([[`${CONTENT_MANAGER}.create`, own]] as [string, string[]][]) : []),
    ];
    for (const [action, fields] of wanted) {
      const held = await strapi.db.query('admin::permission').findOne({ where: { action, subject: uid, role: { id: role.id } }, select: ['id'] });
      if (held) continue;
      await strapi.db
        .query('admin::permission')
        .create({ data: { action, actionParameters: {}, subject: uid, properties: { fields }, conditions: [], role: role.id } });
      added += 1;
    }
  }
  return added;
};

type Configuration = { settings: Record<string, unknown>; metadatas: Record<string, unknown>; layouts: { list: string[]; edit: unknown } };
type ConfigService = {
  findConfiguration: (model: { uid: string }) => Promise<Configuration>;
  updateConfiguration: (model: { uid: string }, configuration: Configuration) => Promise<unknown>;
};

/** The content manager's list columns and main field for a bound type (its own layout otherwise kept). */
const applyListView = async (strapi: Core.Strapi, uid: string, view: ListView): Promise<void> => {
  const service = strapi.plugin('content-manager')?.service('content-types') as ConfigService | undefined;
  if (!service) return;
  const current = await service.findConfiguration({ uid });
  await service.updateConfiguration(
    { uid },
    {
      ...current,
      layouts: { ...current.layouts, list: [...view.list] },
      settings: { ...current.settings, ...(view.mainField ? { mainField: view.mainField } : {}) },
    }
  );
};
