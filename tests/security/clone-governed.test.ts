import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

/**
 * The content manager's clone (`POST /content-manager/collection-types/:uid/clone/:sourceId`)
 * copies every stored field and relation of the source; the gate screens only the submitted
 * `data` of a clone. Workflow fields must not reach the new record without a step.
 */
describe('security: a clone carries no workflow field of its source', () => {
  let app: TestApp;
  const staff: BeritaStaff = {};
  const CM = '/content-manager/collection-types/api::berita.berita';

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const clone = (sourceId: string) => app.http().post(`${CM}/clone/${sourceId}`).set('Authorization', `Bearer ${staff.operator!.token}`).send({});
  const row = (documentId: string) =>
    app.strapi.db.query('api::berita.berita').findOne({ where: { documentId }, populate: ['distribusi', 'kartuKendali'] }) as Promise<Record<
      string,
      unknown
    > | null>;

  it('a clone of a printed berita does not inherit jumlahCetak (set by the "dicetak" step)', async () => {
    const source = await walkBeritaTo(app, staff, 'dicetak');
    expect((await row(source))?.jumlahCetak).not.toBeNull();
    const response = await clone(source);
    expect(response.status).toBeLessThan(500);
    if (response.status === 200 || response.status === 201) {
      const copy = await row(String(response.body.data.documentId));
      expect(copy).toMatchObject({ tahap: 'diterima', jumlahCetak: null, nomorAgenda: null });
    }
  });

  it('a clone of a berita out for delivery leaves its copies and kartu kendali with it', async () => {
    const source = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    const before = await row(source);
    const response = await clone(source);
    expect(response.status).toBeLessThan(500);
    const after = await row(source);
    expect((after?.distribusi as unknown[]).length).toBe((before?.distribusi as unknown[]).length);
    expect(after?.kartuKendali).not.toBeNull();
    if (response.status === 200 || response.status === 201) {
      const copy = await row(String(response.body.data.documentId));
      expect(copy).toMatchObject({ tahap: 'diterima', nomorAgenda: null, jumlahCetak: null, kartuKendali: null, distribusi: [] });
    }
  });
});
