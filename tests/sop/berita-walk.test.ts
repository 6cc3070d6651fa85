import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { BERITA_CONTOH, cmCreate, cmUpdate, ROLE, sopView, transit } from '../helpers/sop';

const UID = 'api::berita.berita';

describe('Berita Biasa (Email Sanapati), steps 1–11 end to end', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};
  let documentId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.carakaLain = await createAdminSession(app, ROLE.caraka, { firstname: 'Citra', lastname: 'Caraka' });
    staff.superAdmin = await createAdminSession(app, 'Super Admin', { firstname: 'Admin', lastname: 'Utama' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  const expectStatus = async (pending: PromiseLike<{ status: number; body: unknown }>, status: number) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response as { status: number; body: { data: Record<string, unknown>; error?: { message: string } } };
  };

  it('registers a berita through the content manager with tahap diterima and a tenggat', async () => {
    const created = await expectStatus(cmCreate(app, staff.operator, UID, BERITA_CONTOH), 201);
    documentId = String(created.body.data.documentId);
    const view = await expectStatus(sopView(app, staff.operator, 'berita', documentId), 200);
    expect(view.body.data.tahap).toBe('diterima');
    // Monday 10.00 WIB + one service day → Tuesday 10.00 WIB
    expect(view.body.data.tenggat).toBe('2026-11-24T03:00:00.000Z');
    expect((view.body.data.aksi as { ke: string }[]).map((a) => a.ke).sort()).toEqual(['batal', 'diperiksa']);
    const kasiView = await expectStatus(sopView(app, staff.kasi, 'berita', documentId), 200);
    expect(kasiView.body.data.aksi).toEqual([]);
  });

  it('refuses a wrong role (403), a skipped step (409) and missing input (400)', async () => {
    const wrongRole = await expectStatus(transit(app, staff.kasi, 'berita', documentId, 'diperiksa'), 403);
    expect(wrongRole.body.error?.message).toMatch(/tidak berwenang/);
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'dicetak'), 409);
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'batal'), 400); // catatan wajib
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'diperiksa', { data: { x: 1 } }), 400);
  });

  it('walks the operator steps 1–5', async () => {
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'diperiksa'), 200);
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'dicetak'), 200);
    const printed = await app.strapi.db.query(UID).findOne({ where: { documentId } });
    expect(printed.jumlahCetak).toBe(2);
    const agenda = await expectStatus(transit(app, staff.operator, 'berita', documentId, 'diagendakan'), 200);
    expect(agenda.body.data.nomorAgenda).toBe('0001/2026');
    await expectStatus(
      transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: { indeks: 'RAPAT', kodeKlasifikasi: '005' } }),
      200
    );
    const kartu = await app.strapi.db.query('api::kartu-kendali.kartu-kendali').findOne({ where: { berita: { documentId } } });
    expect(kartu).toMatchObject({ nomorUrut: '0001/2026', indeks: 'RAPAT', kodeKlasifikasi: '005', jenis: 'kartu_kendali' });
    const mail = await smtp.waitFor((m) => m.to.includes(staff.kasi.email));
    expect(mail.subject).toContain('0001/2026');
    expect(mail.text).toContain('Paraf Kasi');
    expect(mail.text).toContain(`/admin/content-manager/collection-types/${UID}/${documentId}`);
  });

  it('takes the paraf in order of rank: Kasi, then Kabid, then Kepala Dinas', async () => {
    await expectStatus(transit(app, staff.kabid, 'berita', documentId, 'diparaf_kabid'), 409);
    await expectStatus(transit(app, staff.kabid, 'berita', documentId, 'diparaf_kasi'), 403);
    await expectStatus(transit(app, staff.kasi, 'berita', documentId, 'diparaf_kasi'), 200);
    await smtp.waitFor((m) => m.to.includes(staff.kabid.email) && m.subject.includes('Diparaf Kasi'));
    await expectStatus(transit(app, staff.kabid, 'berita', documentId, 'diparaf_kabid'), 200);
    await expectStatus(transit(app, staff.kadis, 'berita', documentId, 'diparaf_kadis'), 200);
    const kartu = await app.strapi.db.query('api::kartu-kendali.kartu-kendali').findOne({
      where: { berita: { documentId } },
      populate: ['parafKasi', 'parafKabid', 'parafKadis'],
    });
    expect(kartu.parafKasi).toMatchObject({ userId: staff.kasi.id, nama: 'Kasi Persandian' });
    expect(kartu.parafKabid).toMatchObject({ userId: staff.kabid.id, nama: 'Kabid Aptika' });
    expect(kartu.parafKadis).toMatchObject({ userId: staff.kadis.id, nama: 'Kadis Kominfo' });
  });

  it('assigns a Caraka and creates one copy per recipient', async () => {
    const missing = await expectStatus(transit(app, staff.kasi, 'berita', documentId, 'ditugaskan_ke_caraka'), 400);
    expect(JSON.stringify(missing.body)).toContain('data.caraka');
    const notCaraka = await expectStatus(
      transit(app, staff.kasi, 'berita', documentId, 'ditugaskan_ke_caraka', { data: { caraka: staff.kabid.id } }),
      400
    );
    expect(notCaraka.body.error?.message).toMatch(/bukan Caraka/);
    const assigned = await expectStatus(
      transit(app, staff.kasi, 'berita', documentId, 'ditugaskan_ke_caraka', { data: { caraka: staff.caraka.id } }),
      200
    );
    const copies = assigned.body.data.distribusi as { documentId: string; tahap: string; penerima: { kategori: string; saluran: string } }[];
    expect(copies).toHaveLength(2);
    expect(copies.map((c) => [c.penerima.kategori, c.penerima.saluran]).sort()).toEqual([
      ['kepala_opd', 'caraka'],
      ['walikota', 'ajudan'],
    ]);
    expect(copies.every((c) => c.tahap === 'ditugaskan')).toBe(true);
    const mail = await smtp.waitFor((m) => m.to.includes(staff.caraka.email));
    expect(mail.subject).toContain('Ditugaskan ke Caraka');
    expect(smtp.messages.some((m) => m.to.includes(staff.carakaLain.email))).toBe(false);
  });

  it('records a receipt per copy; didistribusikan waits for all of them', async () => {
    const view = await expectStatus(sopView(app, staff.caraka, 'berita', documentId), 200);
    const copies = view.body.data.distribusi as { documentId: string }[];
    await expectStatus(transit(app, staff.caraka, 'berita', documentId, 'didistribusikan'), 409);
    await expectStatus(transit(app, staff.carakaLain, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } }), 403);
    await expectStatus(transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima'), 400);
    await expectStatus(
      transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Bagus, ajudan Wali Kota' } }),
      200
    );
    await expectStatus(transit(app, staff.caraka, 'berita', documentId, 'didistribusikan'), 409);
    await expectStatus(
      transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', { data: { diterimaOleh: 'Sekretariat Dinkes' } }),
      200
    );
    await expectStatus(transit(app, staff.caraka, 'berita', documentId, 'didistribusikan'), 200);
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'tanda_terima_diserahkan'), 403);
    await expectStatus(transit(app, staff.caraka, 'berita', documentId, 'tanda_terima_diserahkan'), 200);
    await expectStatus(transit(app, staff.operator, 'berita', documentId, 'diarsipkan'), 200);
  });

  it('keeps the history of 11 transitions with their actors, and a valid audit chain', async () => {
    const view = await expectStatus(sopView(app, staff.kadis, 'berita', documentId), 200);
    const riwayat = view.body.data.riwayat as { dari: string; ke: string; oleh: { id: number; nama: string; peran: string } }[];
    // the registration through the content manager is the first row (issue 10 item 4: no quiet write)
    expect(riwayat.map((r) => r.ke)).toEqual([
      'diterima',
      'diperiksa',
      'dicetak',
      'diagendakan',
      'diteruskan_ke_kasi',
      'diparaf_kasi',
      'diparaf_kabid',
      'diparaf_kadis',
      'ditugaskan_ke_caraka',
      'didistribusikan',
      'tanda_terima_diserahkan',
      'diarsipkan',
    ]);
    expect(riwayat[0].oleh).toMatchObject({ id: staff.operator.id, nama: 'Oki Operator', peran: ROLE.operator });
    expect(riwayat[5].oleh).toMatchObject({ id: staff.kasi.id, nama: 'Kasi Persandian', peran: ROLE.kasi });
    expect(riwayat[9].oleh.id).toBe(staff.caraka.id);
    expect(view.body.data.aksi).toEqual([]);
    const verify = await expectStatus(app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi.token}`), 200);
    expect(verify.body.data).toMatchObject({ ok: true, count: 14 });
  });

  describe('the gate refuses a change of tahap by every other path', () => {
    let fresh: string;
    beforeAll(async () => {
      const created = await expectStatus(cmCreate(app, staff.operator, UID, { ...BERITA_CONTOH, perihal: 'Berita kedua' }), 201);
      fresh = String(created.body.data.documentId);
    });

    it('the content manager, even as super admin', async () => {
      const response = await cmUpdate(app, staff.superAdmin, UID, fresh, { tahap: 'diarsipkan' });
      expect(response.status).toBe(403);
      const number = await cmUpdate(app, staff.operator, UID, fresh, { perihal: 'Ubah', nomorAgenda: '9999/2026' });
      expect(number.status).toBe(403);
      const allowed = await cmUpdate(app, staff.operator, UID, fresh, { perihal: 'Berita kedua (diperbaiki)' });
      expect(allowed.status).toBe(200);
    });

    it('REST as an authenticated user holding the update permission', async () => {
      const roleRow = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      await app.strapi.db.query('plugin::users-permissions.permission').create({
        data: { action: 'api::berita.berita.update', role: roleRow.id },
      });
      await app.strapi.plugin('users-permissions').service('user').add({
        username: 'pihak-lain',
        email: 'pihak-lain@example.com',
        password: 'Pihak-Lain-123',
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: roleRow.id,
      });
      const login = await app.http().post('/api/auth/local').send({ identifier: 'pihak-lain@example.com', password: 'Pihak-Lain-123' });
      expect(login.status).toBe(200);
      const response = await app
        .http()
        .put(`/api/beritas/${fresh}`)
        .set('Authorization', `Bearer ${login.body.jwt}`)
        .send({ data: { tahap: 'diperiksa' } });
      expect(response.status).toBe(403);
    });

    it('strapi.documents in code', async () => {
      await expect(app.strapi.documents(UID).update({ documentId: fresh, data: { tahap: 'diperiksa' } as never })).rejects.toThrow(
        /hanya dapat diubah oleh sistem/
      );
      await expect(app.strapi.documents('api::distribusi.distribusi').create({ data: { tahap: 'diterima' } as never })).rejects.toThrow(
        /oleh sistem melalui langkah SOP/
      );
    });

    it('and the record is untouched', async () => {
      const row = await app.strapi.db.query(UID).findOne({ where: { documentId: fresh } });
      expect(row.tahap).toBe('diterima');
      expect(row.nomorAgenda).toBeNull();
      expect(row.perihal).toBe('Berita kedua (diperbaiki)');
    });
  });
});
