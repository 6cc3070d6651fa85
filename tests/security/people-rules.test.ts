import { createAdminUser, findRole, loginAdmin, createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { installAuditFault, removeAuditFault } from '../helpers/faults';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { cmCreate, cmUpdate, ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

/*
 * Issue 10 items 4 ("no quiet change of what was registered or approved") and 7 ("the SOP's
 * people rules"): every example of the issue, over HTTP against the real server.
 */

const BERITA = 'api::berita.berita';
const KRIPTOGRAM = 'api::kriptogram.kriptogram';

type AuditDbRow = {
  urutan: number;
  ke: string;
  dari: string | null;
  aktor_id: number | null;
  aktor_nama: string;
  catatan: string | null;
  digest: string;
};

describe('people rules and no quiet change (issue 10 items 4 and 7)', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};
  let beritaStaff: BeritaStaff;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.carakaLain = await createAdminSession(app, ROLE.caraka, { firstname: 'Citra', lastname: 'Caraka' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Pencatat' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Lain' });
    // one person holding the Kasi, Kabid and Kepala Dinas roles at once
    const pimpinan = await createAdminUser(app.strapi, ROLE.kasi, { firstname: 'Rangkap', lastname: 'Jabatan' });
    const roles = await Promise.all([ROLE.kasi, ROLE.kabid, ROLE.kadis].map((name) => findRole(app.strapi, name)));
    await app.strapi.db.query('admin::user').update({ where: { id: pimpinan.id }, data: { roles: roles.map((role) => role.id) } });
    staff.pimpinan = { ...pimpinan, token: await loginAdmin(app, pimpinan.email, pimpinan.password) };
    beritaStaff = { operator: staff.operator, kasi: staff.kasi, kabid: staff.kabid, kadis: staff.kadis, caraka: staff.caraka };
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  const expectStatus = async (pending: PromiseLike<{ status: number; body: unknown }>, status: number) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response as { status: number; body: { data: Record<string, unknown>; error?: { message: string; name: string } } };
  };
  const audit = async (documentId: string): Promise<AuditDbRow[]> =>
    (await app.strapi.db.connection('sop_audit').where({ document_id: documentId }).orderBy('urutan', 'asc')) as AuditDbRow[];
  const koreksi = (who: AdminSession, model: string, documentId: string, body: Record<string, unknown>) =>
    app.http().post(`/sop/${model}/${documentId}/koreksi`).set('Authorization', `Bearer ${who.token}`).send(body);
  const pengguna = (who: AdminSession, peran: string) => app.http().get(`/sop/pengguna?peran=${peran}`).set('Authorization', `Bearer ${who.token}`);
  const aksi = async (who: AdminSession, model: string, documentId: string): Promise<string[]> =>
    ((await expectStatus(sopView(app, who, model, documentId), 200)).body.data.aksi as { ke: string }[]).map((action) => action.ke);

  describe('item 7: the SOP people rules', () => {
    it('one person holding Kasi, Kabid and Kepala Dinas gives one paraf only: the second is 403; three people give the three', async () => {
      const documentId = await walkBeritaTo(app, beritaStaff, 'diteruskan_ke_kasi', { perihal: 'Paraf rangkap jabatan' });
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kasi'), 200);
      expect(await aksi(staff.pimpinan, 'berita', documentId)).not.toContain('diparaf_kabid');
      const second = await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kabid'), 403);
      expect(second.body.error?.message).toMatch(/tiga orang yang berbeda/);
      await expectStatus(transit(app, staff.kabid, 'berita', documentId, 'diparaf_kabid'), 200);
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kadis'), 403);
      await expectStatus(transit(app, staff.kadis, 'berita', documentId, 'diparaf_kadis'), 200);
      const kartu = await app.strapi.db
        .query('api::kartu-kendali.kartu-kendali')
        .findOne({ where: { berita: { documentId } }, populate: ['parafKasi', 'parafKabid', 'parafKadis'] });
      expect([kartu.parafKasi.userId, kartu.parafKabid.userId, kartu.parafKadis.userId]).toEqual([staff.pimpinan.id, staff.kabid.id, staff.kadis.id]);
    });

    it('a send-back clears the round: the same person may initial again after it, once', async () => {
      const documentId = await walkBeritaTo(app, beritaStaff, 'diteruskan_ke_kasi', { perihal: 'Paraf setelah dikembalikan' });
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kasi'), 200);
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diperiksa', { catatan: 'Lampiran kurang' }), 200);
      for (const ke of ['dicetak', 'diagendakan', 'diteruskan_ke_kasi'])
        await expectStatus(transit(app, staff.operator, 'berita', documentId, ke), 200);
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kasi'), 200);
      await expectStatus(transit(app, staff.pimpinan, 'berita', documentId, 'diparaf_kabid'), 403);
    });

    let delivery: string;
    let copies: { documentId: string }[];

    it('a receipt time lies between the assignment and now: 1999, before the assignment or tomorrow is 400', async () => {
      delivery = await walkBeritaTo(app, beritaStaff, 'ditugaskan_ke_caraka', { perihal: 'Antaran Caraka' });
      copies = (await expectStatus(sopView(app, staff.caraka, 'berita', delivery), 200)).body.data.distribusi as { documentId: string }[];
      const row = await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId: copies[0].documentId } });
      const assignedAt = new Date(row.createdAt).getTime();
      for (const waktu of [
        '1999-06-01T10:00:00+07:00',
        new Date(assignedAt - 3_600_000).toISOString(),
        new Date(Date.now() + 86_400_000).toISOString(),
      ]) {
        const refused = await expectStatus(
          transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan', waktu } }),
          400
        );
        expect(refused.body.error?.name).toBe('ValidationError');
      }
      await expectStatus(
        transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima', {
          data: { diterimaOleh: 'Ajudan', waktu: new Date(assignedAt + 1000).toISOString() },
        }),
        200
      );
      await expectStatus(transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', { data: { diterimaOleh: 'TU Dinkes' } }), 200);
    });

    it('only the assigned Caraka (or the Kasi) closes the delivery: another Caraka gets 403 at both steps', async () => {
      expect(await aksi(staff.carakaLain, 'berita', delivery)).toEqual([]);
      const other = await expectStatus(transit(app, staff.carakaLain, 'berita', delivery, 'didistribusikan'), 403);
      expect(other.body.error?.message).toMatch(/Caraka yang ditugaskan/);
      await expectStatus(transit(app, staff.caraka, 'berita', delivery, 'didistribusikan'), 200);
      await expectStatus(transit(app, staff.carakaLain, 'berita', delivery, 'tanda_terima_diserahkan'), 403);
      await expectStatus(transit(app, staff.kasi, 'berita', delivery, 'tanda_terima_diserahkan'), 200);
    });

    it('step e-mails of a kriptogram with an assigned Sandiman go to that Sandiman, not to every Sandiman', async () => {
      const documentId = await walkKriptogramTo(app, { sandiman: staff.sandimanLain, kasi: staff.kasi }, 'diparaf_sandiman', {
        klasifikasi: 'rahasia',
      });
      await expectStatus(transit(app, staff.kasi, 'kriptogram', documentId, 'ditandatangani_kasi'), 200);
      const signed = (m: { subject: string; text: string }) => m.subject.includes('Pengantar ditandatangani Kasi') && m.text.includes(documentId);
      await smtp.waitFor((m) => m.to.includes(staff.sandimanLain.email) && signed(m));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // the other Sandiman (who even registered it) hears nothing of this step
      expect(smtp.messages.filter(signed).flatMap((m) => m.to)).toEqual([staff.sandimanLain.email]);
    });

    it('the Caraka closing his own delivery alerts nobody (the Kasi need not hear of it)', async () => {
      const documentId = await walkBeritaTo(app, beritaStaff, 'didistribusikan', { perihal: 'Antaran tanpa kabar' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const about = (m: { text: string }) => m.text.includes(documentId);
      expect(smtp.messages.filter(about).filter((m) => m.subject.includes('Didistribusikan'))).toEqual([]);
    });

    it('/sop/pengguna lists users only to whoever assigns them: the Kasi sees Caraka and Sandiman; others 403 or only themselves', async () => {
      const carakas = (await expectStatus(pengguna(staff.kasi, 'caraka'), 200)).body.data as unknown as { id: number }[];
      expect(carakas.map((user) => user.id)).toEqual(expect.arrayContaining([staff.caraka.id, staff.carakaLain.id]));
      const sandimans = (await expectStatus(pengguna(staff.kasi, 'sandiman'), 200)).body.data as unknown as { id: number }[];
      expect(sandimans.map((user) => user.id)).toEqual(expect.arrayContaining([staff.sandiman.id, staff.sandimanLain.id]));
      await expectStatus(pengguna(staff.kasi, 'operator'), 403);
      await expectStatus(pengguna(staff.operator, 'caraka'), 403);
      await expectStatus(pengguna(staff.kabid, 'sandiman'), 403);
      await expectStatus(pengguna(staff.caraka, 'kasi'), 403);
      const self = await expectStatus(pengguna(staff.caraka, 'caraka'), 200);
      expect(self.body.data).toEqual([{ id: staff.caraka.id, nama: 'Cakra Caraka' }]);
      await expectStatus(pengguna(staff.kasi, 'bukan-peran'), 400);
    });
  });

  describe('item 4: what was registered or approved changes only by an audited correction', () => {
    let approved: string;

    it('after all three paraf the Operator cannot change sifat, perihal or waktuDiterima in the content manager (403), tenggat stays', async () => {
      approved = await walkBeritaTo(app, beritaStaff, 'diparaf_kadis', { perihal: 'Berita yang sudah diparaf' });
      const before = await app.strapi.db.query(BERITA).findOne({ where: { documentId: approved } });
      const rowsBefore = (await audit(approved)).length;
      for (const change of [
        { sifat: 'rahasia' },
        { perihal: 'Perihal diganti diam-diam' },
        { waktuDiterima: '2026-11-20T01:00:00.000Z' },
        { pengirim: 'Pihak lain' },
      ]) {
        const refused = await expectStatus(cmUpdate(app, staff.operator, BERITA, approved, change), 403);
        expect(refused.body.error?.message).toMatch(/koreksi/);
      }
      const after = await app.strapi.db.query(BERITA).findOne({ where: { documentId: approved } });
      expect([after.sifat, after.perihal, after.pengirim, after.tenggat, after.waktuDiterima]).toEqual([
        before.sifat,
        before.perihal,
        before.pengirim,
        before.tenggat,
        before.waktuDiterima,
      ]);
      expect((await audit(approved)).length).toBe(rowsBefore);
    });

    it('a content-manager write of another field is an audit row naming the writer and the fields, with a digest', async () => {
      // the edit view sends the whole form back: unchanged frozen fields pass, only isiRingkas changed
      const current = await app.strapi.db.query(BERITA).findOne({ where: { documentId: approved } });
      const form = {
        perihal: current.perihal,
        pengirim: current.pengirim,
        sifat: current.sifat,
        waktuDiterima: new Date(current.waktuDiterima).toISOString(),
        isiRingkas: 'Ringkasan yang diperbaiki.',
      };
      await expectStatus(cmUpdate(app, staff.operator, BERITA, approved, form), 200);
      const last = (await audit(approved)).pop()!;
      expect(last).toMatchObject({ dari: 'diparaf_kadis', ke: 'diubah', aktor_id: staff.operator.id, aktor_nama: 'Oki Operator' });
      expect(last.catatan).toBe('Diubah lewat panel admin (content manager): isiRingkas.');
      expect(last.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(last.catatan).not.toContain('Ringkasan yang diperbaiki');
    });

    it('the correction is an SOP step: role (403), catatan (400), old and new values in the audit row; tenggat follows the receipt time', async () => {
      const body = {
        catatan: 'Salah ketik saat registrasi',
        data: { perihal: 'Berita yang sudah diparaf (dikoreksi)', waktuDiterima: '2026-11-26T08:00:00+07:00' },
      };
      await expectStatus(koreksi(staff.caraka, 'berita', approved, body), 403);
      await expectStatus(koreksi(staff.kabid, 'berita', approved, body), 403);
      await expectStatus(koreksi(staff.operator, 'berita', approved, { data: body.data }), 400);
      await expectStatus(koreksi(staff.operator, 'berita', approved, { catatan: 'x', data: { waktuDiterima: '1999-01-01T08:00:00+07:00' } }), 400);
      await expectStatus(koreksi(staff.operator, 'berita', approved, { catatan: 'x', data: { nomorAgenda: '9999/2026' } }), 400);
      const before = await app.strapi.db.query(BERITA).findOne({ where: { documentId: approved } });
      const done = await expectStatus(koreksi(staff.operator, 'berita', approved, body), 200);
      expect(done.body.data).toMatchObject({ tahap: 'diparaf_kadis' });
      const after = await app.strapi.db.query(BERITA).findOne({ where: { documentId: approved } });
      expect(after).toMatchObject({ tahap: 'diparaf_kadis', perihal: 'Berita yang sudah diparaf (dikoreksi)', nomorAgenda: before.nomorAgenda });
      expect(new Date(after.waktuDiterima).toISOString()).toBe('2026-11-26T01:00:00.000Z');
      // Thursday 08.00 WIB + one service day (420 working minutes: 08–12 and 13–16) → Thursday 16.00 WIB
      expect(new Date(after.tenggat).toISOString()).toBe('2026-11-26T09:00:00.000Z');
      const last = (await audit(approved)).pop()!;
      expect(last).toMatchObject({ dari: 'diparaf_kadis', ke: 'koreksi', aktor_id: staff.operator.id });
      expect(last.catatan).toContain('Salah ketik saat registrasi');
      expect(last.catatan).toContain(`perihal "${before.perihal}" → "Berita yang sudah diparaf (dikoreksi)"`);
      expect(last.catatan).toContain(`waktuDiterima "${new Date(before.waktuDiterima).toISOString()}" → "2026-11-26T01:00:00.000Z"`);
      const riwayat = (await expectStatus(sopView(app, staff.kadis, 'berita', approved), 200)).body.data.riwayat as { ke: string; catatan: string }[];
      expect(riwayat.at(-1)).toMatchObject({ ke: 'koreksi' });
      expect(riwayat.at(-1)!.catatan).toContain('→');
      // the Caraka's grant leaves out pengirim and waktuDiterima: the note stays, the values do not
      const carakaView = (await expectStatus(sopView(app, staff.caraka, 'berita', approved), 200)).body.data.riwayat as {
        ke: string;
        catatan: string;
      }[];
      expect(carakaView.at(-1)!.catatan).toContain('Salah ketik saat registrasi');
      expect(carakaView.at(-1)!.catatan).not.toContain('→');
      expect(carakaView.at(-1)!.catatan).not.toContain(before.perihal);
    });

    it('a correction is offered as no forward step and puts nothing in a queue; the record moves on as before', async () => {
      expect(await aksi(staff.operator, 'berita', approved)).toEqual(['batal']);
      expect(await aksi(staff.kasi, 'berita', approved)).toEqual(['ditugaskan_ke_caraka', 'diperiksa']);
      await expectStatus(transit(app, staff.kasi, 'berita', approved, 'ditugaskan_ke_caraka', { data: { caraka: staff.caraka.id } }), 200);
    });

    it('a berita not yet registered is edited directly; the correction step answers 409 there', async () => {
      const fresh = await walkBeritaTo(app, beritaStaff, 'diperiksa', { perihal: 'Belum diagendakan' });
      await expectStatus(koreksi(staff.operator, 'berita', fresh, { catatan: 'x', data: { perihal: 'Belum diagendakan (ubah)' } }), 409);
      await expectStatus(cmUpdate(app, staff.operator, BERITA, fresh, { perihal: 'Belum diagendakan (ubah)', sifat: 'terbatas' }), 200);
      const last = (await audit(fresh)).pop()!;
      expect(last).toMatchObject({ ke: 'diubah', catatan: 'Diubah lewat panel admin (content manager): perihal, sifat.' });
    });

    let kriptogram: string;

    it('a kriptogram before assignment: only its registering Sandiman (and the Kasi) edit it; the classification is frozen once registered', async () => {
      kriptogram = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dilaporkan', {
        klasifikasi: 'rahasia',
        nomorKriptogram: 'KR-0201/JKS/XI/2026',
      });
      const other = await expectStatus(cmUpdate(app, staff.sandimanLain, KRIPTOGRAM, kriptogram, { klasifikasi: 'terbatas' }), 403);
      expect(other.body.error?.message).toMatch(/Sandiman yang mencatatnya/);
      await expectStatus(cmUpdate(app, staff.sandimanLain, KRIPTOGRAM, kriptogram, { teksKriptogram: 'UBAH' }), 403);
      const frozen = await expectStatus(cmUpdate(app, staff.sandiman, KRIPTOGRAM, kriptogram, { klasifikasi: 'terbatas' }), 403);
      expect(frozen.body.error?.message).toMatch(/koreksi/);
      await expectStatus(cmUpdate(app, staff.sandiman, KRIPTOGRAM, kriptogram, { teksKriptogram: 'XKQWT PLMZR AABCE QQRTX' }), 200);
      const row = await app.strapi.db.query(KRIPTOGRAM).findOne({ where: { documentId: kriptogram } });
      expect(row.klasifikasi).toBe('rahasia');
      expect((await audit(kriptogram)).pop()).toMatchObject({
        ke: 'diubah',
        aktor_id: staff.sandiman.id,
        catatan: 'Diubah lewat panel admin (content manager): teksKriptogram.',
      });
    });

    it('after assignment only the assigned Sandiman (and the Kasi) edit or correct it; lowering Rahasia to Terbatas is an audited koreksi', async () => {
      await expectStatus(
        transit(app, staff.kasi, 'kriptogram', kriptogram, 'ditugaskan_deskripsi', { data: { sandiman: staff.sandimanLain.id } }),
        200
      );
      await expectStatus(cmUpdate(app, staff.sandiman, KRIPTOGRAM, kriptogram, { teksKriptogram: 'LAGI' }), 403);
      await expectStatus(cmUpdate(app, staff.sandimanLain, KRIPTOGRAM, kriptogram, { teksKriptogram: 'XKQWT PLMZR AABCE QQRTY' }), 200);
      const body = { catatan: 'Klasifikasi salah dibaca dari amplop', data: { klasifikasi: 'terbatas' } };
      await expectStatus(koreksi(staff.sandiman, 'kriptogram', kriptogram, body), 403);
      await expectStatus(koreksi(staff.operator, 'kriptogram', kriptogram, body), 403);
      await expectStatus(koreksi(staff.sandimanLain, 'kriptogram', kriptogram, { data: body.data }), 400);
      // lowering a classification widens who may read the record: only the Kasi may
      const lowered = await expectStatus(koreksi(staff.sandimanLain, 'kriptogram', kriptogram, body), 403);
      expect(lowered.body.error?.message).toMatch(/Hanya Kasi yang dapat menurunkan klasifikasi/);
      await expectStatus(koreksi(staff.kasi, 'kriptogram', kriptogram, body), 200);
      const row = await app.strapi.db.query(KRIPTOGRAM).findOne({ where: { documentId: kriptogram } });
      expect(row).toMatchObject({ klasifikasi: 'terbatas', tahap: 'ditugaskan_deskripsi' });
      const last = (await audit(kriptogram)).pop()!;
      expect(last).toMatchObject({ ke: 'koreksi', aktor_id: staff.kasi.id });
      expect(last.catatan).toContain('klasifikasi "rahasia" → "terbatas"');
      // raising it again is for the assigned Sandiman too
      await expectStatus(
        koreksi(staff.sandimanLain, 'kriptogram', kriptogram, { catatan: 'Dikembalikan sesuai amplop', data: { klasifikasi: 'rahasia' } }),
        200
      );
    });

    it('every write through the document service is audited, code included: create, update and delete', async () => {
      const created = await app.strapi
        .documents(BERITA)
        .create({ data: { perihal: 'Dibuat oleh kode', pengirim: 'Sistem uji', sifat: 'biasa', derajatKecepatan: 'biasa' } as never });
      await app.strapi.documents(BERITA).update({ documentId: created.documentId, data: { isiRingkas: 'Ringkas' } as never });
      await app.strapi.documents(BERITA).delete({ documentId: created.documentId });
      const rows = await audit(created.documentId);
      expect(rows.map((row) => [row.ke, row.aktor_nama, row.aktor_id])).toEqual([
        ['diterima', 'Sistem', null],
        ['diubah', 'Sistem', null],
        ['dihapus', 'Sistem', null],
      ]);
      expect(rows[1].catatan).toBe('Diubah lewat kode server: isiRingkas.');
      const viaCm = await expectStatus(
        cmCreate(app, staff.sandiman, KRIPTOGRAM, {
          nomorKriptogram: 'KR-0300',
          asal: 'Provinsi',
          klasifikasi: 'terbatas',
          derajatKecepatan: 'biasa',
        }),
        201
      );
      expect((await audit(String(viaCm.body.data.documentId)))[0]).toMatchObject({ ke: 'diterima', dari: null, aktor_id: staff.sandiman.id });
      const verify = await expectStatus(app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi.token}`), 200);
      expect(verify.body.data.ok).toBe(true);
    });

    it('a write whose audit row fails is not committed (write and row commit together)', async () => {
      const documentId = await walkBeritaTo(app, beritaStaff, 'diterima', { perihal: 'Tulis bersama jejak' });
      const rowsBefore = (await audit(documentId)).length;
      await installAuditFault(app.strapi.db.connection, app.database.client);
      try {
        const response = await cmUpdate(app, staff.operator, BERITA, documentId, { perihal: 'Tidak boleh tersimpan' });
        expect(response.status).toBeGreaterThanOrEqual(400);
      } finally {
        await removeAuditFault(app.strapi.db.connection, app.database.client);
      }
      expect((await audit(documentId)).length).toBe(rowsBefore);
      const row = await app.strapi.db.query(BERITA).findOne({ where: { documentId } });
      expect(row.perihal).toBe('Tulis bersama jejak');
    });
  });
});
