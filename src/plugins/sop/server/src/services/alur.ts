import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { ALUR_UID, ALUR_VERSI_UID } from '../constants';
import { inputDigest } from '../engine/audit-chain';
import { bedaDefinisi, sketsaDefinisi, type Perbedaan } from '../engine/beda';
import { compileWorkflow } from '../engine/compile';
import { agendaBooksOf } from '../engine/builtin-vocabulary';
import { hashDefinition, workflowDataSchema, type WorkflowData } from '../engine/definition';
import { MAX_ID } from '../engine/ids';
import { toMermaid, toSvg } from '../engine/diagram';
import type { WorkflowDefinition } from '../engine/types';
import { validateDefinition } from '../engine/validate';
import type { JenisKonten, Vocabulary } from '../engine/vocabulary';
import { ConflictError } from '../errors';
import type { StaffActor } from '../types';
import { peranTercatat } from './actor';
import { appendAudit } from './audit';
import { now as clockNow } from './clock';
import { assertBindable, bindWorkflow, grantWorkflowRoles } from './binding';
import { isParafColumn } from './effects';
import { sopRegistryOf } from './registry';

/**
 * Workflows in the database (issue 13): the seed of the code's definitions, the registry kept in
 * step with the stored active versions, and the work behind `/sop/alur` (routes/alur.ts). Every
 * write runs in one transaction with its audit row (model `alur`, documentId = the workflow's model).
 */

/** The status of a version: a draft may change; one version of a workflow is active; retired ones stay for their records. */
export type StatusVersi = 'draf' | 'aktif' | 'pensiun';

/** Who made or last changed a version: an admin user (`id`), or the system (`id` null, e.g. the seed). */
export type Pengubah = { id: number | null; nama: string };

type AlurRow = { id: number; model: string; nama: string; uid: string };
type VersiRow = {
  id: number;
  model: string;
  nomor: number;
  status: StatusVersi;
  definisi: unknown;
  hash: string;
  dibuatOleh: Pengubah | null;
  diubahOleh: Pengubah | null;
  diaktifkanPada: string | Date | null;
  dipensiunkanPada: string | Date | null;
  createdAt: string | Date;
  updatedAt: string | Date;
};

/** The name the seed writes as the maker of version 1. */
export const PENGUBAH_SISTEM: Pengubah = { id: null, nama: 'Sistem (definisi bawaan kode)' };

const alurQuery = (strapi: Core.Strapi) => strapi.db.query(ALUR_UID);
const versiQuery = (strapi: Core.Strapi) => strapi.db.query(ALUR_VERSI_UID);

/**
 * Serialises the transactions that add a workflow (the seed of several processes booting at once,
 * two administrators choosing the same model): a transaction-scoped advisory lock on PostgreSQL;
 * SQLite lets one writer at a time anyway. Strapi 5 keeps `unique` out of the database schema.
 */
const lockNewAlur = async (trx: Knex.Transaction): Promise<void> => {
  const client = String(trx.client.config.client);
  if (client.startsWith('pg') || client === 'postgres') await trx.raw("select pg_advisory_xact_lock(hashtext('sop_alur_baru'))");
};

const iso = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);
const numberOf = (value: unknown): number => Number(value);

// ------------------------------------------------------------------------------------------------
// The registry in step with the database

/** How often (ms) a process re-reads which versions are active, to follow an activation made by another process. */
export const ALUR_SYNC_MS = 2000;
const lastSync = new WeakMap<object, number>();

/**
 * Compiles every stored version that ran or runs (active and retired ones once activated) with
 * the app's vocabulary and keeps it in the registry; the active one becomes what new records
 * start under. A stored version that no longer compiles (its vocabulary entry was removed from
 * the code) is logged and left out. Returns nothing; throws what the database throws.
 */
export const loadStoredVersions = async (strapi: Core.Strapi): Promise<void> => {
  const registry = sopRegistryOf(strapi);
  const vocabulary = registry.vocabulary();
  if (!vocabulary) return;
  const rows = (await versiQuery(strapi).findMany({
    where: { status: { $in: ['aktif', 'pensiun'] }, diaktifkanPada: { $notNull: true } },
    select: ['model', 'nomor', 'status', 'hash', 'definisi'],
    orderBy: [{ model: 'asc' }, { nomor: 'asc' }],
  })) as Pick<VersiRow, 'model' | 'nomor' | 'status' | 'hash' | 'definisi'>[];
  for (const row of rows) {
    const nomor = numberOf(row.nomor);
    const known = registry.versionsOf(row.model).get(nomor);
    const isActive = row.status === 'aktif';
    try {
      const definition = known ?? compileWorkflow(row.definisi as WorkflowData, vocabulary);
      registry.useVersion(row.model, nomor, definition, isActive ? row.hash : undefined);
    } catch (error: unknown) {
      strapi.log.error(`[alur] versi ${nomor} alur "${row.model}" tidak dapat dimuat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await bindStoredWorkflows(strapi);
  lastSync.set(strapi, Date.now());
};

/**
 * Runs every stored workflow with an active version that no code registers (one an administrator
 * made for a type of their own) on its type, at boot and when another process activated one.
 * A workflow that cannot be bound (its type was deleted) is logged and left out.
 */
const bindStoredWorkflows = async (strapi: Core.Strapi): Promise<void> => {
  const registry = sopRegistryOf(strapi);
  const rows = (await alurQuery(strapi).findMany({ select: ['model', 'nama', 'uid'] })) as { model: string; nama: string; uid: string }[];
  for (const alur of rows) {
    const definition = registry.activeVersion(alur.model) ? registry.workflow(alur.model) : undefined;
    if (!definition || registry.sop(alur.model)) continue;
    try {
      await bindWorkflow(strapi, alur, definition);
    } catch (error: unknown) {
      strapi.log.error(
        `[alur] alur "${alur.model}" tidak dapat dijalankan pada ${alur.uid}: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  }
};

/**
 * Follows activations made by other server processes: at most every ALUR_SYNC_MS, one small
 * query for the active versions (model, nomor, hash); when one differs from what this process
 * runs, the stored versions are loaded again. `force` reads now.
 */
export const syncAlur = async (strapi: Core.Strapi, force = false): Promise<void> => {
  if (!force && Date.now() - (lastSync.get(strapi) ?? 0) < ALUR_SYNC_MS) return;
  lastSync.set(strapi, Date.now());
  const registry = sopRegistryOf(strapi);
  const rows = (await versiQuery(strapi).findMany({ where: { status: 'aktif' }, select: ['model', 'nomor', 'hash'] })) as Pick<
    VersiRow,
    'model' | 'nomor' | 'hash'
  >[];
  const stale = rows.some((row) => {
    const current = registry.activeVersion(row.model);
    return !current || current.nomor !== numberOf(row.nomor) || current.hash !== row.hash;
  });
  if (stale) await loadStoredVersions(strapi);
};

/**
 * What a new record of workflow `model` starts under, after catching up with activations made by
 * other processes: the active definition (its `initial` is the record's first `tahap`) and its
 * version number (the record's `alurVersi`; 1 while no version is stored). The one source of both
 * for the gate's create and for writers that insert a record directly (public complaints).
 * Throws an Error when no workflow `model` is registered.
 */
export const awalAlur = async (strapi: Core.Strapi, model: string): Promise<{ definition: WorkflowDefinition; alurVersi: number }> => {
  await syncAlur(strapi);
  const registry = sopRegistryOf(strapi);
  const definition = registry.workflow(model);
  if (!definition) throw new Error(`SOP ${model} tidak terdaftar pada mesin SOP.`);
  return { definition, alurVersi: registry.activeVersion(model)?.nomor ?? 1 };
};

/**
 * The definition a record of `model` runs under (its `alurVersi`; null counts as 1): the kept
 * version, else — stored by another process since the last sync — after reloading the stored
 * versions; a version nobody stored (a row older than the seed) runs under the active one.
 */
export const workflowForRecord = async (
  strapi: Core.Strapi,
  model: string,
  alurVersi: number | null | undefined
): Promise<WorkflowDefinition | undefined> => {
  const registry = sopRegistryOf(strapi);
  const kept = registry.workflowOf(model, alurVersi);
  if (kept) return kept;
  await loadStoredVersions(strapi);
  return registry.workflowOf(model, alurVersi) ?? registry.workflow(model);
};

/**
 * The seed (as the roles and instansi seeds): every SOP the code registers with its definition
 * as data and with no stored workflow yet is stored as version 1, active — once; later edits
 * by staff are kept. Then loads the stored versions into the registry, and logs (never fails)
 * when the code's definition matches no stored version (the code changed after staff edits).
 */
export const seedAlur = async (strapi: Core.Strapi): Promise<void> => {
  const registry = sopRegistryOf(strapi);
  const coded = registry
    .all()
    .flatMap((registration) =>
      registration.definitionData ? [{ registration, data: registration.definitionData, hash: hashDefinition(registration.definitionData) }] : []
    );
  if (coded.length === 0) return loadStoredVersions(strapi);
  // what is stored, in two queries for every SOP (a restart seeds nothing)
  const models = coded.map(({ registration }) => registration.model);
  const storedModels = new Set(
    ((await alurQuery(strapi).findMany({ where: { model: { $in: models } }, select: ['model'] })) as { model: string }[]).map((row) => row.model)
  );
  const storedHashes = new Set(
    (
      (await versiQuery(strapi).findMany({
        where: { model: { $in: models }, hash: { $in: coded.map(({ hash }) => hash) } },
        select: ['model', 'hash'],
      })) as { model: string; hash: string }[]
    ).map((row) => `${row.model}\u0000${row.hash}`)
  );
  for (const { registration, data, hash } of coded) {
    if (!storedModels.has(registration.model)) {
      const seeded = await strapi.db.transaction(async ({ trx }) => {
        await lockNewAlur(trx);
        // another process may have seeded it while this one waited for the lock: theirs stands
        if (await alurQuery(strapi).findOne({ where: { model: registration.model }, select: ['id'] })) return false;
        const now = clockNow();
        await alurQuery(strapi).create({ data: { model: registration.model, nama: data.title, uid: registration.uid } });
        await versiQuery(strapi).create({
          data: {
            model: registration.model,
            nomor: 1,
            status: 'aktif',
            definisi: data,
            hash,
            dibuatOleh: PENGUBAH_SISTEM,
            diubahOleh: PENGUBAH_SISTEM,
            diaktifkanPada: now,
          },
        });
        return true;
      });
      if (seeded) strapi.log.info(`[alur] alur "${registration.model}" disimpan dari kode sebagai versi 1 (aktif).`);
    }
    const matches =
      storedHashes.has(`${registration.model}\u0000${hash}`) ||
      // just seeded, by this process or another booting beside it
      (!storedModels.has(registration.model) && Number(await versiQuery(strapi).count({ where: { model: registration.model, hash } })) > 0);
    if (!matches) {
      strapi.log.warn(
        `[alur] definisi alur "${registration.model}" di kode (src/sop-defs/${registration.model}/definition.json, hash ${hash.slice(0, 12)}…) ` +
          'tidak sama dengan versi mana pun yang tersimpan; yang berjalan adalah versi aktif di basis data.'
      );
    }
  }
  await loadStoredVersions(strapi);
};

// ------------------------------------------------------------------------------------------------
// Reading

/** A version as `GET /sop/alur` lists it. */
export type RingkasanVersi = { nomor: number; status: StatusVersi; hash: string; diubahOleh: Pengubah | null; updatedAt: string | null };

/** A version as `GET /sop/alur/:model` shows it. */
export type RincianVersi = RingkasanVersi & {
  definisi: unknown;
  dibuatOleh: Pengubah | null;
  createdAt: string | null;
  diaktifkanPada: string | null;
  dipensiunkanPada: string | null;
};

/** A stored workflow with its versions (oldest first) and the number of its active one. */
export type Alur<V> = { model: string; nama: string; uid: string; versiAktif: number | null; versi: V[] };

const ringkasan = (row: VersiRow): RingkasanVersi => ({
  nomor: numberOf(row.nomor),
  status: row.status,
  hash: row.hash,
  diubahOleh: row.diubahOleh ?? null,
  updatedAt: iso(row.updatedAt),
});

const rincian = (row: VersiRow): RincianVersi => ({
  ...ringkasan(row),
  definisi: row.definisi,
  dibuatOleh: row.dibuatOleh ?? null,
  createdAt: iso(row.createdAt),
  diaktifkanPada: iso(row.diaktifkanPada),
  dipensiunkanPada: iso(row.dipensiunkanPada),
});

const versionsOf = async (strapi: Core.Strapi, model: string): Promise<VersiRow[]> =>
  (await versiQuery(strapi).findMany({ where: { model }, orderBy: [{ nomor: 'asc' }] })) as VersiRow[];

const shape = <V>(alur: AlurRow, rows: VersiRow[], view: (row: VersiRow) => V): Alur<V> => {
  const aktif = rows.find((row) => row.status === 'aktif');
  return { model: alur.model, nama: alur.nama, uid: alur.uid, versiAktif: aktif ? numberOf(aktif.nomor) : null, versi: rows.map(view) };
};

/** `GET /sop/alur`: every stored workflow (by model) with a summary of its versions. */
export const daftarAlur = async (strapi: Core.Strapi): Promise<Alur<RingkasanVersi>[]> => {
  const alurs = (await alurQuery(strapi).findMany({ orderBy: [{ model: 'asc' }] })) as AlurRow[];
  const rows = (await versiQuery(strapi).findMany({ orderBy: [{ model: 'asc' }, { nomor: 'asc' }] })) as VersiRow[];
  return alurs.map((alur) =>
    shape(
      alur,
      rows.filter((row) => row.model === alur.model),
      ringkasan
    )
  );
};

const findAlur = async (strapi: Core.Strapi, model: string): Promise<AlurRow> => {
  const alur = (await alurQuery(strapi).findOne({ where: { model } })) as AlurRow | null;
  if (!alur) throw new errors.NotFoundError(`Alur "${model}" tidak ditemukan.`);
  return alur;
};

/** `GET /sop/alur/:model`: one workflow with every version in full; NotFoundError when there is none. */
export const rincianAlur = async (strapi: Core.Strapi, model: string): Promise<Alur<RincianVersi>> => {
  const alur = await findAlur(strapi, model);
  return shape(alur, await versionsOf(strapi, model), rincian);
};

const findVersi = async (strapi: Core.Strapi, model: string, nomor: number): Promise<VersiRow> => {
  // past the integer column's range PostgreSQL refuses the query itself (a 500): no such version
  const row = nomor <= MAX_ID ? ((await versiQuery(strapi).findOne({ where: { model, nomor } })) as VersiRow | null) : null;
  if (!row) throw new errors.NotFoundError(`Versi ${nomor} alur "${model}" tidak ditemukan.`);
  return row;
};

const asData = (row: VersiRow): WorkflowData => {
  const parsed = workflowDataSchema.safeParse(row.definisi);
  if (!parsed.success) throw new errors.ValidationError(`Versi ${numberOf(row.nomor)} belum berbentuk definisi alur yang sah.`);
  return parsed.data;
};

/**
 * `GET /sop/alur/:model/beda`: what changed from version `dari` to version `ke` (see bedaDefinisi).
 * NotFoundError for an unknown workflow or version; ValidationError when a version is not yet
 * a definition of sound shape (a draft in progress).
 */
export const bedaVersi = async (strapi: Core.Strapi, model: string, dari: number, ke: number): Promise<Perbedaan[]> => {
  await findAlur(strapi, model);
  return bedaDefinisi(asData(await findVersi(strapi, model, dari)), asData(await findVersi(strapi, model, ke)));
};

// ------------------------------------------------------------------------------------------------
// Checking

const formatMasalah = (masalah: { path: string; pesan: string }[]): string[] =>
  masalah.map((one) => (one.path ? `${one.path}: ${one.pesan}` : one.pesan));

/**
 * The agenda books other workflows than `model` draw numbers from, each with the workflow that
 * owns it: the code's definitions and every stored version that ran or runs (active or retired
 * once activated). Throws what the database throws.
 */
const bukuAlurLain = async (strapi: Core.Strapi, model: string): Promise<Map<string, string>> => {
  const owners = new Map<string, string>();
  for (const registration of sopRegistryOf(strapi).all()) {
    if (registration.model === model || !registration.definitionData) continue;
    for (const buku of agendaBooksOf(registration.definitionData)) owners.set(buku, registration.model);
  }
  const rows = (await versiQuery(strapi).findMany({
    where: { model: { $ne: model }, status: { $in: ['aktif', 'pensiun'] }, diaktifkanPada: { $notNull: true } },
    select: ['model', 'definisi'],
  })) as Pick<VersiRow, 'model' | 'definisi'>[];
  for (const row of rows) {
    const parsed = workflowDataSchema.safeParse(row.definisi);
    if (parsed.success) for (const buku of agendaBooksOf(parsed.data)) owners.set(buku, row.model);
  }
  return owners;
};

/**
 * What the vocabulary's own type checks find (each effect entry's `periksaJenis`, e.g. the app's
 * `buatSurat` naming a field the type lacks), for every effect whose params are valid, on the
 * content type `uid` as it runs now: `Langkah "<label>": <pesan>` sentences. Nothing when the
 * type does not exist (assertBindable says so at activation).
 */
const galatJenis = (strapi: Core.Strapi, vocabulary: Vocabulary, uid: string, data: WorkflowData): string[] => {
  const type = (strapi.contentTypes as unknown as Record<string, JenisKonten | undefined>)[uid];
  if (!type) return [];
  const jenis: JenisKonten = { uid, attributes: type.attributes, transitions: data.transitions };
  return data.transitions.flatMap((transition) =>
    (transition.effects ?? []).flatMap((ref) => {
      const entry = Object.prototype.hasOwnProperty.call(vocabulary.effects, ref.type) ? vocabulary.effects[ref.type] : undefined;
      const params = entry?.periksaJenis ? entry.params.safeParse(ref.params ?? {}) : undefined;
      if (!entry?.periksaJenis || !params?.success) return [];
      return entry.periksaJenis(params.data, jenis).map((pesan) => `Langkah "${transition.label}": ${pesan}`);
    })
  );
};

/**
 * Everything wrong with a definition for workflow `expected` (Indonesian, empty when it may be
 * activated): the engine's validation against the app's vocabulary (shape, unknown states,
 * unreachable states, unknown guards and effects, bad params, unknown roles); its model and uid
 * against the workflow's; an agenda book another workflow numbers from (a book runs without gaps
 * for one workflow: a berita keluar drawing from "surat-masuk" would leave holes in the berita's
 * book); what the type lacks for an effect's params (each entry's `periksaJenis`, see galatJenis);
 * and what this server lacks to run it (a role the app did not register, an effect without
 * a handler for that model). Throws what the database throws.
 */
export const galatDefinisi = async (strapi: Core.Strapi, definisi: unknown, expected?: { model: string; uid: string }): Promise<string[]> => {
  const registry = sopRegistryOf(strapi);
  const vocabulary = registry.vocabulary();
  if (!vocabulary) return ['Kosakata alur belum diberikan aplikasi kepada mesin SOP.'];
  const verdict = validateDefinition(definisi, vocabulary);
  const galat = verdict.ok ? [] : formatMasalah(verdict.masalah);
  const parsed = workflowDataSchema.safeParse(definisi);
  if (!parsed.success) return galat;
  const data = parsed.data;
  if (expected && data.model !== expected.model) galat.push(`model: Model definisi "${data.model}" harus sama dengan alurnya ("${expected.model}").`);
  if (expected && data.uid !== expected.uid) galat.push(`uid: Jenis konten definisi "${data.uid}" harus sama dengan alurnya ("${expected.uid}").`);
  const owners = await bukuAlurLain(strapi, expected?.model ?? data.model);
  for (const buku of agendaBooksOf(data)) {
    const owner = owners.get(buku);
    if (owner) galat.push(`Buku agenda "${buku}" sudah dipakai alur "${owner}"; setiap alur memakai buku agendanya sendiri.`);
  }
  // on a type a code SOP governs, the engine's signRecord writes its `kolom` itself (a bound type keeps paraf apart)
  const codeGoverned = registry.sop(expected?.model ?? data.model);
  if (codeGoverned && !codeGoverned.readByWorkflowRoles) {
    for (const ref of data.transitions.flatMap((transition) => transition.effects ?? [])) {
      const kolom = ref.type === 'signRecord' ? ref.params?.kolom : undefined;
      if (typeof kolom === 'string' && !isParafColumn(strapi, data.uid, kolom)) {
        galat.push(`Efek signRecord: "${kolom}" bukan kolom paraf (JSON) pada ${data.uid}.`);
      }
    }
  }
  galat.push(...galatJenis(strapi, vocabulary, expected?.uid ?? data.uid, data));
  const problems = registry.problemsOf(expected?.model ?? data.model, {
    transitions: data.transitions.map((transition) => ({
      label: transition.label,
      roles: transition.roles,
      effectTypes: (transition.effects ?? []).map((ref) => ref.type),
    })),
  });
  return [...new Set([...galat, ...problems])];
};

/** `POST /sop/alur/periksa`: whether a definition may be activated, why not, and its diagram (null when its shape is unsound). */
export const periksaDefinisi = async (strapi: Core.Strapi, definisi: unknown) => {
  const galat = await galatDefinisi(strapi, definisi);
  const parsed = workflowDataSchema.safeParse(definisi);
  const roleLabels = sopRegistryOf(strapi).roleLabels();
  const sketsa = parsed.success ? sketsaDefinisi(parsed.data) : null;
  let diagram: { mermaid: string; svg: string } | null = null;
  if (sketsa) {
    try {
      diagram = { mermaid: toMermaid(sketsa, { roleLabels }), svg: toSvg(sketsa, { roleLabels }) };
    } catch {
      // a definition the layout cannot draw (e.g. a step to an unknown state) has its reasons in `galat`
      diagram = null;
    }
  }
  return { sah: galat.length === 0, galat, diagram };
};

// ------------------------------------------------------------------------------------------------
// Writing

const pengubahOf = (actor: StaffActor): Pengubah => ({ id: actor.id, nama: actor.name });

/** Runs `work` and its audit row (stream `alur`/`model`) in one transaction, the workflow's row locked first. */
const audited = async <T>(
  strapi: Core.Strapi,
  actor: StaffActor,
  model: string,
  work: () => Promise<{ result: T; dari: string | null; ke: string; catatan: string; digest: unknown }>
): Promise<T> =>
  strapi.db.transaction(async ({ trx }) => {
    // one writer at a time: version numbers, the one active version and one workflow per agenda book stay sound
    await lockNewAlur(trx);
    await alurQuery(strapi).update({ where: { model }, data: { updatedAt: clockNow() } });
    const done = await work();
    await appendAudit(trx, {
      model: 'alur',
      documentId: model,
      dari: done.dari,
      ke: done.ke,
      aktorId: actor.id,
      aktorNama: actor.name,
      aktorPeran: peranTercatat(actor),
      waktu: clockNow().toISOString(),
      catatan: done.catatan,
      digest: inputDigest(done.digest),
    });
    return done.result;
  });

/** `:model` names that would be shadowed by the engine's and the app's own `/sop/...` routes. */
const RESERVED_MODELS = new Set(['alur', 'kosakata', 'definitions', 'antrian', 'audit', 'pengguna', 'diagram', 'intake', 'agenda', 'evaluasi']);

/** The most a stored definition may weigh (characters of its JSON); the berita's is about 12,000. */
const MAX_DEFINISI_CHARS = 200_000;

/**
 * A definition as a draft may store it: any JSON object (drafts may be unfinished), but not over
 * MAX_DEFINISI_CHARS and without NUL characters, which PostgreSQL's JSON column refuses.
 */
const definisiSchema = z.record(z.string(), z.unknown()).superRefine((definisi, context) => {
  const json = JSON.stringify(definisi);
  if (json.length > MAX_DEFINISI_CHARS) context.addIssue({ code: 'custom', message: `definisi paling banyak ${MAX_DEFINISI_CHARS} karakter` });
  if (json.includes('\\u0000')) context.addIssue({ code: 'custom', message: 'definisi tidak boleh memuat karakter NUL' });
});

/** The body of `POST /sop/alur`. */
export const alurBaruSchema = z
  .object({
    // the audit trail's `model` column holds 40 characters; assertBindable takes the same shape
    model: z
      .string()
      .max(40, 'model paling banyak 40 karakter')
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'model hanya huruf kecil, angka dan tanda hubung (2–40 karakter), diawali huruf')
      .min(2, 'model paling sedikit 2 karakter'),
    nama: z.string().trim().min(1, 'nama wajib diisi').max(200),
    uid: z.string().min(1).max(200),
    definisi: definisiSchema,
  })
  .strict();

/**
 * `POST /sop/alur`: a new workflow for an `api::` collection type no workflow governs yet, with
 * `definisi` as its draft version 1. ValidationError when the type is unknown, not a collection
 * type, already governed, or the model is reserved; ConflictError when the model is taken.
 */
export const buatAlur = async (strapi: Core.Strapi, actor: StaffActor, body: z.infer<typeof alurBaruSchema>): Promise<Alur<RincianVersi>> => {
  const registry = sopRegistryOf(strapi);
  const contentType = (strapi.contentTypes as unknown as Record<string, { kind?: string } | undefined>)[body.uid];
  if (!body.uid.startsWith('api::') || contentType?.kind !== 'collectionType') {
    throw new errors.ValidationError(`Jenis konten "${body.uid}" tidak ada atau bukan jenis koleksi (api::…).`);
  }
  if (RESERVED_MODELS.has(body.model)) throw new errors.ValidationError(`Model "${body.model}" dicadangkan untuk alamat /sop; pilih nama lain.`);
  if (registry.sop(body.model) || (await alurQuery(strapi).findOne({ where: { model: body.model }, select: ['id'] }))) {
    throw new ConflictError(`Model alur "${body.model}" sudah dipakai.`);
  }
  if (registry.governed(body.uid) || (await alurQuery(strapi).findOne({ where: { uid: body.uid }, select: ['id'] }))) {
    throw new errors.ValidationError(`Jenis konten "${body.uid}" sudah diatur oleh alur lain.`);
  }
  const alur = { model: body.model, nama: body.nama, uid: body.uid };
  await strapi.db.transaction(async ({ trx }) => {
    await lockNewAlur(trx);
    if (await alurQuery(strapi).findOne({ where: { $or: [{ model: body.model }, { uid: body.uid }] }, select: ['id'] })) {
      throw new ConflictError(`Model alur "${body.model}" atau jenis konten ${body.uid} baru saja dipakai alur lain.`);
    }
    await alurQuery(strapi).create({ data: alur });
    await versiQuery(strapi).create({
      data: {
        model: body.model,
        nomor: 1,
        status: 'draf',
        definisi: body.definisi,
        hash: hashDefinition(body.definisi as WorkflowData),
        dibuatOleh: pengubahOf(actor),
        diubahOleh: pengubahOf(actor),
      },
    });
    await appendAudit(trx, {
      model: 'alur',
      documentId: body.model,
      dari: null,
      ke: 'dibuat',
      aktorId: actor.id,
      aktorNama: actor.name,
      aktorPeran: peranTercatat(actor),
      waktu: clockNow().toISOString(),
      catatan: `Alur "${body.nama}" untuk ${body.uid} dibuat, versi 1 (draf).`,
      digest: inputDigest({ alur, hash: hashDefinition(body.definisi as WorkflowData) }),
    });
  });
  return rincianAlur(strapi, body.model);
};

/** The body of `POST /sop/alur/:model/versi`. */
export const versiBaruSchema = z.object({ definisi: definisiSchema.optional(), dari: z.number().int().positive().optional() }).strict();

/**
 * `POST /sop/alur/:model/versi`: a new draft, numbered after the last version: `definisi` when
 * given, else a copy of version `dari`, else of the active version (else of the latest).
 * NotFoundError for an unknown workflow or `dari`. Returns the workflow.
 */
export const buatVersi = async (
  strapi: Core.Strapi,
  actor: StaffActor,
  model: string,
  body: z.infer<typeof versiBaruSchema>
): Promise<Alur<RincianVersi>> => {
  await findAlur(strapi, model);
  await audited(strapi, actor, model, async () => {
    const rows = await versionsOf(strapi, model);
    const source =
      body.dari !== undefined ? await findVersi(strapi, model, body.dari) : (rows.find((row) => row.status === 'aktif') ?? rows[rows.length - 1]);
    const definisi = body.definisi ?? source?.definisi ?? null;
    if (definisi === null) throw new errors.ValidationError('Alur ini belum memiliki versi untuk disalin; kirim definisi.');
    const nomor = rows.reduce((last, row) => Math.max(last, numberOf(row.nomor)), 0) + 1;
    const hash = hashDefinition(definisi as WorkflowData);
    await versiQuery(strapi).create({
      data: { model, nomor, status: 'draf', definisi, hash, dibuatOleh: pengubahOf(actor), diubahOleh: pengubahOf(actor) },
    });
    const asal = body.definisi ? '' : source ? ` dari versi ${numberOf(source.nomor)}` : '';
    return { result: undefined, dari: null, ke: 'draf', catatan: `Versi ${nomor} dibuat (draf)${asal}.`, digest: { nomor, hash } };
  });
  return rincianAlur(strapi, model);
};

/** The body of `PUT /sop/alur/:model/versi/:nomor`. */
export const ubahVersiSchema = z.object({ definisi: definisiSchema }).strict();

/** `PUT /sop/alur/:model/versi/:nomor`: replaces a draft's definition; ConflictError when the version is not a draft. */
export const ubahVersi = async (
  strapi: Core.Strapi,
  actor: StaffActor,
  model: string,
  nomor: number,
  body: z.infer<typeof ubahVersiSchema>
): Promise<Alur<RincianVersi>> => {
  await findAlur(strapi, model);
  await audited(strapi, actor, model, async () => {
    const row = await findVersi(strapi, model, nomor);
    if (row.status !== 'draf') throw new ConflictError(`Versi ${nomor} berstatus ${row.status}; hanya draf yang dapat diubah. Buat versi baru.`);
    const hash = hashDefinition(body.definisi as WorkflowData);
    await versiQuery(strapi).update({ where: { id: row.id }, data: { definisi: body.definisi, hash, diubahOleh: pengubahOf(actor) } });
    return { result: undefined, dari: 'draf', ke: 'draf', catatan: `Versi ${nomor} diubah.`, digest: { nomor, hash } };
  });
  return rincianAlur(strapi, model);
};

/**
 * `POST /sop/alur/:model/versi/:nomor/aktifkan`: makes a draft (or a retired version) the one
 * new records start under; the previously active version is retired, its records finish under it.
 * ValidationError with `details.galat` (Indonesian) when the definition may not run (see
 * galatDefinisi); ConflictError when it is already active; NotFoundError for an unknown one.
 * Takes effect at once in this process's registry (others follow within ALUR_SYNC_MS).
 */
export const aktifkanVersi = async (strapi: Core.Strapi, actor: StaffActor, model: string, nomor: number): Promise<Alur<RincianVersi>> => {
  const alur = await findAlur(strapi, model);
  const registry = sopRegistryOf(strapi);
  const compiled = await audited(strapi, actor, model, async () => {
    const row = await findVersi(strapi, model, nomor);
    if (row.status === 'aktif') throw new ConflictError(`Versi ${nomor} sudah aktif.`);
    const galat = await galatDefinisi(strapi, row.definisi, { model: alur.model, uid: alur.uid });
    if (galat.length > 0) throw new errors.ValidationError(`Versi ${nomor} tidak dapat diaktifkan: ${galat.join('; ')}`, { galat });
    const definition = compileWorkflow(row.definisi as WorkflowData, registry.vocabulary()!);
    // a workflow not yet running anywhere must be able to run on its type before it is stored as active
    if (!registry.sop(model)) assertBindable(strapi, alur, definition);
    const now = clockNow();
    const previous = (await versiQuery(strapi).findOne({ where: { model, status: 'aktif' } })) as VersiRow | null;
    if (previous) await versiQuery(strapi).update({ where: { id: previous.id }, data: { status: 'pensiun', dipensiunkanPada: now } });
    await versiQuery(strapi).update({
      where: { id: row.id },
      data: { status: 'aktif', diaktifkanPada: now, dipensiunkanPada: null, diubahOleh: pengubahOf(actor) },
    });
    const pensiun = previous ? `; versi ${numberOf(previous.nomor)} dipensiunkan` : '';
    return {
      result: { definition, hash: row.hash },
      dari: row.status,
      ke: 'aktif',
      catatan: `Versi ${nomor} diaktifkan${pensiun}.`,
      digest: { nomor, hash: row.hash, sebelumnya: previous ? numberOf(previous.nomor) : null },
    };
  });
  registry.useVersion(model, nomor, compiled.definition, compiled.hash);
  const running = registry.sop(model);
  if (!running) await bindWorkflow(strapi, { model: alur.model, nama: alur.nama, uid: alur.uid }, compiled.definition);
  // a workflow bound from data: a new version may name new roles (a code SOP's grants are the app's access matrix)
  else if (!running.definitionData) await grantWorkflowRoles(strapi, alur.uid, compiled.definition);
  return rincianAlur(strapi, model);
};

/**
 * `POST /sop/alur/:model/versi/:nomor/pensiunkan`: retires a draft (an already retired version
 * stays so, nothing written); ConflictError for the active version (activate another instead).
 */
export const pensiunkanVersi = async (strapi: Core.Strapi, actor: StaffActor, model: string, nomor: number): Promise<Alur<RincianVersi>> => {
  await findAlur(strapi, model);
  const current = await findVersi(strapi, model, nomor);
  if (current.status === 'pensiun') return rincianAlur(strapi, model);
  await audited(strapi, actor, model, async () => {
    const row = await findVersi(strapi, model, nomor);
    if (row.status === 'aktif') throw new ConflictError(`Versi ${nomor} sedang aktif; aktifkan versi lain untuk menggantikannya.`);
    await versiQuery(strapi).update({
      where: { id: row.id },
      data: { status: 'pensiun', dipensiunkanPada: clockNow(), diubahOleh: pengubahOf(actor) },
    });
    return { result: undefined, dari: row.status, ke: 'pensiun', catatan: `Versi ${nomor} dipensiunkan.`, digest: { nomor, hash: row.hash } };
  });
  return rincianAlur(strapi, model);
};
