import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  currentWriter,
  defineSnapshotCache,
  displayName,
  now as clockNow,
  type ActingRolesProvider,
  type RelatedType,
  type Writer,
  type WriteScreen,
} from '../plugins/sop/server/src/index';
import type { Perwakilan } from '../plugins/sop/server/src/engine/index';
import { hapusPenunjukan, penunjukanSchema, perubahanSetelahMulai, periksaPenunjukan, type Penunjukan } from '../domain/pelaksana';
import { ROLE_NAMES, type RoleKey } from '../domain/roles';

/** The acting-official mandates (Plh / Plt) of Permendagri 1/2023. */
export const PELAKSANA_UID = 'api::pelaksana.pelaksana';

type PelaksanaRow = {
  documentId: string;
  peran: RoleKey;
  jenis: 'plh' | 'plt';
  pejabatId: number;
  namaPejabat: string | null;
  pelaksanaId: number;
  namaPelaksana: string | null;
  mulai: string;
  selesai: string;
  alasan?: string | null;
};

type UserRow = {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
  isActive?: boolean;
  blocked?: boolean;
  roles?: { name: string; code: string }[];
};

const refuse = (message: string, fields: string[] = []): never => {
  throw new errors.PolicyError(message, { fields });
};

/**
 * Only the Kepala Dinas (in their own right, not as someone's Plh) and Super Admin name acting
 * officials; server code (seeds, tests) always may. Returns the refusal, or null.
 */
export const mayNamePelaksana = (writer: Writer): string | null => {
  if (writer.jalur === 'sistem') return null;
  const actor = writer.actor;
  const kadis = actor !== null && actor.roles.includes('kadis') && !(actor.mewakili ?? []).some((mandate) => mandate.peran === 'kadis');
  return actor?.isSuperAdmin || kadis ? null : 'Hanya Kepala Dinas atau Super Admin yang dapat menunjuk Plh/Plt.';
};

const loadUser = async (strapi: Core.Strapi, id: number): Promise<UserRow | null> =>
  (await strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] })) as UserRow | null;

const activeUser = (user: UserRow | null): user is UserRow => user !== null && user.isActive !== false && user.blocked !== true;

const asPenunjukan = (row: PelaksanaRow): Penunjukan => ({
  ...row,
  mulai: new Date(row.mulai),
  selesai: new Date(row.selesai),
});

/**
 * The gate's screen of every create and update: the writer may name acting officials, the
 * merged record passes the schema and the rules (domain/pelaksana periksaPenunjukan: nobody names
 * themselves), the holder is an active user holding the role, the deputy an active user who does
 * not, and the names are copied from the users (whatever the client sent). A mandate already over
 * is not changed; one that has started changes only its `selesai` (perubahanSetelahMulai) and
 * keeps the names it was made with.
 */
const pelaksanaScreen: WriteScreen = async (strapi, write) => {
  const writer = await currentWriter(strapi);
  const problem = mayNamePelaksana(writer);
  if (problem) refuse(problem);
  const now = clockNow();
  if (write.current && new Date(String(write.current.selesai)).getTime() <= now.getTime()) {
    refuse('Penunjukan yang sudah berakhir tidak dapat diubah; riwayatnya tetap tercatat.');
  }
  const merged = { ...(write.current ?? {}), ...write.data };
  const parsed = penunjukanSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new errors.ValidationError(issue.message, { field: issue.path.join('.') });
  }
  const calon = parsed.data;
  const lama = write.current ? asPenunjukan(write.current as PelaksanaRow) : null;
  const tetap = lama ? perubahanSetelahMulai(lama, { ...calon, alasan: merged.alasan as string | null | undefined }, now) : null;
  if (tetap) refuse(tetap);
  const [pejabat, pelaksana] = await Promise.all([loadUser(strapi, calon.pejabatId), loadUser(strapi, calon.pelaksanaId)]);
  const jabatan = ROLE_NAMES[calon.peran];
  if (!activeUser(pejabat) || !(pejabat.roles ?? []).some((role) => role.name === jabatan)) {
    throw new errors.ValidationError(`Pengguna #${calon.pejabatId} bukan ${jabatan} yang aktif.`, { field: 'pejabatId' });
  }
  if (!activeUser(pelaksana)) throw new errors.ValidationError(`Pengguna #${calon.pelaksanaId} bukan pengguna yang aktif.`, { field: 'pelaksanaId' });
  const others = (await strapi.db.query(PELAKSANA_UID as never).findMany({ where: { peran: calon.peran } })) as PelaksanaRow[];
  const rule = periksaPenunjukan({ ...calon, documentId: write.documentId }, others.map(asPenunjukan), now, writer.actor?.id ?? null);
  if (rule) throw new errors.ValidationError(rule, { field: 'mulai' });
  if (calon.pelaksanaId !== calon.pejabatId && (pelaksana.roles ?? []).some((role) => role.name === jabatan)) {
    throw new errors.ValidationError(`${displayName(pelaksana)} sudah menjabat ${jabatan}; pilih pegawai lain sebagai pelaksana.`, {
      field: 'pelaksanaId',
    });
  }
  // a started mandate keeps the names it was made with (a user renamed since does not rewrite it)
  const started = lama !== null && lama.mulai.getTime() <= now.getTime();
  write.data.namaPejabat = started ? (write.current?.namaPejabat ?? displayName(pejabat)) : displayName(pejabat);
  write.data.namaPelaksana = started ? (write.current?.namaPelaksana ?? displayName(pelaksana)) : displayName(pelaksana);
  for (const field of ['peran', 'jenis', 'pejabatId', 'pelaksanaId'] as const) write.data[field] = calon[field];
  write.data.mulai = calon.mulai.toISOString();
  write.data.selesai = calon.selesai.toISOString();
};

/**
 * The mandates, under the gate: every write (create, update, delete) audited, screened by
 * pelaksanaScreen; only the Kepala Dinas and Super Admin write them (also checked on delete),
 * and only one that has not started is deleted (hapusPenunjukan): one that has run is the record
 * of who acted for whom. The steps taken under a mandate keep both names in their own records.
 */
export const PELAKSANA_GOVERNED: RelatedType = {
  uid: PELAKSANA_UID,
  governed: { serverOwned: [], transitionOnly: false },
  listView: {
    list: ['peran', 'jenis', 'namaPelaksana', 'namaPejabat', 'mulai', 'selesai'],
    mainField: 'namaPelaksana',
    defaultSortBy: 'mulai',
    defaultSortOrder: 'DESC',
  },
  gate: {
    screens: [pelaksanaScreen],
    editorRule: (writer, current, action) =>
      mayNamePelaksana(writer) ?? (action === 'delete' ? hapusPenunjukan(asPenunjukan(current as PelaksanaRow), clockNow()) : null),
  },
};

const asPerwakilan = (row: PelaksanaRow): Perwakilan => ({
  peran: row.peran,
  jenis: row.jenis,
  atasNama: { id: row.pejabatId, nama: row.namaPejabat ?? `Pengguna #${row.pejabatId}` },
});

/**
 * How long (ms) a process reuses the mandates it read. Its own writes clear them at once; a mandate
 * written through ANOTHER server process counts here at most this late (README "Scaling out (issue 14)").
 */
export const PELAKSANA_CACHE_MS = 2000;

const MANDATES = defineSnapshotCache({ watch: [PELAKSANA_UID], ttlMs: PELAKSANA_CACHE_MS });

/** From bootstrap(): this process's writes to the mandates clear its copy of them (see defineSnapshotCache). */
export const registerMandateCache = (strapi: Core.Strapi): void => MANDATES.register(strapi);

// Every mandate ever made (a few a month: the table stays small), filtered by the clock's now at
// each use, so the copy is right for any `now` and a mandate ends on time whatever was cached.
const allMandates = (strapi: Core.Strapi): Promise<PelaksanaRow[]> =>
  MANDATES.get(strapi, 'semua', async () => (await strapi.db.query(PELAKSANA_UID as never).findMany({})) as PelaksanaRow[]);

const runsAt = (row: PelaksanaRow, now: Date): boolean =>
  new Date(row.mulai).getTime() <= now.getTime() && now.getTime() < new Date(row.selesai).getTime();

/** The engine's view of the mandates (see ActingRolesProvider): those running at `now`, from the process's copy (allMandates). */
export const ACTING_ROLES: ActingRolesProvider = {
  async of(strapi, userId, now) {
    return (await allMandates(strapi)).filter((row) => Number(row.pelaksanaId) === userId && runsAt(row, now)).map(asPerwakilan);
  },
  async running(strapi, now) {
    return (await allMandates(strapi)).filter((row) => runsAt(row, now)).map((row) => ({ ...asPerwakilan(row), pelaksana: row.pelaksanaId }));
  },
};

/**
 * Document-service middleware, registered before the SOP gate (so it runs around it): every
 * create, update and clone of a mandate runs in one transaction that first takes one lock shared
 * by all of them — on PostgreSQL a transaction-scoped advisory lock; SQLite has one connection,
 * so one transaction at a time — so the gate's overlap check (periksaPenunjukan) reads the
 * mandates only after a concurrent write has committed: two overlapping mandates for one role
 * cannot both pass. Returns what the write returns.
 */
export const createPelaksanaSerial = (strapi: Core.Strapi) =>
  async function pelaksanaSerial(context: { uid: string; action: string }, next: () => Promise<unknown>): Promise<unknown> {
    if (context.uid !== PELAKSANA_UID || !['create', 'update', 'clone'].includes(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      if (strapi.db.dialect.client === 'postgres') await trx.raw("select pg_advisory_xact_lock(hashtext('meja_sandi_pelaksana'))");
      return next();
    });
  };
