import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, ROLE, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

/**
 * The content manager's clone (`POST /content-manager/collection-types/:uid/clone/:sourceId`)
 * copies every stored field and relation of the source; the gate screens only the submitted
 * `data` of a clone. Workflow fields must not reach the new record without a step.
 */
describe('security: a clone carries no workflow field of its source', () => {
  let app: TestApp;
  const staff: BeritaStaff & { sandiman?: AdminSession } = {};
  const CM = '/content-manager/collection-types/api::berita.berita';

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
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

  // The media-field guard (src/files/guard.ts createMediaFieldGuard) screens 'create' and
  // 'update' only: a clone's data may attach a colleague's fresh upload (readable by its
  // uploader alone), which then becomes readable through the cloner's new record.
  it("a clone cannot attach a colleague's fresh upload (refused like create and update)", async () => {
    const scan = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${staff.sandiman!.token}`)
      .attach('files', Buffer.from('%PDF-1.4\n% pindaian kriptogram rahasia\n%%EOF\n'), { filename: 'pindaian.pdf', contentType: 'application/pdf' });
    expect(scan.status).toBeLessThan(300);
    const fileId = (scan.body as { id: number }[])[0].id;
    const operatorAuth = `Bearer ${staff.operator!.token}`;
    expect((await app.http().get(`/sop/berkas/${fileId}/unduh`).set('Authorization', operatorAuth)).status).toBe(403);

    const own = await cmCreate(app, staff.operator!, 'api::berita.berita', BERITA_CONTOH);
    expect(own.status).toBeLessThan(300);
    // the same write as an update is refused (tests/security/files.test.ts)
    const response = await app
      .http()
      .post(`${CM}/clone/${String(own.body.data.documentId)}`)
      .set('Authorization', operatorAuth)
      .send({ lampiran: [fileId] });
    // the impact first: the colleague's file must stay unreadable to the cloner
    expect((await app.http().get(`/sop/berkas/${fileId}/unduh`).set('Authorization', operatorAuth)).status).toBe(403);
    expect(response.status).toBe(403);
    expect(await app.strapi.db.connection('files_related_mph').where({ file_id: fileId })).toEqual([]);
  });
});
