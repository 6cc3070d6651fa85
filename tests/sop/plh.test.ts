/**
 * Issue 16, acting officials (Plh / Plt, Permendagri 1/2023): the Kepala Dinas names a deputy
 * for a role and a period; during it the deputy acts for the role, the record, the audit and the
 * letters keep both names, the e-mails reach the deputy; overlaps, self-delegation and expired
 * windows are refused; three paraf still need three people; after the window the deputy is refused.
 */
import { readAuditFor } from '../../src/plugins/sop/server/src/services/audit';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { blokPelaksana } from '../../src/domain/letters/kop';
import { periksaPenunjukan } from '../../src/domain/pelaksana';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, sopView, transit, walkBeritaTo } from '../helpers/sop';
import { bukaDocx, expectFile, unduh, walkKriptogramTo } from '../letters/unduh';

const UID = 'api::pelaksana.pelaksana';
const JAM = 3600_000;
const PLH_KASI = `Plh. ${ROLE.kasi}`;

describe('acting officials: the rules (pure)', () => {
  const now = new Date('2026-11-30T03:00:00Z');
  const dasar = {
    peran: 'kasi' as const,
    jenis: 'plh' as const,
    pejabatId: 1,
    pelaksanaId: 2,
    mulai: now,
    selesai: new Date(now.getTime() + 8 * JAM),
  };

  it('refuses self-delegation, an inverted or past window and an overlap for the same role; allows another role', () => {
    expect(periksaPenunjukan(dasar, [], now)).toBeNull();
    expect(periksaPenunjukan({ ...dasar, pelaksanaId: 1 }, [], now)).toMatch(/dirinya sendiri/);
    expect(periksaPenunjukan({ ...dasar, selesai: dasar.mulai }, [], now)).toMatch(/sesudah waktu mulai/);
    expect(periksaPenunjukan({ ...dasar, mulai: new Date(now.getTime() - 48 * JAM), selesai: new Date(now.getTime() - 24 * JAM) }, [], now)).toMatch(
      /sudah berakhir/
    );
    const ada = {
      ...dasar,
      documentId: 'a',
      pelaksanaId: 3,
      namaPelaksana: 'Dodi',
      mulai: new Date(now.getTime() + 4 * JAM),
      selesai: new Date(now.getTime() + 30 * JAM),
    };
    expect(periksaPenunjukan(dasar, [ada], now)).toMatch(/tumpang tindih .*Dodi/);
    expect(periksaPenunjukan({ ...dasar, documentId: 'a' }, [ada], now)).toBeNull(); // itself
    expect(periksaPenunjukan({ ...dasar, peran: 'kabid' }, [ada], now)).toBeNull();
    expect(periksaPenunjukan({ ...dasar, selesai: ada.mulai }, [ada], now)).toBeNull(); // touching, not overlapping
  });

  it('the signature block of an acting official: "Plh. <jabatan>" above the deputy’s own name', () => {
    const umum = { kasiJabatan: ROLE.kasi, kasiNama: 'Siti Kasi', kasiNip: '19800101 200501 2 001' };
    const tanda = { nama: 'Budi Sandiman', peran: PLH_KASI, atasNama: 'Siti Kasi', waktu: now.toISOString() };
    expect(blokPelaksana('kasi', tanda, umum)).toMatchObject({ kasiJabatan: PLH_KASI, kasiNama: 'Budi Sandiman' });
    expect(blokPelaksana('kasi', { ...tanda, peran: `Plt. ${ROLE.kasi}` }, umum).kasiJabatan).toBe(`Plt. ${ROLE.kasi}`);
    expect(blokPelaksana('kasi', { nama: 'Siti Kasi', peran: ROLE.kasi, waktu: now.toISOString() }, umum)).toEqual({});
  });
});

describe('acting officials (Plh / Plt) over HTTP', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<'operator' | 'kasi' | 'kabid' | 'kadis' | 'caraka' | 'plh', AdminSession> = {} as never;
  let mandate = '';

  const window = (fromHours: number, toHours: number) => ({
    mulai: new Date(Date.now() + fromHours * JAM).toISOString(),
    selesai: new Date(Date.now() + toHours * JAM).toISOString(),
  });
  const naming = (extra: Record<string, unknown> = {}) => ({
    peran: 'kasi',
    jenis: 'plh',
    pejabatId: staff.kasi.id,
    pelaksanaId: staff.plh.id,
    alasan: 'Cuti tahunan',
    ...window(-1, 8),
    ...extra,
  });

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Siti', lastname: 'Kasi' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabul', lastname: 'Kabid' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.plh = await createAdminSession(app, ROLE.sandiman, { firstname: 'Budi', lastname: 'Sandiman' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('the Kepala Dinas names a Plh Kasi for today; the names are the users’, the write is audited', async () => {
    const response = await cmCreate(app, staff.kadis, UID, naming({ namaPejabat: 'Nama palsu' }));
    expect(response.status).toBe(201);
    mandate = String(response.body.data.documentId);
    expect(response.body.data).toMatchObject({ peran: 'kasi', jenis: 'plh', namaPejabat: 'Siti Kasi', namaPelaksana: 'Budi Sandiman' });
    const audit = await readAuditFor(app.strapi.db.connection, 'pelaksana', mandate);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ke: 'dibuat', aktorId: staff.kadis.id, aktorNama: 'Dina Kadis' });
  });

  it('refuses, in Indonesian: an overlap, self-delegation, an expired or inverted window, a deputy who holds the role', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [naming({ pelaksanaId: staff.operator.id, ...window(4, 30) }), /tumpang tindih.*Budi Sandiman/],
      [naming({ pelaksanaId: staff.kasi.id, ...window(48, 50) }), /tidak dapat menunjuk dirinya sendiri/],
      [naming({ ...window(-72, -48) }), /sudah berakhir seluruhnya/],
      [naming({ mulai: window(60, 0).mulai, selesai: window(0, 59).selesai }), /Waktu selesai harus sesudah waktu mulai/],
    ];
    for (const [data, message] of cases) {
      const response = await cmCreate(app, staff.kadis, UID, data);
      expect({ status: response.status, message: response.body.error?.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
    }
    const kasiLain = await createAdminSession(app, ROLE.kasi, { firstname: 'Sari', lastname: 'Kasi' });
    const holder = await cmCreate(app, staff.kadis, UID, naming({ pelaksanaId: kasiLain.id, ...window(100, 101) }));
    expect({ status: holder.status, message: holder.body.error?.message }).toEqual({ status: 400, message: expect.stringMatching(/sudah menjabat/) });
    const wrongHolder = await cmCreate(app, staff.kadis, UID, naming({ pejabatId: staff.caraka.id, ...window(100, 101) }));
    expect({ status: wrongHolder.status, message: wrongHolder.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/bukan Kepala Seksi/),
    });
    expect(await app.strapi.db.query(UID as never).count({})).toBe(1);
  });

  it('a Caraka, the Kasi and the Plh cannot name or change a deputy', async () => {
    for (const who of [staff.caraka, staff.kasi, staff.plh]) {
      const created = await cmCreate(app, who, UID, naming({ peran: 'kabid', pejabatId: staff.kabid.id, ...window(200, 201) }));
      expect(created.status).toBe(403);
      const changed = await cmUpdate(app, who, UID, mandate, { alasan: 'diubah' });
      expect(changed.status).toBe(403);
    }
    expect(await app.strapi.db.query(UID as never).count({})).toBe(1);
  });

  it('the Plh hears of the berita waiting for the Kasi, gives the paraf, and the record, history and kartu kendali keep both names', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi');
    const mail = await smtp.waitFor((one) => one.to.includes(staff.plh.email) && one.text.includes('Diteruskan ke Kasi'));
    expect(mail.text).toContain('Paraf Kasi');
    // the holder hears too: a Plh stands in, the holder is not removed from the role
    await smtp.waitFor((one) => one.to.includes(staff.kasi.email) && one.text.includes('Diteruskan ke Kasi'));

    const before = await sopView(app, staff.plh, 'berita', documentId);
    expect(before.status).toBe(200);
    expect(before.body.data.aksi.map((aksi: { ke: string }) => aksi.ke)).toContain('diparaf_kasi');
    const paraf = await transit(app, staff.plh, 'berita', documentId, 'diparaf_kasi');
    expect(paraf.status).toBe(200);

    const view = await sopView(app, staff.kasi, 'berita', documentId);
    const step = (view.body.data.riwayat as { ke: string; oleh: { id: number; nama: string; peran: string } }[]).find(
      (one) => one.ke === 'diparaf_kasi'
    );
    expect(step?.oleh).toEqual({ id: staff.plh.id, nama: 'Budi Sandiman', peran: `${PLH_KASI}, a.n. Siti Kasi` });
    const audit = await readAuditFor(app.strapi.db.connection, 'berita', documentId);
    expect(audit.find((row) => row.ke === 'diparaf_kasi')).toMatchObject({ aktorId: staff.plh.id, aktorPeran: `${PLH_KASI}, a.n. Siti Kasi` });

    const row = (await app.strapi.db.query('api::berita.berita').findOne({
      where: { documentId },
      populate: { kartuKendali: { populate: ['parafKasi'] } },
    })) as { kartuKendali: { parafKasi: Record<string, unknown> } };
    expect(row.kartuKendali.parafKasi).toMatchObject({ userId: staff.plh.id, nama: 'Budi Sandiman', peran: PLH_KASI, atasNama: 'Siti Kasi' });

    const kartu = bukaDocx(expectFile(await unduh(app, staff.kasi, `/sop/berita/${documentId}/dokumen/kartu-kendali`)).bytes);
    expect(kartu.teks).toContain('Budi Sandiman');
    expect(kartu.teks).toContain(`${PLH_KASI}, a.n. Siti Kasi`);

    // the Kabid is told next; the Plh, named also Plt Kabid, still may not give a second paraf
    await smtp.waitFor((one) => one.to.includes(staff.kabid.email) && one.text.includes('Diparaf Kasi') && one.text.includes('Budi Sandiman'));
    const second = await cmCreate(app, staff.kadis, UID, naming({ peran: 'kabid', jenis: 'plt', pejabatId: staff.kabid.id }));
    expect(second.status).toBe(201);
    const refused = await transit(app, staff.plh, 'berita', documentId, 'diparaf_kabid');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/tiga orang yang berbeda/);
    expect((await transit(app, staff.kabid, 'berita', documentId, 'diparaf_kabid')).status).toBe(200);
    await app.strapi.db.query(UID as never).delete({ where: { documentId: String(second.body.data.documentId) } });
  });

  it('after the window the deputy is refused, and ending a mandate early is audited', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi');
    const ended = await cmUpdate(app, staff.kadis, UID, mandate, { selesai: new Date(Date.now() + 1000).toISOString() });
    expect(ended.status).toBe(200);
    const audit = await readAuditFor(app.strapi.db.connection, 'pelaksana', mandate);
    expect(audit.map((row) => row.ke)).toEqual(['dibuat', 'diubah']);
    expect(audit[1].catatan).toContain('selesai');
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const view = await sopView(app, staff.plh, 'berita', documentId);
    expect(view.status).toBe(403);
    const refused = await transit(app, staff.plh, 'berita', documentId, 'diparaf_kasi');
    expect(refused.status).toBe(403);
    // over: it no longer changes
    const late = await cmUpdate(app, staff.kadis, UID, mandate, { alasan: 'diubah sesudahnya' });
    expect({ status: late.status, message: late.body.error?.message }).toEqual({ status: 403, message: expect.stringMatching(/sudah berakhir/) });
    expect((await transit(app, staff.kasi, 'berita', documentId, 'diparaf_kasi')).status).toBe(200);
  });

  it('a Plt Kasi signs a salinan: the surat pengantar prints "Plt. Kepala Seksi …" above the deputy’s name', async () => {
    const named = await cmCreate(app, staff.kadis, UID, naming({ jenis: 'plt', ...window(0, 8) }));
    expect(named.status).toBe(201);
    const sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Man' });
    const documentId = await walkKriptogramTo(app, { sandiman, kasi: staff.kasi }, 'diparaf_sandiman');
    const signed = await transit(app, staff.plh, 'kriptogram', documentId, 'ditandatangani_kasi');
    expect(signed.status).toBe(200);
    const surat = bukaDocx(expectFile(await unduh(app, staff.kasi, `/sop/kriptogram/${documentId}/dokumen/surat-pengantar`)).bytes);
    expect(surat.teks).toContain(`Plt. ${ROLE.kasi},`);
    expect(surat.teks).toContain('Budi Sandiman');
    expect(surat.teks).toContain(`oleh Budi Sandiman, Plt. ${ROLE.kasi}, a.n. Siti Kasi`);
  });

  it('a Caraka named Plh Kasi reads what the Kasi may read in the /sop views and "Antrian saya", corrects as "Plh."; nothing of it after the mandate', async () => {
    // one deputy per role at a time: the Plt Kasi of the test above steps down first
    await app.strapi.db.query(UID as never).deleteMany({ where: { peran: 'kasi' } });
    const named = await cmCreate(app, staff.kadis, UID, naming({ pelaksanaId: staff.caraka.id }));
    expect(named.status).toBe(201);
    const documentId = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Undangan rapat koordinasi' });
    const sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Dua' });
    const kriptogram = await walkKriptogramTo(app, { sandiman, kasi: staff.kasi }, 'dilaporkan');
    const antrian = async () =>
      (
        (await app.http().get('/sop/antrian').set('Authorization', `Bearer ${staff.caraka.token}`)).body.data as {
          documentId: string;
          judul: string;
          aksi: { ke: string }[];
        }[]
      ).filter((item) => item.documentId === documentId || item.documentId === kriptogram);
    const jenis = async () =>
      ((await sopView(app, staff.caraka, 'berita', documentId)).body.data.dokumen as { jenis: string }[]).map((one) => one.jenis);

    // during the mandate: the Kasi's queue, named within the Kasi's read rights, and the Kasi's prints (the kartu kendali a Caraka may not read)
    const queue = await antrian();
    expect(queue.map((item) => [item.documentId, item.aksi.map((aksi) => aksi.ke)])).toEqual(
      expect.arrayContaining([
        [documentId, ['diparaf_kasi']],
        [kriptogram, ['ditugaskan_deskripsi']],
      ])
    );
    expect(queue.find((item) => item.documentId === documentId)?.judul).toContain('Undangan rapat koordinasi');
    expect((await sopView(app, staff.caraka, 'kriptogram', kriptogram)).status).toBe(200);
    expect(await jenis()).toContain('kartu-kendali');
    expectFile(await unduh(app, staff.caraka, `/sop/berita/${documentId}/dokumen/kartu-kendali`));

    // a correction the Kasi may make, recorded as the steps are: "Plh. Kepala Seksi …, a.n. Siti Kasi"
    const koreksi = await app
      .http()
      .post(`/sop/berita/${documentId}/koreksi`)
      .set('Authorization', `Bearer ${staff.caraka.token}`)
      .send({ catatan: 'Salah ketik perihal', data: { perihal: 'Undangan rapat koordinasi daerah' } });
    expect(koreksi.status).toBe(200);
    const riwayat = (await sopView(app, staff.kasi, 'berita', documentId)).body.data.riwayat as { ke: string; oleh: Record<string, unknown> }[];
    expect(riwayat.find((row) => row.ke === 'koreksi')?.oleh).toEqual({
      id: staff.caraka.id,
      nama: 'Cakra Caraka',
      peran: `${PLH_KASI}, a.n. Siti Kasi`,
    });
    // the Kasi's own correction names the Kasi alone
    const own = await app
      .http()
      .post(`/sop/berita/${documentId}/koreksi`)
      .set('Authorization', `Bearer ${staff.kasi.token}`)
      .send({ catatan: 'Pengirim dilengkapi', data: { pengirim: 'Sekretariat Daerah Provinsi Jawa Tengah' } });
    expect(own.status).toBe(200);
    const rows = await readAuditFor(app.strapi.db.connection, 'berita', documentId);
    expect(rows.filter((row) => row.ke === 'koreksi').map((row) => row.aktorPeran)).toEqual([`${PLH_KASI}, a.n. Siti Kasi`, ROLE.kasi]);

    // the mandate over: the Caraka's own rights again
    await app.strapi.db.query(UID as never).deleteMany({ where: { peran: 'kasi' } });
    expect(await antrian()).toEqual([]);
    expect(await jenis()).not.toContain('kartu-kendali');
    expectFile(await unduh(app, staff.caraka, `/sop/berita/${documentId}/dokumen/kartu-kendali`), 403);
    const refused = await app
      .http()
      .post(`/sop/berita/${documentId}/koreksi`)
      .set('Authorization', `Bearer ${staff.caraka.token}`)
      .send({ catatan: 'Lagi', data: { perihal: 'Undangan lain' } });
    expect(refused.status).toBe(403);
  });

  it('in the content manager the deputy reads and edits what the held role may, only inside the window (the admin permissions, server and panel)', async () => {
    await app.strapi.db.query(UID as never).deleteMany({ where: { peran: 'kasi' } });
    const documentId = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Rapat evaluasi', pengirim: 'Bagian Umum Setda' });
    const start = Date.now();
    // tomorrow's mandate: a Caraka stands in for the Kasi from +1 h to +9 h
    const named = await cmCreate(app, staff.kadis, UID, naming({ pelaksanaId: staff.caraka.id, ...window(1, 9) }));
    expect(named.status).toBe(201);

    const as = (path: string) => app.http().get(path).set('Authorization', `Bearer ${staff.caraka.token}`);
    const berita = async () => (await as(`/content-manager/collection-types/api::berita.berita/${documentId}`)).body.data as Record<string, unknown>;
    const kartuList = async () => (await as('/content-manager/collection-types/api::kartu-kendali.kartu-kendali')).status;
    type Permission = { action: string; subject: string | null; properties: { fields?: string[] } };
    const panel = async () => (await as('/admin/users/me/permissions')).body.data as Permission[];
    // the panel joins the fields of every permission for one action and type (DocumentRBAC); so does this
    const grant = (permissions: Permission[], action: string, subject: string) => {
      const found = permissions.filter(
        (permission) => permission.action === `plugin::content-manager.explorer.${action}` && permission.subject === subject
      );
      return found.length === 0 ? undefined : { properties: { fields: found.flatMap((permission) => permission.properties.fields ?? []) } };
    };
    const editInstansi = (telepon: string) =>
      app.http().put('/content-manager/single-types/api::instansi.instansi').set('Authorization', `Bearer ${staff.caraka.token}`).send({ telepon });
    const ownRights = async () => {
      const own = await berita();
      expect(own).toMatchObject({ perihal: 'Rapat evaluasi' });
      expect(own).not.toHaveProperty('pengirim');
      expect(await kartuList()).toBe(403);
      const permissions = await panel();
      expect(grant(permissions, 'read', 'api::berita.berita')?.properties.fields).not.toContain('pengirim');
      expect(grant(permissions, 'read', 'api::kartu-kendali.kartu-kendali')).toBeUndefined();
      expect(grant(permissions, 'update', 'api::instansi.instansi')).toBeUndefined();
      expect((await editInstansi('(0285) 000000')).status).toBe(403);
    };

    try {
      // before the window: the Caraka's own grant
      await ownRights();

      // during it: the Kasi's read rights on every field (the edit screen shows them) and the Kasi's edits
      setClock(new Date(start + 2 * JAM));
      expect(await berita()).toMatchObject({ perihal: 'Rapat evaluasi', pengirim: 'Bagian Umum Setda' });
      expect(await kartuList()).toBe(200);
      const permissions = await panel();
      expect(grant(permissions, 'read', 'api::berita.berita')?.properties.fields).toEqual(expect.arrayContaining(['pengirim', 'waktuDiterima']));
      expect(grant(permissions, 'read', 'api::kartu-kendali.kartu-kendali')).toBeDefined();
      expect(grant(permissions, 'update', 'api::instansi.instansi')).toBeDefined();
      // nothing the Kasi may not: no edit of a berita, no mandate of its own, no salinan text
      expect(grant(permissions, 'update', 'api::berita.berita')).toBeUndefined();
      expect(grant(permissions, 'create', UID)).toBeUndefined();
      expect(grant(permissions, 'read', 'api::salinan.salinan')?.properties.fields).not.toContain('isi');
      expect((await cmUpdate(app, staff.caraka, 'api::berita.berita', documentId, { perihal: 'Diubah Plh' })).status).toBe(403);
      const edited = await editInstansi('(0285) 111111');
      expect(edited.status).toBe(200);
      expect(edited.body.data.telepon).toBe('(0285) 111111');

      // after it: the Caraka's own grant again, in the panel and on the server
      setClock(new Date(start + 10 * JAM));
      await ownRights();
    } finally {
      setClock(null);
    }
  });
});
