import type { Core } from '@strapi/strapi';
import { ROLE_DECLARATIONS, type RoleDeclaration } from '../domain/roles';
import { diffPermissionSets, permissionSet, sameSet, type PermissionLike } from '../domain/permission-set';
import { inBootTransaction } from './boot-transaction';

type AdminRole = { id: number; name: string; code: string; description?: string | null };
type StoredFingerprints = Record<string, string[]>;

const STORE_KEY = 'roles-applied';
const CONTENT_MANAGER = 'plugin::content-manager.explorer';

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'meja-sandi', key: STORE_KEY });

/** The declaration turned into admin permissions, for the content types this build has. */
export const desiredPermissions = (strapi: Core.Strapi, role: RoleDeclaration): PermissionLike[] => {
  const contentTypeService = strapi.service('admin::content-type') as {
    getNestedFields: (model: unknown, options: { components: unknown }) => string[];
  };
  const permissions: PermissionLike[] = [];
  for (const grant of role.content) {
    const model = strapi.contentTypes[grant.uid as keyof typeof strapi.contentTypes];
    if (!model) continue;
    const allFields = contentTypeService.getNestedFields(model, { components: strapi.components });
    const fields = grant.fields
      ? allFields.filter((field) => grant.fields!.some((allowed) => field === allowed || field.startsWith(`${allowed}.`)))
      : allFields;
    for (const action of grant.actions) {
      const usesFields = action !== 'delete' && action !== 'publish';
      permissions.push({
        action: `${CONTENT_MANAGER}.${action}`,
        subject: grant.uid,
        properties: usesFields ? { fields } : {},
        conditions: [],
      });
    }
  }
  for (const grant of role.plugin) {
    const { action, conditions } = typeof grant === 'string' ? { action: grant, conditions: [] } : grant;
    permissions.push({ action, subject: null, properties: {}, conditions: [...conditions] });
  }
  return permissions;
};

/** The permissions of the given roles, by role id: one query for all of them (boot time, issue 14). */
const currentPermissions = async (strapi: Core.Strapi, roleIds: number[]): Promise<Map<number, PermissionLike[]>> => {
  const byRole = new Map<number, PermissionLike[]>(roleIds.map((id) => [id, []]));
  if (roleIds.length === 0) return byRole;
  const rows = (await strapi.db.query('admin::permission').findMany({
    where: { role: { id: { $in: roleIds } } },
    populate: { role: { select: ['id'] } },
  })) as (PermissionLike & { role?: { id: number } | null })[];
  for (const { role, ...permission } of rows) if (role) byRole.get(role.id)?.push(permission as PermissionLike);
  return byRole;
};

/**
 * Creates the eight roles if missing and keeps them in step with the declaration.
 * A role whose permissions differ from what was last applied has been edited by an
 * administrator: it is left as it is and the difference is logged.
 * Runs in one boot transaction (inBootTransaction: one process at a time). A first boot writes
 * about a hundred permission rows, one commit each otherwise (with the standards' step, ≈ 0.3 s
 * of a first boot on PostgreSQL, issue 14); and a boot that fails midway leaves no role with part
 * of its permissions, which the next boot would take for an administrator's edit and leave so.
 * Throws what the admin role service or the database throws (nothing is then kept).
 */
export const ensureRoles = (strapi: Core.Strapi): Promise<void> => inBootTransaction(strapi, () => syncRoles(strapi));

const syncRoles = async (strapi: Core.Strapi): Promise<void> => {
  const roleService = strapi.service('admin::role') as {
    create: (attributes: { name: string; code: string; description: string }) => Promise<AdminRole>;
    assignPermissions: (roleId: number, permissions: PermissionLike[]) => Promise<unknown>;
  };
  const applied = ((await store(strapi).get({})) ?? {}) as StoredFingerprints;
  const next: StoredFingerprints = { ...applied };
  // Every boot reads the eight roles and their permissions in two queries, not two per role.
  const roles = (await strapi.db.query('admin::role').findMany({
    where: { code: { $in: ROLE_DECLARATIONS.map((declaration) => declaration.code) } },
  })) as AdminRole[];
  const permissionsByRole = await currentPermissions(
    strapi,
    roles.map((role) => role.id)
  );

  // Grants on content types the declaration does not know (a type an administrator made and bound to a
  // workflow, whose roles the SOP plugin grants) are the administrators' business: neither compared nor dropped.
  const declaredSubjects = new Set(ROLE_DECLARATIONS.flatMap((declaration) => declaration.content.map((grant) => grant.uid)));
  const isForeign = (permission: PermissionLike): boolean => Boolean(permission.subject) && !declaredSubjects.has(String(permission.subject));

  for (const declaration of ROLE_DECLARATIONS) {
    const desired = desiredPermissions(strapi, declaration);
    const desiredSet = permissionSet(desired);
    const existing = roles.find((role) => role.code === declaration.code) ?? null;

    if (!existing) {
      const byName = (await strapi.db.query('admin::role').findOne({ where: { name: declaration.name } })) as AdminRole | null;
      if (byName) {
        strapi.log.warn(`[peran] Peran "${declaration.name}" sudah ada tanpa kode ${declaration.code} (dibuat manual); tidak diubah.`);
        continue;
      }
      const created = await roleService.create({
        name: declaration.name,
        code: declaration.code,
        description: declaration.description,
      });
      await roleService.assignPermissions(created.id, desired as PermissionLike[]);
      next[declaration.code] = desiredSet;
      strapi.log.info(`[peran] Peran "${declaration.name}" dibuat.`);
      continue;
    }

    if (existing.name !== declaration.name) {
      strapi.log.warn(`[peran] Nama peran ${declaration.code} diubah manual: "${existing.name}" (seharusnya "${declaration.name}"); tidak ditimpa.`);
    }

    const held = permissionsByRole.get(existing.id) ?? [];
    const foreign = held.filter(isForeign);
    const actualSet = permissionSet(held.filter((permission) => !isForeign(permission)));
    if (sameSet(actualSet, desiredSet)) {
      next[declaration.code] = desiredSet;
      continue;
    }
    const lastApplied = applied[declaration.code];
    if (lastApplied && sameSet(actualSet, lastApplied)) {
      await roleService.assignPermissions(existing.id, [...desired, ...foreign]);
      next[declaration.code] = desiredSet;
      strapi.log.info(`[peran] Hak akses peran "${declaration.name}" diperbarui mengikuti deklarasi.`);
      continue;
    }
    const { added, removed } = diffPermissionSets(desiredSet, actualSet);
    strapi.log.warn(
      `[peran] Hak akses peran "${existing.name}" berbeda dari deklarasi (diubah manual); tidak ditimpa. ` +
        `Tambahan: ${added.length ? added.join('; ') : '-'}. Hilang: ${removed.length ? removed.join('; ') : '-'}.`
    );
  }

  // a restart with nothing to change writes nothing
  if (JSON.stringify(next) !== JSON.stringify(applied)) await store(strapi).set({ value: next });
};
