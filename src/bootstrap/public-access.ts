import type { Core } from '@strapi/strapi';

/**
 * Content types exposed through users-permissions to the Public or Authenticated
 * role. Empty on purpose: the public endpoints (complaints, service standards,
 * health) are explicit routes with their own validation, not core CRUD.
 */
export const PUBLIC_CONTENT_ACTIONS: readonly string[] = [];

type UpPermission = { id: number; action: string; role?: { type?: string } };

/** Removes any `api::` permission from the Public and Authenticated roles and closes self-registration. */
export const lockDownPublicAccess = async (strapi: Core.Strapi): Promise<void> => {
  const roles = (await strapi.db
    .query('plugin::users-permissions.role')
    .findMany({ where: { type: { $in: ['public', 'authenticated'] } } })) as { id: number; type: string }[];
  for (const role of roles) {
    const permissions = (await strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: { id: role.id }, action: { $startsWith: 'api::' } } })) as UpPermission[];
    const forbidden = permissions.filter((permission) => !PUBLIC_CONTENT_ACTIONS.includes(permission.action));
    if (forbidden.length === 0) continue;
    await strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { id: { $in: forbidden.map((permission) => permission.id) } } });
    strapi.log.warn(
      `[akses] Hak akses peran ${role.type} dicabut karena tidak diizinkan: ${forbidden.map((p) => p.action).join(', ')}`
    );
  }

  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get({})) ?? {}) as Record<string, unknown>;
  if (settings.allow_register !== false) {
    await advanced.set({ value: { ...settings, allow_register: false } });
  }
};
