import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../engine/types';
import type { StaffActor, Writer } from '../types';
import { sopRegistryOf, type SopRegistry } from './registry';

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

const fit = (text: string): string => (text.length <= NAMA_AKTOR_MAKS ? text : `${text.slice(0, NAMA_AKTOR_MAKS - 1)}…`);

/** The name staff see for an admin user (first and last name, else username or e-mail), at most NAMA_AKTOR_MAKS characters. */
export const displayName = (user: AdminUserRow): string =>
  fit([user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || `Pengguna #${user.id}`);

const toActor = (registry: SopRegistry, user: AdminUserRow): StaffActor => {
  const roleNames = (user.roles ?? []).map((role) => role.name);
  return {
    id: user.id,
    name: displayName(user),
    email: user.email ?? null,
    roles: roleNames.map(registry.roleKeyOf).filter((key): key is string => key !== undefined) as unknown as Actor['roles'],
    peran: fit(roleNames.join(', ') || '-'),
    isSuperAdmin: (user.roles ?? []).some((role) => role.code === 'strapi-super-admin'),
  };
};

/** The admin user as the SOP sees them: id, name and the SOP roles they hold; null when inactive. */
export const loadActor = async (strapi: Core.Strapi, userId: number): Promise<StaffActor | null> => {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] })) as AdminUserRow | null;
  if (!user || user.isActive === false || user.blocked === true) return null;
  return toActor(sopRegistryOf(strapi), user);
};

/** Active admin users holding an SOP role, for assignments and notifications. */
export const usersWithRole = async (strapi: Core.Strapi, role: string): Promise<StaffActor[]> => {
  const registry = sopRegistryOf(strapi);
  const rows = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false, roles: { name: registry.roleName(role) } },
    populate: ['roles'],
  })) as AdminUserRow[];
  return rows.map((row) => toActor(registry, row));
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
    const actor = await loadActor(strapi, state.user.id);
    if (actor) return { jalur: 'admin', actor, aktorId: actor.id, aktorNama: actor.name, aktorPeran: actor.peran };
  }
  const who = typeof state.user?.id === 'number' ? `Pengguna API #${state.user.id}` : 'Pengguna API';
  return { jalur: 'api', actor: null, aktorId: null, aktorNama: who, aktorPeran: state.auth?.strategy?.name ?? '-' };
};
