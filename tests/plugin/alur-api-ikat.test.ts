/**
 * Issue 13, without a line of code: an administrator makes a workflow for a content type of
 * their own over `/sop/alur` (as the "Alur SOP" page does), activates it, and the engine runs
 * it there at once — the Operator and the Kasi, holding only their office roles, get what they
 * need in the content manager — and again after a restart, from the stored version alone.
 */
import { createAdminSession, loginAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, cmUpdate, ROLE, sopView, transit } from '../helpers/sop';
import { sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
const MODEL = 'berita-keluar';

describe('a workflow made and activated over /sop/alur runs on its content type', () => {
  let app: TestApp;
  const staff: Record<'admin' | 'operator' | 'kasi', AdminSession> = {} as never;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);

  beforeAll(async () => {
    app = await startApp({ beforeLoad: withBeritaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    // office roles only: no Super Admin, no hand-made grant on the new type
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('runs nothing for a draft: the type stays closed to the office roles until a version is active', async () => {
    const created = await post(staff.admin, '/sop/alur', { model: MODEL, nama: 'Pengiriman Berita Biasa', uid: UID, definisi: definition });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ model: MODEL, uid: UID, versiAktif: null });
    expect(sopRegistryOf(app.strapi).sop(MODEL)).toBeUndefined();
    expect((await cmCreate(app, staff.operator, UID, { perihal: 'Terlalu dini', tujuan: 'Setda' })).status).toBe(403);
  });

  it('refuses to activate a version for another type, with the reason', async () => {
    const wrong = await post(staff.admin, `/sop/alur/${MODEL}/versi`, { definisi: { ...definition, uid: 'api::berita.berita' } });
    expect(wrong.status).toBe(201);
    const refused = await post(staff.admin, `/sop/alur/${MODEL}/versi/2/aktifkan`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.galat.join(' ')).toContain('api::berita.berita');
    expect(sopRegistryOf(app.strapi).sop(MODEL)).toBeUndefined();
  });

  it('activates version 1: the workflow is bound, the roles it names can work its records, and a record walks to the archive', async () => {
    const activated = await post(staff.admin, `/sop/alur/${MODEL}/versi/1/aktifkan`);
    expect(activated.status).toBe(200);
    expect(activated.body.data.versiAktif).toBe(1);
    expect(sopRegistryOf(app.strapi).governed(UID)?.definition?.model).toBe(MODEL);

    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Undangan rapat koordinasi', tujuan: 'Sekretariat Daerah' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const row = (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;
    expect(row).toMatchObject({ tahap: 'draf', alurVersi: 1 });
    // the Kasi reads and updates, but does not create (only the roles acting on the first state do) or delete
    expect((await cmCreate(app, staff.kasi, UID, { perihal: 'Dari Kasi', tujuan: 'Setda' })).status).toBe(403);
    expect((await cmUpdate(app, staff.kasi, UID, documentId, { tujuan: 'Sekretariat Daerah Kota Pekalongan' })).status).toBe(200);
    const deleted = await app
      .http()
      .delete(`/content-manager/collection-types/${UID}/${documentId}`)
      .set('Authorization', `Bearer ${staff.operator.token}`);
    expect(deleted.status).toBe(403);

    for (const [session, ke] of [
      [staff.operator, 'diagendakan'],
      [staff.kasi, 'diparaf'],
      [staff.operator, 'dikirim'],
      [staff.operator, 'diarsipkan'],
    ] as const) {
      const response = await transit(app, session, MODEL, documentId, ke);
      expect([ke, response.status, response.body.error?.message]).toEqual([ke, 200, undefined]);
    }
    const view = await sopView(app, staff.kasi, MODEL, documentId);
    expect(view.status).toBe(200);
    expect(view.body.data).toMatchObject({ tahap: 'diarsipkan', alurVersi: 1 });
    expect(view.body.data.nomorAgenda).toMatch(/^0001\/\d{4}$/);
    const verified = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.admin.token}`);
    expect(verified.body.data.ok).toBe(true);
  });

  it('after a restart, binds the stored active version again: no code registers it', async () => {
    await app.stop();
    const warnings: string[] = [];
    app = await startApp({
      database: app.database,
      beforeLoad: (strapi) => {
        withBeritaKeluar(strapi);
        const warn = strapi.log.warn.bind(strapi.log);
        strapi.log.warn = ((message: string) => {
          warnings.push(String(message));
          return warn(message);
        }) as typeof strapi.log.warn;
      },
    });
    // the grants the binding gave are not mistaken for an administrator's edit of the office roles
    expect(warnings.filter((message) => message.includes('berbeda dari deklarasi'))).toEqual([]);
    staff.operator = { ...staff.operator, token: await loginAdmin(app, staff.operator.email, staff.operator.password) };
    expect(sopRegistryOf(app.strapi).governed(UID)?.definition?.model).toBe(MODEL);
    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Sesudah dijalankan ulang', tujuan: 'Bappeda' });
    expect(created.status).toBe(201);
    const registered = await transit(app, staff.operator, MODEL, created.body.data.documentId as string, 'diagendakan');
    expect(registered.status).toBe(200);
    expect(registered.body.data.tahap).toBe('diagendakan');
  });
});
