/**
 * Issue 12, "Done when": a fixture SOP — a small content type shipped with the tests and a
 * JSON definition — is registered with the engine and walked end to end (agenda number,
 * paraf by another person, the e-mail to whoever acts next, the audit trail) with no change
 * to the plugin's code.
 */
import { createStaffWithSuperAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { ROLE, sopView, transit } from '../helpers/sop';
import { sopRegistryOf, verifyAuditTrail } from '../../src/plugins/sop/server/src/index';
import { SURAT_UJI_CONTENT_TYPE, SURAT_UJI_UID, suratUjiSop } from '../fixtures/sop/surat-uji/registration';

describe('a fixture SOP registered with the plugin runs end to end', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let operator: AdminSession;
  let kasi: AdminSession;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({
      env: smtp.env,
      beforeLoad: (strapi) => {
        (strapi.get('content-types') as { add: (namespace: string, types: unknown) => void }).add('api::surat-uji', SURAT_UJI_CONTENT_TYPE);
      },
    });
    sopRegistryOf(app.strapi).register(suratUjiSop);
    operator = await createStaffWithSuperAdmin(app, ROLE.operator, 'Oki');
    kasi = await createStaffWithSuperAdmin(app, ROLE.kasi, 'Kartika');
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('is complete: every effect and guard it names has a handler, every role is known', () => {
    expect(sopRegistryOf(app.strapi).problems()).toEqual([]);
    expect(sopRegistryOf(app.strapi).governed(SURAT_UJI_UID)?.definition?.model).toBe('surat-uji');
  });

  it('numbers, initials, notifies and audits a record, and refuses what the definition refuses', async () => {
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${SURAT_UJI_UID}`)
      .set('Authorization', `Bearer ${operator.token}`)
      .send({ perihal: 'Undangan uji coba SOP' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    // the gate owns the workflow fields, whatever the client sends
    expect(created.body.data).toMatchObject({ tahap: 'masuk', versi: 0 });
    const forged = await app
      .http()
      .put(`/content-manager/collection-types/${SURAT_UJI_UID}/${documentId}`)
      .set('Authorization', `Bearer ${operator.token}`)
      .send({ tahap: 'selesai' });
    expect(forged.status).toBe(403);

    const registered = await transit(app, operator, 'surat-uji', documentId, 'diagendakan');
    expect(registered.status).toBe(200);
    expect(registered.body.data.nomorAgenda).toMatch(/^0001\/\d{4}$/);

    // the Kasi hears of it: the next step is theirs
    const mail = await smtp.waitFor((message) => message.to.includes(kasi.email) && message.subject.includes('Surat Uji'));
    expect(mail.subject).toContain('Diagendakan');
    expect(mail.text).toContain('Langkah berikutnya: Paraf Kasi.');

    // the operator may not skip the paraf, and the guard says why
    const early = await transit(app, operator, 'surat-uji', documentId, 'selesai');
    expect(early.status).toBe(409);

    const paraf = await transit(app, kasi, 'surat-uji', documentId, 'diparaf');
    expect(paraf.status).toBe(200);
    const stored = (await app.strapi.db.query(SURAT_UJI_UID as never).findOne({ where: { documentId } })) as {
      parafKasi: { userId: number; nama: string };
    };
    expect(stored.parafKasi).toMatchObject({ userId: kasi.id, nama: kasi.name });

    const done = await transit(app, operator, 'surat-uji', documentId, 'selesai');
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ tahap: 'selesai', akhir: true });

    const view = await sopView(app, operator, 'surat-uji', documentId);
    expect(view.body.data.riwayat.map((row: { ke: string }) => row.ke)).toEqual(['masuk', 'diagendakan', 'diparaf', 'selesai']);
    expect(view.body.data.riwayatRusak).toBeNull();
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true });
  });

  it('keeps four eyes: whoever registered the record may not initial it, even holding the Kasi role', async () => {
    const both = await createStaffWithSuperAdmin(app, ROLE.kasi, 'Dobel');
    const operatorRole = (await app.strapi.db.query('admin::role').findOne({ where: { name: ROLE.operator } })) as { id: number };
    const current = (await app.strapi.db.query('admin::user').findOne({ where: { id: both.id }, populate: ['roles'] })) as {
      roles: { id: number }[];
    };
    await app.strapi.db
      .query('admin::user')
      .update({ where: { id: both.id }, data: { roles: [...current.roles.map((role) => role.id), operatorRole.id] } });
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${SURAT_UJI_UID}`)
      .set('Authorization', `Bearer ${both.token}`)
      .send({ perihal: 'Dicatat dan diparaf sendiri?' });
    const documentId = created.body.data.documentId as string;
    expect((await transit(app, both, 'surat-uji', documentId, 'diagendakan')).status).toBe(200);
    const own = await transit(app, both, 'surat-uji', documentId, 'diparaf');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('Paraf harus dari orang lain daripada yang mengagendakan.');
  });
});
