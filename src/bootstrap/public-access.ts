import type { Core } from '@strapi/strapi';

/**
 * Content types exposed through users-permissions to the Public or Authenticated
 * role. Empty on purpose: the public endpoints (complaints, service standards,
 * health) are explicit routes with their own validation, not core CRUD.
 */
export const PUBLIC_CONTENT_ACTIONS: readonly string[] = [];

type UpPermission = { id: number; action: string; role?: { type?: string } };

/**
 * What the Public and Authenticated roles may keep besides PUBLIC_CONTENT_ACTIONS: the
 * users-permissions account routes Strapi grants them (log in, log out, reset a password, read
 * one's own account). Everything else — a content type's routes, the media library's
 * (`plugin::upload.content-api.*`: list, read and upload the files of classified records), the
 * user and role lists — is revoked.
 */
const ACCOUNT_ACTION = /^plugin::users-permissions\.(?:auth\.[A-Za-z]+|user\.me)$/;

/** Removes from the Public and Authenticated roles every permission but their account routes, and closes self-registration. */
export const lockDownPublicAccess = async (strapi: Core.Strapi): Promise<void> => {
  const roles = (await strapi.db.query('plugin::users-permissions.role').findMany({ where: { type: { $in: ['public', 'authenticated'] } } })) as {
    id: number;
    type: string;
  }[];
  for (const role of roles) {
    const permissions = (await strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: { id: role.id } } })) as UpPermission[];
    const forbidden = permissions.filter(
      (permission) => !PUBLIC_CONTENT_ACTIONS.includes(permission.action) && !ACCOUNT_ACTION.test(permission.action)
    );
    if (forbidden.length === 0) continue;
    await strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { id: { $in: forbidden.map((permission) => permission.id) } } });
    strapi.log.warn(`[akses] Hak akses peran ${role.type} dicabut karena tidak diizinkan: ${forbidden.map((p) => p.action).join(', ')}`);
  }

  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get({})) ?? {}) as Record<string, unknown>;
  if (settings.allow_register !== false) {
    await advanced.set({ value: { ...settings, allow_register: false } });
  }
};

/** Strapi's stock admin roles, created at the first boot with rights on every content type. */
export const STOCK_ADMIN_ROLE_CODES: readonly string[] = ['strapi-editor', 'strapi-author'];

type AdminPermissionRow = { id: number; action: string; subject?: string | null; role?: { code?: string; name?: string } | null };

/** A right on a Meja Sandi type: any `api::` content type, or the media library that holds their files. */
const isMejaSandiRight = (permission: AdminPermissionRow): boolean =>
  (permission.subject ?? '').startsWith('api::') || permission.action.startsWith('plugin::upload.');

/**
 * Takes from Strapi's stock Editor and Author roles every right on a Meja Sandi type (`api::*`
 * content types) and on the media library. Runs at every boot: the rights Strapi gives them
 * at the first boot are removed quietly (info), a right granted by hand later is removed with
 * a warning naming it. The eight SOP roles (src/bootstrap/roles.ts) are the only way in.
 */
export const lockDownStockAdminRoles = async (strapi: Core.Strapi): Promise<void> => {
  const done = strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'stock-roles-locked' });
  const lockedBefore = (await done.get({})) === true;
  const permissions = (await strapi.db.query('admin::permission').findMany({
    where: { role: { code: { $in: [...STOCK_ADMIN_ROLE_CODES] } } },
    populate: ['role'],
  })) as AdminPermissionRow[];
  const forbidden = permissions.filter(isMejaSandiRight);
  if (forbidden.length > 0) {
    await strapi.db.query('admin::permission').deleteMany({ where: { id: { $in: forbidden.map((permission) => permission.id) } } });
    const byRole = new Map<string, string[]>();
    for (const permission of forbidden) {
      const role = permission.role?.name ?? permission.role?.code ?? '?';
      byRole.set(role, [...(byRole.get(role) ?? []), `${permission.action}${permission.subject ? ` ${permission.subject}` : ''}`]);
    }
    for (const [role, rights] of byRole) {
      const message = `[akses] Hak akses peran bawaan Strapi "${role}" atas data Meja Sandi dicabut: ${[...new Set(rights)].join(', ')}`;
      if (lockedBefore) strapi.log.warn(`${message} (diberikan secara manual; peran bawaan tidak boleh memegang hak apa pun atas data Meja Sandi).`);
      else strapi.log.info(`${message} (hak bawaan Strapi saat pemasangan pertama).`);
    }
  }
  if (!lockedBefore) await done.set({ value: true });
};
