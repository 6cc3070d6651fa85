import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, transit, walkBeritaTo } from '../helpers/sop';

/*
 * Issue 12: merged vocabulary entries carried out by the Strapi layer — `assignUser` re-assigns
 * a failed copy to another Caraka (it was reassignCaraka), and every step's `masukan` lists its
 * typed fields for the panel.
 */
describe('merged effects and the typed field list, over HTTP', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.carakaLain = await createAdminSession(app, ROLE.caraka, { firstname: 'Citra', lastname: 'Caraka' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('a failed copy is re-assigned to another Caraka (assignUser), who then records its receipt', async () => {
    const documentId = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    const view = await sopView(app, staff.caraka, 'berita', documentId);
    const copy = (view.body.data.distribusi as { documentId: string }[])[0];

    const failed = await transit(app, staff.caraka, 'distribusi', copy.documentId, 'gagal', { catatan: 'Kantor tutup' });
    expect(failed.status).toBe(200);

    const kasiView = await sopView(app, staff.kasi, 'distribusi', copy.documentId);
    const reassign = (kasiView.body.data.aksi as { ke: string; masukan: { fields: unknown[]; data: unknown } }[]).find(
      (aksi) => aksi.ke === 'ditugaskan'
    );
    expect(reassign?.masukan.fields).toEqual([{ name: 'caraka', type: 'pengguna', label: 'Caraka yang ditugaskan', wajib: true, peran: 'caraka' }]);
    expect(reassign?.masukan.data).toMatchObject({ required: ['caraka'] });

    const notCaraka = await transit(app, staff.kasi, 'distribusi', copy.documentId, 'ditugaskan', { data: { caraka: staff.kabid.id } });
    expect(notCaraka.status).toBe(400);
    const again = await transit(app, staff.kasi, 'distribusi', copy.documentId, 'ditugaskan', { data: { caraka: staff.carakaLain.id } });
    expect(again.status).toBe(200);
    const row = await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId: copy.documentId } });
    expect(row).toMatchObject({ tahap: 'ditugaskan', carakaId: staff.carakaLain.id, carakaNama: 'Citra Caraka' });

    expect((await transit(app, staff.caraka, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } })).status).toBe(403);
    expect((await transit(app, staff.carakaLain, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } })).status).toBe(200);
  });

  it('a step without data has an empty field list; the definitions view lists every step’s fields', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diterima');
    const view = await sopView(app, staff.operator, 'berita', documentId);
    const periksa = (view.body.data.aksi as { ke: string; masukan: { catatan: unknown; data: unknown; fields: unknown[] } }[]).find(
      (aksi) => aksi.ke === 'diperiksa'
    );
    expect(periksa?.masukan).toEqual({ catatan: null, data: null, fields: [] });

    const definitions = await app.http().get('/sop/definitions').set('Authorization', `Bearer ${staff.kasi.token}`);
    expect(definitions.status).toBe(200);
    const berita = (definitions.body.data as { model: string; transisi: { ke: string; masukan: { fields: { name: string }[] } }[] }[]).find(
      (definition) => definition.model === 'berita'
    );
    const kartu = berita?.transisi.find((transisi) => transisi.ke === 'diteruskan_ke_kasi');
    expect(kartu?.masukan.fields.map((field) => field.name)).toEqual(['indeks', 'kodeKlasifikasi', 'pengolah', 'catatan']);
  });
});
