import { ROLE_DECLARATIONS, ROLE_NAMES } from '../../src/domain/roles';
import { permissionSet, type PermissionLike } from '../../src/domain/permission-set';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';

type RoleRow = { id: number; name: string; code: string; updatedAt: string };

const snapshotRoles = async (app: TestApp) => {
  const roles = (await app.strapi.db.query('admin::role').findMany({ orderBy: { id: 'asc' } })) as RoleRow[];
  const result: Record<string, { id: number; name: string; updatedAt: string; permissions: string[] }> = {};
  for (const role of roles) {
    const permissions = (await app.strapi.db
      .query('admin::permission')
      .findMany({ where: { role: { id: role.id } } })) as PermissionLike[];
    result[role.code] = { id: role.id, name: role.name, updatedAt: String(role.updatedAt), permissions: permissionSet(permissions) };
  }
  return result;
};

describe('admin roles', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('creates the eight roles with the exact names, and a second boot changes nothing', async () => {
    app = await startApp({ database });
    const first = await snapshotRoles(app);
    const names = Object.values(first).map((role) => role.name);
    for (const name of Object.values(ROLE_NAMES)) {
      expect(names.filter((n) => n === name)).toHaveLength(1);
    }
    expect(Object.values(ROLE_NAMES)).toEqual([
      'Operator Transmisi Sandi',
      'Sandiman',
      'Kepala Seksi Persandian dan Keamanan Informasi',
      'Kepala Bidang Aplikasi dan Persandian',
      'Kepala Dinas',
      'Caraka',
      'Petugas Pengaduan',
      'Pejabat Pengaduan',
    ]);
    // Each role has the content-manager grants it was declared with.
    const operator = first['meja-sandi-operator'];
    expect(operator.permissions.some((p) => p.startsWith('plugin::content-manager.explorer.read|api::instansi.instansi|'))).toBe(true);
    expect(operator.permissions.some((p) => p.startsWith('plugin::content-manager.explorer.update|api::instansi.instansi|'))).toBe(false);
    const kasi = first['meja-sandi-kasi'];
    expect(kasi.permissions.some((p) => p.startsWith('plugin::content-manager.explorer.update|api::instansi.instansi|'))).toBe(true);

    await app.stop();
    app = await startApp({ database });
    const second = await snapshotRoles(app);
    expect(second).toEqual(first);
  });

  it('leaves a role edited by hand alone and logs the difference', async () => {
    if (!app) throw new Error('app not started');
    const kabid = ROLE_DECLARATIONS.find((role) => role.key === 'kabid')!;
    const row = (await app.strapi.db.query('admin::role').findOne({ where: { code: kabid.code } })) as RoleRow;
    const roleService = app.strapi.service('admin::role') as {
      assignPermissions: (id: number, permissions: PermissionLike[]) => Promise<unknown>;
    };
    // An administrator grants Kabid the right to edit the letterhead.
    const current = (await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: row.id } } })) as PermissionLike[];
    const handEdited = [
      ...current.map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions })),
      { action: 'plugin::content-manager.explorer.update', subject: 'api::instansi.instansi', properties: { fields: ['telepon'] }, conditions: [] },
    ];
    await roleService.assignPermissions(row.id, handEdited);
    const before = (await snapshotRoles(app))[kabid.code];

    await app.stop();
    const warnings: string[] = [];
    app = await startApp({
      database,
      beforeLoad: (strapi) => {
        const original = strapi.log.warn.bind(strapi.log);
        strapi.log.warn = ((message: string, ...rest: unknown[]) => {
          warnings.push(String(message));
          return original(message, ...rest);
        }) as typeof strapi.log.warn;
      },
    });
    const after = (await snapshotRoles(app))[kabid.code];
    expect(after.permissions).toEqual(before.permissions);
    const warning = warnings.find((message) => message.includes(kabid.name));
    expect(warning).toBeDefined();
    expect(warning).toContain('plugin::content-manager.explorer.update|api::instansi.instansi|telepon');
  });

  it('brings an untouched role up to a changed declaration', async () => {
    if (!app) throw new Error('app not started');
    const caraka = ROLE_DECLARATIONS.find((role) => role.key === 'caraka')!;
    const row = (await app.strapi.db.query('admin::role').findOne({ where: { code: caraka.code } })) as RoleRow;
    const declared = (await snapshotRoles(app))[caraka.code].permissions;
    // Simulate an older release that granted less: remove a grant and record that as last applied.
    const dropped = (await app.strapi.db.query('admin::permission').findMany({
      where: { role: { id: row.id }, action: 'plugin::upload.assets.copy-link' },
    })) as { id: number }[];
    expect(dropped).toHaveLength(1);
    await app.strapi.db.query('admin::permission').delete({ where: { id: dropped[0].id } });
    const older = (await snapshotRoles(app))[caraka.code].permissions;
    const store = app.strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'roles-applied' });
    const applied = (await store.get({})) as Record<string, string[]>;
    await store.set({ value: { ...applied, [caraka.code]: older } });

    await app.stop();
    app = await startApp({ database });
    expect((await snapshotRoles(app))[caraka.code].permissions).toEqual(declared);
  });
});
