import { ROLE_DECLARATIONS, ROLE_NAMES } from '../../src/domain/roles';
import { permissionSet, type PermissionLike } from '../../src/domain/permission-set';
import { desiredPermissions, ensureRoles } from '../../src/bootstrap/roles';
import { createAdminSession, loginAdmin, removeOfficeRoles, ROLE_CODES } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';

type RoleRow = { id: number; name: string; code: string; updatedAt: string };

const snapshotRoles = async (app: TestApp) => {
  const roles = (await app.strapi.db.query('admin::role').findMany({ orderBy: { id: 'asc' } })) as RoleRow[];
  const result: Record<string, { id: number; name: string; updatedAt: string; permissions: string[] }> = {};
  for (const role of roles) {
    const permissions = (await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } })) as PermissionLike[];
    result[role.code] = { id: role.id, name: role.name, updatedAt: String(role.updatedAt), permissions: permissionSet(permissions) };
  }
  return result;
};

/** Every office role holds exactly the permissions its declaration gives. */
const expectDeclaredPermissions = async (app: TestApp) => {
  const snapshot = await snapshotRoles(app);
  for (const declaration of ROLE_DECLARATIONS) {
    expect(snapshot[declaration.code].permissions).toEqual(permissionSet(desiredPermissions(app.strapi, declaration)));
  }
};

describe('admin roles', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // first boot on an empty database, as on a new install
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

  it('keeps nothing of a role set whose making failed midway, and makes all eight at the next try', async () => {
    if (!app) throw new Error('app not started');
    const { strapi } = app;
    const store = await removeOfficeRoles(strapi);

    // The third role's permissions fail to be written (a database that goes away mid-boot, say).
    const roleService = strapi.service('admin::role') as { assignPermissions: (...args: unknown[]) => Promise<unknown> };
    const assignPermissions = roleService.assignPermissions;
    let calls = 0;
    roleService.assignPermissions = async (...args: unknown[]) => {
      calls += 1;
      if (calls === 3) throw new Error('tulisan hak akses gagal (uji)');
      return assignPermissions(...args);
    };
    try {
      await expect(ensureRoles(strapi)).rejects.toThrow('tulisan hak akses gagal (uji)');
    } finally {
      roleService.assignPermissions = assignPermissions;
    }
    expect(calls).toBe(3);
    expect(await strapi.db.query('admin::role').count({ where: { code: { $in: ROLE_CODES } } })).toBe(0);
    expect(await strapi.db.query('admin::permission').count({ where: { role: { code: { $in: ROLE_CODES } } } })).toBe(0);
    expect(await store.get({})).toEqual({});

    await ensureRoles(strapi);
    await expectDeclaredPermissions(app);
    expect(Object.keys((await store.get({})) as Record<string, unknown>).sort()).toEqual([...ROLE_CODES].sort());
  });

  it('makes the eight roles once when two processes boot at once', async () => {
    if (!app) throw new Error('app not started');
    const { strapi } = app;
    await removeOfficeRoles(strapi);

    // two boots' role steps side by side: on PostgreSQL each in its own transaction and connection,
    // ordered by the boot's advisory lock (without it both make the eight roles); on SQLite the
    // one-connection pool orders them
    await Promise.all([ensureRoles(strapi), ensureRoles(strapi)]);
    const made = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: ROLE_CODES } } })) as RoleRow[];
    expect(made.map((role) => role.code).sort()).toEqual([...ROLE_CODES].sort());
    await expectDeclaredPermissions(app);
  });

  it('does not cut a first boot with the transaction time limit, and limits transactions once booted', async () => {
    await app?.stop(); // one Strapi per process
    app = undefined;
    const fresh = await createTestDatabase({ empty: true });
    // far below what a first boot's roles and standards take
    let limited: TestApp | undefined;
    try {
      limited = await startApp({ database: fresh, env: { DATABASE_TRANSACTION_TIMEOUT: '5' } });
      expect(await limited.strapi.db.query('admin::role').count({ where: { code: { $in: ROLE_CODES } } })).toBe(ROLE_CODES.length);
      expect(await limited.strapi.db.query('api::standar-pelayanan.standar-pelayanan').count({ where: { publishedAt: { $notNull: true } } })).toBe(2);
      await expect(limited.strapi.db.transaction(() => new Promise((resolve) => setTimeout(resolve, 200)))).rejects.toMatchObject({
        name: 'TransactionTimeoutError',
      });
    } finally {
      await limited?.stop();
      await fresh.drop();
      // the harness keeps a boot's extra variables for the next boot in this file
      delete process.env.DATABASE_TRANSACTION_TIMEOUT;
    }
  });
});

describe("Strapi's stock Editor and Author roles", () => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  const warnings: string[] = [];
  const watchWarnings = (strapi: TestApp['strapi']) => {
    const original = strapi.log.warn.bind(strapi.log);
    strapi.log.warn = ((message: string, ...rest: unknown[]) => {
      warnings.push(String(message));
      return original(message, ...rest);
    }) as typeof strapi.log.warn;
  };
  const PENGADUAN = 'api::pengaduan.pengaduan';
  const stockRights = async (current: TestApp) =>
    (
      (await current.strapi.db.query('admin::permission').findMany({
        where: { role: { code: { $in: ['strapi-editor', 'strapi-author'] } } },
      })) as PermissionLike[]
    ).filter((permission) => (permission.subject ?? '').startsWith('api::') || permission.action.startsWith('plugin::upload.'));

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // first boot on an empty database, as on a new install
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('hold no right on any Meja Sandi type from the first boot, without a warning', async () => {
    app = await startApp({ database, beforeLoad: watchWarnings });
    expect(await stockRights(app)).toEqual([]);
    // The two roles still exist (Strapi's own), only empty of Meja Sandi rights.
    const codes = ((await app.strapi.db.query('admin::role').findMany({})) as RoleRow[]).map((role) => role.code);
    expect(codes).toEqual(expect.arrayContaining(['strapi-editor', 'strapi-author']));
    expect(warnings.filter((message) => message.includes('peran bawaan Strapi'))).toEqual([]);
  });

  it('lose at the next boot a right granted by hand, with a warning; an Editor then neither reads a complainant nor deletes a complaint', async () => {
    if (!app) throw new Error('app not started');
    const filed = await app
      .http()
      .post('/api/pengaduan')
      .send({ data: { nama: 'Pelapor Rahasia', kontak: 'pelapor@contoh.id', isi: 'Pengaduan untuk uji peran bawaan Strapi: loket tutup.' } });
    expect(filed.status).toBe(201);
    const row = (await app.strapi.db.query(PENGADUAN).findOne({ where: { nomorTiket: filed.body.data.nomorTiket } })) as { documentId: string };

    // An administrator gives the Editor role full rights on complaints in the admin panel.
    const editorRole = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as RoleRow;
    const roleService = app.strapi.service('admin::role') as { addPermissions: (id: number, permissions: PermissionLike[]) => Promise<unknown> };
    const contentTypeService = app.strapi.service('admin::content-type') as {
      getNestedFields: (model: unknown, options: { components: unknown }) => string[];
    };
    const fields = contentTypeService.getNestedFields(app.strapi.contentTypes[PENGADUAN as keyof typeof app.strapi.contentTypes], {
      components: app.strapi.components,
    });
    await roleService.addPermissions(editorRole.id, [
      { action: 'plugin::content-manager.explorer.read', subject: PENGADUAN, properties: { fields }, conditions: [] },
      { action: 'plugin::content-manager.explorer.delete', subject: PENGADUAN, properties: {}, conditions: [] },
      { action: 'plugin::upload.read', subject: null, properties: {}, conditions: [] },
    ]);
    const editor = await createAdminSession(app, 'Editor', { firstname: 'Editor', lastname: 'Bawaan' });
    let token = editor.token;
    const asEditor = (current: TestApp, method: 'get' | 'delete', path: string) =>
      current.http()[method](path).set('Authorization', `Bearer ${token}`);
    // The hand grant works until the next boot (this is what the boot takes away).
    const before = await asEditor(app, 'get', `/content-manager/collection-types/${PENGADUAN}/${row.documentId}`);
    expect(before.status).toBe(200);
    expect(before.body.data.nama).toBe('Pelapor Rahasia');
    expect((await stockRights(app)).length).toBe(3);

    await app.stop();
    warnings.length = 0;
    app = await startApp({ database, beforeLoad: watchWarnings });
    expect(await stockRights(app)).toEqual([]);
    const warning = warnings.find((message) => message.includes('Editor') && message.includes('dicabut'));
    expect(warning).toBeDefined();
    expect(warning).toContain(`plugin::content-manager.explorer.read ${PENGADUAN}`);
    expect(warning).toContain('plugin::upload.read');
    token = await loginAdmin(app, editor.email, editor.password);

    const list = await asEditor(app, 'get', `/content-manager/collection-types/${PENGADUAN}?page=1&pageSize=10`);
    expect(list.status).toBe(403);
    expect(JSON.stringify(list.body)).not.toContain('Pelapor Rahasia');
    const one = await asEditor(app, 'get', `/content-manager/collection-types/${PENGADUAN}/${row.documentId}`);
    expect(one.status).toBe(403);
    expect(JSON.stringify(one.body)).not.toContain('pelapor@contoh.id');
    const removed = await asEditor(app, 'delete', `/content-manager/collection-types/${PENGADUAN}/${row.documentId}`);
    expect(removed.status).toBe(403);
    expect(await app.strapi.db.query(PENGADUAN).count({ where: { documentId: row.documentId } })).toBe(1);
  });
});
