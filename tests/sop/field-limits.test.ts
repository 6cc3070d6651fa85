/**
 * Issue 11 §2: every limit is the same on SQLite and PostgreSQL. The longest value each
 * field allows walks through creation and every SOP step that copies it (and prints), and
 * one character more is a 400 that names the field — never a 500 from the database.
 * Run with TEST_DATABASE=postgres too: PostgreSQL is where a `varchar(255)` used to break.
 */
import { createAdminSession, findRole, loginAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, ROLE, sopView, transit } from '../helpers/sop';

const long = (length: number, stem = 'Perihal panjang '): string => stem.repeat(Math.ceil(length / stem.length)).slice(0, length);
const EMAIL_254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.id`;

const PENERIMA_TERPANJANG = [
  { nama: long(150, 'Nama '), jabatan: long(200, 'Jabatan '), kategori: 'walikota', saluran: 'ajudan', alamat: long(300, 'Jalan Merdeka ') },
  { nama: long(150, 'Kepala '), jabatan: long(200, 'Kepala OPD '), kategori: 'kepala_opd', saluran: 'caraka', alamat: long(300, 'Gedung ') },
];

type Response = {
  status: number;
  body: { data?: Record<string, unknown>; error?: { status: number; name: string; message: string; details?: unknown } };
};

const expectStatus = async (pending: PromiseLike<unknown>, status: number, what: string): Promise<Response> => {
  const response = (await pending) as Response;
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body).slice(0, 800)}`);
  return response;
};

/** A 400 whose error names `field` (in the message or in a detail's path), never a 500. */
const expectRefusedNaming = async (pending: PromiseLike<unknown>, field: string, what: string): Promise<void> => {
  const response = await expectStatus(pending, 400, what);
  expect(response.body.data ?? null).toBeNull();
  expect(JSON.stringify(response.body.error)).toContain(field);
};

describe('field limits: the longest allowed values pass every step on this database, one more is a 400', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
    staff.admin = await createAdminSession(app, 'Super Admin');
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const step = (
    session: AdminSession,
    model: string,
    documentId: string,
    ke: string,
    extra: { catatan?: string; data?: Record<string, unknown> } = {}
  ) => expectStatus(transit(app, session, model, documentId, ke, extra), 200, `${model} → ${ke}`);

  const download = async (session: AdminSession, path: string) => {
    const response = await app
      .http()
      .get(path)
      .set('Authorization', `Bearer ${session.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${String(response.body).slice(0, 400)}`);
    expect((response.body as Buffer).length).toBeGreaterThan(1000);
  };

  it('berita: perihal 300, pengirim 200, recipients (nama 150, jabatan 200, alamat 280–300), kartu kendali fields, catatan 2000 — through every step and print', async () => {
    const created = await expectStatus(
      cmCreate(app, staff.operator, 'api::berita.berita', {
        perihal: long(300),
        pengirim: long(200, 'Badan Siber '),
        waktuDiterima: '2026-11-23T03:00:00.000Z',
        nomorSurat: long(100, 'B-123/'),
        sifat: 'biasa',
        derajatKecepatan: 'segera',
        isiRingkas: long(2000, 'Ringkasan '),
        penerima: [...PENERIMA_TERPANJANG, { ...PENERIMA_TERPANJANG[1], alamat: long(280, 'Alamat ') }],
      }),
      201,
      'create berita'
    );
    const documentId = String(created.body.data!.documentId);
    await step(staff.operator, 'berita', documentId, 'diperiksa');
    await step(staff.operator, 'berita', documentId, 'dicetak');
    await step(staff.operator, 'berita', documentId, 'diagendakan');
    await step(staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', {
      data: { indeks: long(100, 'Indeks '), kodeKlasifikasi: long(20, '048.'), pengolah: long(150, 'Pengolah '), catatan: long(1000, 'Catatan ') },
    });
    await step(staff.kasi, 'berita', documentId, 'diparaf_kasi');
    // sent back with the longest catatan, then up the ranks again
    await step(staff.kabid, 'berita', documentId, 'diperiksa', { catatan: long(2000, 'Perbaiki ') });
    await step(staff.operator, 'berita', documentId, 'dicetak');
    await step(staff.operator, 'berita', documentId, 'diagendakan');
    await step(staff.operator, 'berita', documentId, 'diteruskan_ke_kasi');
    await step(staff.kasi, 'berita', documentId, 'diparaf_kasi');
    await step(staff.kabid, 'berita', documentId, 'diparaf_kabid');
    await step(staff.kadis, 'berita', documentId, 'diparaf_kadis');
    await step(staff.kasi, 'berita', documentId, 'ditugaskan_ke_caraka', { data: { caraka: staff.caraka.id } });
    const view = await expectStatus(sopView(app, staff.caraka, 'berita', documentId), 200, 'view');
    const copies = view.body.data!.distribusi as { documentId: string; penerima: { alamat?: string } }[];
    expect(copies).toHaveLength(3);
    expect(copies.map((copy) => copy.penerima.alamat?.length).sort()).toEqual([280, 300, 300]);
    for (const copy of copies) {
      await step(staff.caraka, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: long(150, 'Penerima ') } });
    }
    await step(staff.caraka, 'berita', documentId, 'didistribusikan');
    await step(staff.caraka, 'berita', documentId, 'tanda_terima_diserahkan');
    await step(staff.operator, 'berita', documentId, 'diarsipkan');

    const stored = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId } })) as { perihal: string };
    expect(stored.perihal).toBe(long(300));
    for (const jenis of ['kartu-kendali', 'tanda-terima']) await download(staff.operator, `/sop/berita/${documentId}/dokumen/${jenis}`);
    await download(staff.operator, '/sop/agenda/surat-masuk?dari=2026-11-01&sampai=2026-12-31&format=docx');
    await download(staff.operator, '/sop/agenda/surat-masuk?dari=2026-11-01&sampai=2026-12-31&format=xlsx');
  });

  it('berita: one character over any limit is a 400 naming the field, on create, edit and step', async () => {
    const base = {
      perihal: 'Perihal uji',
      pengirim: 'BSSN',
      waktuDiterima: '2026-11-23T03:00:00.000Z',
      sifat: 'biasa',
      derajatKecepatan: 'biasa',
      penerima: [],
    };
    await expectRefusedNaming(cmCreate(app, staff.operator, 'api::berita.berita', { ...base, perihal: long(301) }), 'perihal', 'perihal 301');
    await expectRefusedNaming(
      cmCreate(app, staff.operator, 'api::berita.berita', { ...base, penerima: [{ ...PENERIMA_TERPANJANG[0], alamat: long(301) }] }),
      'alamat',
      'alamat 301'
    );
    await expectRefusedNaming(cmCreate(app, staff.operator, 'api::berita.berita', { ...base, pengirim: long(201) }), 'pengirim', 'pengirim 201');
    const created = await expectStatus(
      cmCreate(app, staff.operator, 'api::berita.berita', { ...base, penerima: PENERIMA_TERPANJANG }),
      201,
      'create'
    );
    const documentId = String(created.body.data!.documentId);
    await expectRefusedNaming(
      app
        .http()
        .put(`/content-manager/collection-types/api::berita.berita/${documentId}`)
        .set('Authorization', `Bearer ${staff.operator.token}`)
        .send({ perihal: long(301) }),
      'perihal',
      'edit perihal 301'
    );
    await expectRefusedNaming(
      transit(app, staff.operator, 'berita', documentId, 'batal', { catatan: long(2001, 'Batal ') }),
      'catatan',
      'catatan 2001'
    );
    await step(staff.operator, 'berita', documentId, 'diperiksa');
    await step(staff.operator, 'berita', documentId, 'dicetak');
    await step(staff.operator, 'berita', documentId, 'diagendakan');
    await expectRefusedNaming(
      transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: { pengolah: long(151) } }),
      'data.pengolah',
      'pengolah 151'
    );
  });

  it('kriptogram: asal 200, salinan perihal 280 and 300, lampiran 200, berkas name 200, recipients at their limits — through numbering, receipts and print', async () => {
    const created = await expectStatus(
      cmCreate(app, staff.sandiman, 'api::kriptogram.kriptogram', {
        nomorKriptogram: long(100, 'KR-0100/'),
        asal: long(200, 'Jaring Komunikasi '),
        klasifikasi: 'rahasia',
        derajatKecepatan: 'segera',
        teksKriptogram: 'XKQWT PLMZR AABCE QQRTS',
      }),
      201,
      'create kriptogram'
    );
    const documentId = String(created.body.data!.documentId);
    const salinan = (perihal: string) => ({
      perihal,
      isi: 'Isi salinan uji.',
      lampiran: long(200, 'Satu berkas '),
      berkas: { nama: long(200, 'Berkas ž '), tipe: 'text/plain', base64: Buffer.from('Lampiran uji').toString('base64') },
      penerima: PENERIMA_TERPANJANG,
    });
    await step(staff.sandiman, 'kriptogram', documentId, 'diagendakan');
    await step(staff.sandiman, 'kriptogram', documentId, 'dilaporkan');
    await step(staff.kasi, 'kriptogram', documentId, 'ditugaskan_deskripsi', { data: { sandiman: staff.sandiman.id } });
    await expectRefusedNaming(
      transit(app, staff.sandiman, 'kriptogram', documentId, 'dideskripsi', { data: { salinan: salinan(long(301)) } }),
      'data.salinan.perihal',
      'salinan perihal 301'
    );
    await expectRefusedNaming(
      transit(app, staff.sandiman, 'kriptogram', documentId, 'dideskripsi', {
        data: { salinan: { ...salinan('Perihal'), penerima: [{ ...PENERIMA_TERPANJANG[0], alamat: long(301) }] } },
      }),
      'data.salinan.penerima.0.alamat',
      'salinan alamat 301'
    );
    await step(staff.sandiman, 'kriptogram', documentId, 'dideskripsi', { data: { salinan: salinan(long(280)) } });
    await step(staff.sandiman, 'kriptogram', documentId, 'diparaf_sandiman', { data: { salinan: salinan(long(300)) } });
    await step(staff.kasi, 'kriptogram', documentId, 'ditandatangani_kasi');
    await step(staff.sandiman, 'kriptogram', documentId, 'dinomori', { data: { checklist: { cap: true, amplop: true, amplopRangkap: true } } });
    const view = await expectStatus(sopView(app, staff.sandiman, 'kriptogram', documentId), 200, 'view');
    for (const copy of view.body.data!.distribusi as { documentId: string }[]) {
      await step(staff.sandiman, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: long(150, 'Penerima ') } });
    }
    await step(staff.sandiman, 'kriptogram', documentId, 'didistribusikan');
    await step(staff.sandiman, 'kriptogram', documentId, 'diarsipkan');
    const row = (await app.strapi.db.query('api::salinan.salinan').findOne({ where: { perihal: long(300) } })) as { perihal: string } | null;
    expect(row?.perihal).toBe(long(300));
    for (const jenis of ['surat-pengantar', 'salinan', 'resi']) await download(staff.sandiman, `/sop/kriptogram/${documentId}/dokumen/${jenis}`);
  });

  it('pengaduan: nama 100, kontak 254, isi 5000 from the public API and a tanggapan of 5000; one more is a 400 naming the field', async () => {
    const filed = await expectStatus(
      app
        .http()
        .post('/api/pengaduan')
        .set('X-Forwarded-For', '203.0.113.9')
        .send({ data: { nama: long(100, 'Rina '), kontak: EMAIL_254, isi: long(5000, 'Antrean panjang. ') } }),
      201,
      'pengaduan'
    );
    const nomorTiket = String(filed.body.data!.nomorTiket);
    const row = (await app.strapi.db.query('api::pengaduan.pengaduan').findOne({ where: { nomorTiket } })) as { documentId: string; kontak: string };
    expect(row.kontak).toBe(EMAIL_254);
    await step(staff.petugas, 'pengaduan', row.documentId, 'diproses');
    await step(staff.petugas, 'pengaduan', row.documentId, 'selesai', { data: { tanggapan: long(5000, 'Tanggapan kami. ') } });
    await expectRefusedNaming(
      app
        .http()
        .post('/api/pengaduan')
        .send({ data: { nama: long(101, 'Rina '), kontak: 'rina@contoh.id', isi: long(50, 'Antrean panjang. ') } }),
      'nama',
      'nama 101'
    );
    await expectRefusedNaming(
      app
        .http()
        .post('/api/pengaduan')
        .send({ data: { nama: 'Rina', kontak: 'rina@contoh.id', isi: long(5001, 'Antrean panjang. ') } }),
      'isi',
      'isi 5001'
    );
  });

  it('staff with the longest names (255 + 255) holding every role: their names and roles are copied onto records and the audit within the columns', async () => {
    const longNamed = async (roleNames: string[], tag: string): Promise<AdminSession> => {
      const session = await createAdminSession(app, roleNames[0], { firstname: long(255, `${tag} `), lastname: long(255, 'Panjang ') });
      const roles = await Promise.all(roleNames.map((name) => findRole(app.strapi, name)));
      await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { roles: roles.map((role) => role.id) } });
      return { ...session, token: await loginAdmin(app, session.email, session.password) };
    };
    const semua = Object.values(ROLE);
    const kasi = await longNamed([ROLE.kasi, ...semua.filter((name) => name !== ROLE.kasi)], 'Kasi');
    const caraka = await longNamed([ROLE.caraka], 'Caraka');
    const created = await expectStatus(
      cmCreate(app, staff.operator, 'api::berita.berita', {
        perihal: 'Nama panjang',
        pengirim: 'BSSN',
        waktuDiterima: '2026-11-23T03:00:00.000Z',
        sifat: 'biasa',
        derajatKecepatan: 'biasa',
        penerima: [PENERIMA_TERPANJANG[1]],
      }),
      201,
      'create'
    );
    const documentId = String(created.body.data!.documentId);
    for (const ke of ['diperiksa', 'dicetak', 'diagendakan', 'diteruskan_ke_kasi']) await step(staff.operator, 'berita', documentId, ke);
    await step(kasi, 'berita', documentId, 'diparaf_kasi');
    await step(staff.kabid, 'berita', documentId, 'diparaf_kabid');
    await step(staff.kadis, 'berita', documentId, 'diparaf_kadis');
    await step(kasi, 'berita', documentId, 'ditugaskan_ke_caraka', { data: { caraka: caraka.id } });
    const view = await expectStatus(sopView(app, kasi, 'berita', documentId), 200, 'view');
    const riwayat = view.body.data!.riwayat as { oleh: { nama: string; peran: string } }[];
    const byKasi = riwayat[riwayat.length - 1].oleh;
    expect(byKasi.nama.length).toBeLessThanOrEqual(200);
    expect(byKasi.nama.startsWith('Kasi Kasi')).toBe(true);
    expect(byKasi.peran.length).toBeLessThanOrEqual(200);
    const copy = (await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { carakaId: caraka.id } })) as { carakaNama: string };
    expect(copy.carakaNama.length).toBe(200);
    await download(kasi, `/sop/berita/${documentId}/dokumen/kartu-kendali`);
  });

  it('instansi: an alamat of 300 is stored, 301 is a 400 naming alamat', async () => {
    const path = '/content-manager/single-types/api::instansi.instansi';
    const current = await expectStatus(app.http().get(path).set('Authorization', `Bearer ${staff.admin.token}`), 200, 'instansi');
    const data = current.body.data as Record<string, unknown>;
    const keep = { pemerintah: data.pemerintah, dinas: data.dinas, kota: data.kota };
    await expectStatus(
      app
        .http()
        .put(path)
        .set('Authorization', `Bearer ${staff.admin.token}`)
        .send({ ...keep, alamat: long(300, 'Jalan Mataram No. 1 ') }),
      200,
      'alamat 300'
    );
    await expectRefusedNaming(
      app
        .http()
        .put(path)
        .set('Authorization', `Bearer ${staff.admin.token}`)
        .send({ ...keep, alamat: long(301) }),
      'alamat',
      'alamat 301'
    );
  });
});
