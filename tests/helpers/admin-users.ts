import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { ROLE_DECLARATIONS } from '../../src/domain/roles';
import type { TestApp } from './app';

export type AdminSession = { id: number; email: string; password: string; token: string; name: string };

type AdminRole = { id: number; name: string; code: string };

export const findRole = async (strapi: Core.Strapi, name: string): Promise<AdminRole> => {
  const role = (await strapi.db.query('admin::role').findOne({ where: { name } })) as AdminRole | null;
  if (!role) throw new Error(`role not found: ${name}`);
  return role;
};

/** The codes of the office's eight roles (src/domain/roles.ts). */
export const ROLE_CODES: readonly string[] = ROLE_DECLARATIONS.map((role) => role.code);

/**
 * As on a new install: deletes the eight office roles and their permissions, and empties the record
 * of what the role sync last applied. Returns that record's store.
 */
export const removeOfficeRoles = async (strapi: Core.Strapi) => {
  const rows = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: ROLE_CODES } } })) as { id: number }[];
  await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: { $in: rows.map((row) => row.id) } } } });
  await strapi.db.query('admin::role').deleteMany({ where: { id: { $in: rows.map((row) => row.id) } } });
  const store = strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'roles-applied' });
  await store.set({ value: {} });
  return store;
};

/**
 * bcrypt cost of a fixture user's password (bcryptjs, the library and version Strapi's admin uses).
 * Strapi hashes at cost 10: ≈ 0.1 s per hash and as much per login on these machines, a few hundred
 * times per suite. A fixture's password guards nothing, and `bcrypt.compare` reads the cost from the
 * stored hash, so logging in still goes through Strapi's own check. Passwords Strapi sets itself
 * (registration, reset, the profile page) keep Strapi's cost.
 */
const FIXTURE_PASSWORD_COST = 4;

/**
 * Creates an active admin user of the named role (or super admin) through the admin user service
 * (its `user.create` event and role links as for a user made in the panel), then stores its password
 * hashed at FIXTURE_PASSWORD_COST. Returns the user's id, e-mail, password and full name.
 */
export const createAdminUser = async (
  strapi: Core.Strapi,
  roleName: string,
  names: { firstname?: string; lastname?: string } = {}
): Promise<{ id: number; email: string; password: string; name: string }> => {
  const role =
    roleName === 'Super Admin'
      ? ((await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as AdminRole)
      : await findRole(strapi, roleName);
  const tag = crypto.randomBytes(4).toString('hex');
  const email = `user-${tag}@pekalongankota.go.id`;
  const password = `Sandi-${tag}-Aman1`;
  const firstname = names.firstname ?? 'Pegawai';
  const lastname = names.lastname ?? tag;
  const userService = strapi.service('admin::user') as {
    create: (attributes: Record<string, unknown>) => Promise<{ id: number }>;
  };
  const user = await userService.create({
    firstname,
    lastname,
    email,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  await strapi.db.query('admin::user').update({ where: { id: user.id }, data: { password: await bcrypt.hash(password, FIXTURE_PASSWORD_COST) } });
  return { id: user.id, email, password, name: `${firstname} ${lastname}` };
};

/** Logs in through POST /admin/login and returns the bearer token the admin API accepts. */
export const loginAdmin = async (app: TestApp, email: string, password: string): Promise<string> => {
  const response = await app.http().post('/admin/login').send({ email, password });
  if (response.status !== 200) {
    throw new Error(`login failed (${response.status}): ${JSON.stringify(response.body)}`);
  }
  const token = response.body?.data?.token ?? response.body?.data?.accessToken;
  if (typeof token !== 'string') throw new Error(`no token in login answer: ${JSON.stringify(response.body)}`);
  return token;
};

export const createAdminSession = async (
  app: TestApp,
  roleName: string,
  names?: { firstname?: string; lastname?: string }
): Promise<AdminSession> => {
  const user = await createAdminUser(app.strapi, roleName, names);
  const token = await loginAdmin(app, user.email, user.password);
  return { ...user, token };
};

/**
 * An admin user holding an SOP role (and `extraRoles`) plus Super Admin, logged in: for a content
 * type the office's roles hold no grant on (a test fixture's). Returns the session.
 */
export const createStaffWithSuperAdmin = async (app: TestApp, role: string, firstname: string, extraRoles: string[] = []): Promise<AdminSession> => {
  const user = await createAdminUser(app.strapi, role, { firstname, lastname: 'Uji' });
  const ids: number[] = [];
  for (const name of [role, ...extraRoles]) {
    ids.push(((await app.strapi.db.query('admin::role').findOne({ where: { name } })) as { id: number }).id);
  }
  const superAdmin = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as { id: number };
  await app.strapi.db.query('admin::user').update({ where: { id: user.id }, data: { roles: [...ids, superAdmin.id] } });
  return { ...user, token: await loginAdmin(app, user.email, user.password) };
};
