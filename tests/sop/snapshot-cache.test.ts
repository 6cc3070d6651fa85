import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, ROLE } from '../helpers/sop';
import { withStatements } from '../helpers/statements';
// the source modules (not the app's dist/ copies): their caches are registered on the app below
import { ACTING_ROLES, registerMandateCache } from '../../src/sop-defs/pelaksana';
import { registerRoleHolderCache, usersWithRole } from '../../src/plugins/sop/server/src/services/actor';

/**
 * Issue 14: the mandates and the holders of a role are kept briefly per process
 * (defineSnapshotCache): read once, cleared by this process's own writes, and a mandate still
 * starts and ends on time whatever was kept. The transaction rules of the cache are
 * tests/sop/hari-libur-cache.test.ts's (the holiday list runs on the same cache).
 */

const JAM = 3600_000;

describe('the process copies of the mandates and of the role holders', () => {
  let app: TestApp;
  const staff: Record<'kadis' | 'kasi' | 'plh' | 'caraka', AdminSession> = {} as never;

  beforeAll(async () => {
    app = await startApp();
    registerMandateCache(app.strapi);
    registerRoleHolderCache(app.strapi);
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Siti', lastname: 'Kasi' });
    staff.plh = await createAdminSession(app, ROLE.sandiman, { firstname: 'Budi', lastname: 'Sandiman' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const statementsOf = <T>(work: () => Promise<T>) => withStatements(app, work);
  const readsTable = (table: string) => (sql: string) => new RegExp(`from [\`"]?(public[\`"]\\.[\`"])?${table}[\`"]? `).test(sql);

  it('mandates: read once, a new one counts at once, and each starts and ends on time from the copy', async () => {
    const now = new Date();
    const first = await statementsOf(() => ACTING_ROLES.of(app.strapi, staff.plh.id, now));
    expect(first.value).toEqual([]);
    const again = await statementsOf(() => ACTING_ROLES.running(app.strapi, now));
    expect(again.sqls.filter(readsTable('pelaksana'))).toEqual([]);

    const named = await cmCreate(app, staff.kadis, 'api::pelaksana.pelaksana', {
      peran: 'kasi',
      jenis: 'plh',
      pejabatId: staff.kasi.id,
      pelaksanaId: staff.plh.id,
      alasan: 'Dinas luar',
      mulai: new Date(Date.now() - JAM).toISOString(),
      selesai: new Date(Date.now() + 8 * JAM).toISOString(),
    });
    expect(named.status).toBe(201);
    // the write cleared the copy: the mandate counts from the next request on, in this process
    const after = await statementsOf(() => ACTING_ROLES.of(app.strapi, staff.plh.id, new Date()));
    expect(after.value).toEqual([{ peran: 'kasi', jenis: 'plh', atasNama: { id: staff.kasi.id, nama: 'Siti Kasi' } }]);
    expect(after.sqls.filter(readsTable('pelaksana'))).toHaveLength(1);

    // the copy holds every mandate; the clock decides which run: none before it starts or after it ends
    const later = await statementsOf(async () => ({
      sebelum: await ACTING_ROLES.of(app.strapi, staff.plh.id, new Date(Date.now() - 2 * JAM)),
      sesudah: await ACTING_ROLES.of(app.strapi, staff.plh.id, new Date(Date.now() + 9 * JAM)),
      berjalan: await ACTING_ROLES.running(app.strapi, new Date()),
    }));
    expect(later.value.sebelum).toEqual([]);
    expect(later.value.sesudah).toEqual([]);
    expect(later.value.berjalan).toEqual([expect.objectContaining({ peran: 'kasi', pelaksana: staff.plh.id })]);
    expect(later.sqls.filter(readsTable('pelaksana'))).toEqual([]);

    // the acting official is offered among the role's holders while the mandate runs
    const kasi = await usersWithRole(app.strapi, 'kasi');
    expect(kasi.map((user) => user.id).sort()).toEqual([staff.kasi.id, staff.plh.id].sort());
  });

  it('role holders: read once; a user deactivated in this process is left out at once', async () => {
    const first = await statementsOf(() => usersWithRole(app.strapi, 'caraka'));
    expect(first.value.map((user) => user.id)).toContain(staff.caraka.id);
    const again = await statementsOf(() => usersWithRole(app.strapi, 'caraka'));
    expect(again.value.map((user) => user.id)).toEqual(first.value.map((user) => user.id));
    expect(again.sqls.filter(readsTable('admin_users'))).toEqual([]);

    await app.strapi.service('admin::user').updateById(staff.caraka.id, { isActive: false });
    const after = await statementsOf(() => usersWithRole(app.strapi, 'caraka'));
    expect(after.value.map((user) => user.id)).not.toContain(staff.caraka.id);
    expect(after.sqls.filter(readsTable('admin_users'))).toHaveLength(1);
  });
});
