import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor, Perwakilan } from '../engine/types';
import { AWALAN_JABATAN } from '../engine/decide';
import type { StaffActor, Writer } from '../types';
import { sopRegistryOf, type SopRegistry } from './registry';
import { now as clockNow } from './clock';
import { sharedRead } from './shared-reads';
import { defineSnapshotCache } from './snapshot-cache';

type AdminUserRow = {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
  isActive?: boolean;
  blocked?: boolean;
  roles?: { name: string; code: string }[];
};

/**
 * Longest name or role list (characters) copied onto records: `carakaNama`, `sandimanNama`,
 * a paraf's `nama` and `peran`, the audit's `aktor_nama` hold 200 on both databases, while an
 * admin's first and last name may be 255 each and a user may hold every role.
 */
export const NAMA_AKTOR_MAKS = 200;

/**
 * A value written by a person (a subject, a recipient's name, a step's note, an admin's own name)
 * as one line of an e-mail: every run of whitespace, line breaks included, becomes one space, so
 * that it cannot add lines of its own to a message the system signs (a second "Buka naskah:
 * <link>"). Returns the text trimmed.
 */
export const satuBaris = (text: string): string => text.replace(/\s+/g, ' ').trim();

// one line (an admin edits their own name, and Strapi lets it hold line breaks), then cut to the column
const fit = (text: string): string => {
  const line = satuBaris(text);
  return line.length <= NAMA_AKTOR_MAKS ? line : `${line.slice(0, NAMA_AKTOR_MAKS - 1)}…`;
};

/**
 * The name staff see for an admin user (first and last name, else username or e-mail) on one line
 * (satuBaris), at most NAMA_AKTOR_MAKS characters: in e-mails, paraf, the audit's `aktor_nama`.
 */
export const displayName = (user: AdminUserRow): string =>
  fit([user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || `Pengguna #${user.id}`);

const toActor = (registry: SopRegistry, user: AdminUserRow, mandates: readonly Perwakilan[] = []): StaffActor => {
  const roleNames = (user.roles ?? []).map((role) => role.name);
  const own = roleNames.map(registry.roleKeyOf).filter((key): key is string => key !== undefined);
  // a mandate for a role the user holds anyway adds nothing (the app refuses to name one)
  const mewakili = mandates.filter(
    (mandate, index) => !own.includes(mandate.peran) && mandates.findIndex((m) => m.peran === mandate.peran) === index
  );
  return {
    id: user.id,
    name: displayName(user),
    email: user.email ?? null,
    roles: [...own, ...mewakili.map((mandate) => mandate.peran)] as unknown as Actor['roles'],
    ...(mewakili.length > 0 ? { mewakili } : {}),
    peran: fit(roleNames.join(', ') || '-'),
    isSuperAdmin: (user.roles ?? []).some((role) => role.code === 'strapi-super-admin'),
  };
};

/**
 * The admin user as the SOP sees them: id, name, the SOP roles they hold and those they hold
 * now as an acting official (Plh / Plt, from the app's ActingRolesProvider, in `mewakili`);
 * null when inactive.
 */
export const loadActor = async (strapi: Core.Strapi, userId: number): Promise<StaffActor | null> => {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] })) as AdminUserRow | null;
  if (!user || user.isActive === false || user.blocked === true) return null;
  const registry = sopRegistryOf(strapi);
  const mandates = (await registry.actingRoles()?.of(strapi, user.id, clockNow())) ?? [];
  return toActor(registry, user, mandates);
};

/**
 * The actor of an admin request from the user Strapi's admin authentication has just read for
 * it (`ctx.state.user`, its roles populated: the `admin` strategy reads the user and roles on
 * every request, so a role taken away counts from the next request on), without reading them a
 * second time; the running mandates are still read. A user row without its roles (another
 * strategy) is read with {@link loadActor}. Null when the account is unknown, inactive or blocked.
 */
export const actorFromAuth = async (strapi: Core.Strapi, user: unknown): Promise<StaffActor | null> => {
  const row = user as AdminUserRow | null | undefined;
  if (!row || typeof row.id !== 'number') return null;
  if (!Array.isArray(row.roles)) return loadActor(strapi, row.id);
  if (row.isActive !== true || row.blocked === true) return null;
  const registry = sopRegistryOf(strapi);
  const mandates = (await registry.actingRoles()?.of(strapi, row.id, clockNow())) ?? [];
  return toActor(registry, row, mandates);
};

/**
 * How long (ms) a process reuses the holders of a role it read: its own writes to admin users and
 * roles clear them at once, another process's count here at most this late. They choose who is
 * told of work and offered for an assignment, never who may act: a step reads its actor fresh from
 * the request's authentication, and an assigned user is checked fresh (requireActiveRole).
 */
export const PEMEGANG_PERAN_CACHE_MS = 2000;

const ROLE_HOLDERS = defineSnapshotCache({ watch: ['admin::user', 'admin::role'], ttlMs: PEMEGANG_PERAN_CACHE_MS });

/** From the plugin's bootstrap: this process's writes to admin users and roles clear its copy of the role holders. */
export const registerRoleHolderCache = (strapi: Core.Strapi): void => ROLE_HOLDERS.register(strapi);

/**
 * Active admin users holding an SOP role, for assignments and notifications: its holders and,
 * while a mandate runs, the acting official named for it (the holders stay: a Plh stands in,
 * the holder is not removed from the role, and hears of the work waiting in it).
 */
export const usersWithRole = (strapi: Core.Strapi, role: string): Promise<StaffActor[]> =>
  sharedRead(`usersWithRole:${role}`, () => readUsersWithRole(strapi, role));

const readUsersWithRole = async (strapi: Core.Strapi, role: string): Promise<StaffActor[]> => {
  const registry = sopRegistryOf(strapi);
  const holders = await ROLE_HOLDERS.get(strapi, role, async () => {
    const rows = (await strapi.db.query('admin::user').findMany({
      where: { isActive: true, blocked: false, roles: { name: registry.roleName(role) } },
      populate: ['roles'],
    })) as AdminUserRow[];
    return rows.map((row) => toActor(registry, row));
  });
  const running = (await registry.actingRoles()?.running(strapi, clockNow())) ?? [];
  const deputies: StaffActor[] = [];
  for (const userId of new Set(running.filter((mandate) => mandate.peran === role).map((mandate) => mandate.pelaksana))) {
    if (holders.some((holder) => holder.id === userId)) continue;
    const deputy = await loadActor(strapi, userId);
    if (deputy && deputy.roles.includes(role)) deputies.push(deputy);
  }
  return [...holders, ...deputies];
};

/** The role text of an audit row: the position, and "a.n. <holder>" for an acting official. */
export const peranTercatat = (actor: StaffActor): string => fit(actor.atasNama ? `${actor.peran}, a.n. ${actor.atasNama}` : actor.peran);

/**
 * The actor as the record and the audit name them for a step taken under `mandate`: their own
 * name, the position "Plh. <jabatan>" / "Plt. <jabatan>" and, in `atasNama`, the holder acted for.
 * Without a mandate, the actor unchanged.
 */
export const actorUnderMandate = (strapi: Core.Strapi, actor: StaffActor, mandate: Perwakilan | null): StaffActor => {
  if (!mandate) return actor;
  const jabatan = `${AWALAN_JABATAN[mandate.jenis]} ${sopRegistryOf(strapi).roleName(mandate.peran)}`;
  return { ...actor, peran: fit(jabatan), atasNama: fit(mandate.atasNama.nama) };
};

/** An active admin user holding `role`, or a 400 naming the problem (for `data.<role>` inputs). */
export const requireActiveRole = async (strapi: Core.Strapi, id: unknown, role: string): Promise<StaffActor> => {
  const user = await loadActor(strapi, Number(id));
  if (!user || !(user.roles as readonly string[]).includes(role)) {
    throw new errors.ValidationError(`Pengguna #${String(id)} bukan ${sopRegistryOf(strapi).roleName(role)} yang aktif.`, { field: `data.${role}` });
  }
  return user;
};

/**
 * The writer of the current request (Strapi's request context), read inside a document
 * service middleware: the admin user of a panel or `/sop` request, a users-permissions
 * user or API token on `/api`, else the server itself.
 */
export const currentWriter = async (strapi: Core.Strapi): Promise<Writer> => {
  const state = strapi.requestContext.get()?.state as
    { user?: { id?: unknown; username?: unknown }; auth?: { strategy?: { name?: string } } } | undefined;
  if (!state) return { jalur: 'sistem', actor: null, aktorId: null, aktorNama: 'Sistem', aktorPeran: '-' };
  if (state.auth?.strategy?.name === 'admin' && typeof state.user?.id === 'number') {
    const actor = await actorFromAuth(strapi, state.user);
    if (actor) return { jalur: 'admin', actor, aktorId: actor.id, aktorNama: actor.name, aktorPeran: actor.peran };
  }
  const who = typeof state.user?.id === 'number' ? `Pengguna API #${state.user.id}` : 'Pengguna API';
  return { jalur: 'api', actor: null, aktorId: null, aktorNama: who, aktorPeran: state.auth?.strategy?.name ?? '-' };
};
