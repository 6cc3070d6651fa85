import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { SALINAN_CONTOH, walkKriptogramTo } from '../helpers/kriptogram';
import { ROLE, sopView, transit } from '../helpers/sop';

/**
 * The `sop.transition` event (eventHub and webhook) after each step, and who may subscribe a
 * webhook to it. Regression guards: these pass today.
 */
describe('security: sop.transition carries no step input; only Super Admin subscribes webhooks', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  const events: unknown[] = [];

  beforeAll(async () => {
    app = await startApp();
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.editor = await createAdminSession(app, 'Editor');
    staff.author = await createAdminSession(app, 'Author');
    app.strapi.eventHub.on('sop.transition', async (event: unknown) => {
      events.push(event);
    });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it.each(['editor', 'author', 'kasi', 'kadis'])('%s may neither list nor create webhooks', async (who) => {
    const auth = `Bearer ${staff[who].token}`;
    expect((await app.http().get('/admin/webhooks').set('Authorization', auth)).status).toBe(403);
    const created = await app
      .http()
      .post('/admin/webhooks')
      .set('Authorization', auth)
      .send({ name: 'bocor', url: 'http://127.0.0.1:9/bocor', headers: {}, events: ['sop.transition'] });
    expect(created.status).toBe(403);
  });

  it('the salinan text typed in a step reaches no sop.transition event; readers without the plaintext right get no isiUrl', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diparaf_sandiman');
    const mine = events.filter((event) => (event as { documentId: string }).documentId === documentId);
    expect(mine.map((event) => (event as { ke: string }).ke)).toEqual([
      'diagendakan',
      'dilaporkan',
      'ditugaskan_deskripsi',
      'dideskripsi',
      'diparaf_sandiman',
    ]);
    const text = JSON.stringify(mine);
    expect(text).not.toContain(SALINAN_CONTOH.isi);
    expect(text).not.toContain(SALINAN_CONTOH.perihal);
    for (const who of ['operator', 'caraka']) {
      const view = await sopView(app, staff[who], 'kriptogram', documentId);
      expect(view.status).toBe(200);
      expect(view.body.data).toMatchObject({ bolehBacaIsi: false, isiUrl: null });
      expect(JSON.stringify(view.body.data)).not.toContain(SALINAN_CONTOH.isi);
      const isi = await app.http().get(`/sop/kriptogram/${documentId}/isi`).set('Authorization', `Bearer ${staff[who].token}`);
      expect(isi.status).toBe(403);
    }
    // The Kasi's return note is carried as is (catatan is free text, written for the Sandiman).
    const kembali = await transit(app, staff.kasi, 'kriptogram', documentId, 'dideskripsi', { catatan: 'Perbaiki paragraf dua.' });
    expect(kembali.status).toBe(200);
    expect(events.at(-1)).toMatchObject({ ke: 'dideskripsi', jenis: 'kembali', catatan: 'Perbaiki paragraf dua.' });
  });
});
