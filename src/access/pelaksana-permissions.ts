import type { Core } from '@strapi/strapi';
import { now as clockNow } from '../plugins/sop/server/src/index';
import { ACTING_ROLES } from '../sop-defs/pelaksana';
import { ROLE_NAMES } from '../domain/roles';

/**
 * Acting officials (Plh / Plt, Permendagri 1/2023) in the admin panel's own permission engine.
 *
 * A deputy acts for the held role through the `/sop` routes (`loadActor` adds the mandate's role
 * for the window). The content manager, though, decides which fields an edit screen shows and
 * which it lets change from Strapi's admin permissions, which come from the user's own admin
 * roles: the request's CASL ability (admin auth strategy → `engine.generateUserAbility`) on the
 * server, and `GET /admin/users/me/permissions` in the browser (the panel hides a field it may not
 * read and locks one it may not update). This module adds, to both and to nothing else, the
 * permissions of the admin role named by each mandate running now for the user — exactly what
 * that role holds (its fields, its conditions), computed at each request, so nothing remains once
 * the window ends or the mandate is deleted, and nothing is stored with the user.
 *
 * Left alone on purpose: `findUserPermissions`, which also sets the ceiling of the API and admin
 * tokens a user creates (a token's permissions are stored and would outlive the mandate), and
 * whatever the SOP gate and the read guard (src/access/content-manager-read.ts) decide on top.
 */

/** An admin permission as the permission service's queries return it. */
type AdminPermission = { action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: unknown[] };
type AdminUser = { id: number | string; roles?: { name?: string }[] };

type PermissionEngine = {
  generateUserAbility: (user: AdminUser) => Promise<unknown>;
  generateTokenAbility: (permissions: AdminPermission[], owner: AdminUser) => Promise<unknown>;
  [key: string]: unknown;
};
type PermissionService = {
  engine: PermissionEngine;
  findUserPermissions: (user: AdminUser) => Promise<AdminPermission[]>;
  findMany: (params: { where: Record<string, unknown> }) => Promise<AdminPermission[]>;
  sanitizePermission: (permission: AdminPermission) => unknown;
  [key: string]: unknown;
};
type OwnPermissionsCtx = { state: { user?: AdminUser }; body: unknown };
type AuthenticatedUserController = { getOwnPermissions: (ctx: OwnPermissionsCtx) => Promise<void>; [key: string]: unknown };

/**
 * The names of the admin roles `user` holds now as an acting official: the role of each mandate
 * running at the SOP clock's now (`ACTING_ROLES`), without those the user holds anyway.
 */
export const actingRoleNames = async (strapi: Core.Strapi, user: AdminUser): Promise<string[]> => {
  const id = Number(user.id);
  if (!Number.isInteger(id)) return [];
  const own = new Set((user.roles ?? []).map((role) => role.name));
  const mandates = await ACTING_ROLES.of(strapi, id, clockNow());
  const names: (string | undefined)[] = mandates.map((mandate) => ROLE_NAMES[mandate.peran as keyof typeof ROLE_NAMES]);
  return [...new Set(names)].filter((name): name is string => name !== undefined && !own.has(name));
};

/**
 * The admin permissions `user` holds now: those of their own roles (Strapi's
 * `findUserPermissions`) and those of the roles they act for (see actingRoleNames).
 */
const permissionsNow = async (strapi: Core.Strapi, service: PermissionService, user: AdminUser): Promise<AdminPermission[]> => {
  const own = await service.findUserPermissions(user);
  const acting = await actingRoleNames(strapi, user);
  if (acting.length === 0) return own;
  return [...own, ...(await service.findMany({ where: { role: { name: { $in: acting } } } }))];
};

/**
 * Installs the acting officials' permissions (call from `register()`): wraps the admin permission
 * service's `engine.generateUserAbility` (every authenticated admin request) and the
 * `authenticated-user.getOwnPermissions` controller (the panel's permission list). See the module comment.
 */
export const registerActingPermissions = (strapi: Core.Strapi): void => {
  let permissions: PermissionService | undefined;
  strapi.get('services').extend('admin::permission', (original: unknown) => {
    const service = original as PermissionService;
    const engine = service.engine;
    permissions = {
      ...service,
      engine: {
        ...engine,
        // the same CASL ability Strapi builds from a user's permissions, from the larger list
        generateUserAbility: async (user: AdminUser) => engine.generateTokenAbility(await permissionsNow(strapi, service, user), user),
      },
    };
    return permissions;
  });

  strapi.get('controllers').extend('admin::authenticated-user', (original: unknown) => {
    const controller = original as AuthenticatedUserController;
    return {
      ...controller,
      async getOwnPermissions(ctx: OwnPermissionsCtx) {
        const user = ctx.state.user;
        if (!permissions || !user) return controller.getOwnPermissions(ctx);
        const service = permissions;
        ctx.body = { data: (await permissionsNow(strapi, service, user)).map((permission) => service.sanitizePermission(permission)) };
      },
    };
  });
};
