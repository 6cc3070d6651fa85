/**
 * Issue 16, "Antrian saya": `GET /sop/antrian` lists, across every workflow, the records on which
 * this user may take a forward step now — computed from the registered workflows, with the
 * actor rules (three different paraf, only the assigned Sandiman or Caraka) holding — overdue
 * first, each named as a person would within the user's read rights.
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { BERITA_CONTOH, ROLE, sopView, transit, walkBeritaTo } from '../helpers/sop';

type Item = { model: string; documentId: string; judul: string; tahap: string; tenggat: string | null; terlambat: boolean; aksi: { ke: string }[] };
type Answer = { data: Item[]; meta: { jumlah: number; terpotong: boolean } };

describe('GET /sop/antrian', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};
  let overdue: string;
  let notYetDue: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.carakaLain = await createAdminSession(app, ROLE.caraka, { firstname: 'Citra', lastname: 'Caraka' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Satu' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Dua' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Petra', lastname: 'Petugas' });
    // Due in the future first (a lower id), then one long overdue: the queue must still put the overdue one first.
    notYetDue = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', {
      perihal: 'Rapat belum jatuh tempo',
      // received just now: its deadline, one service day on, lies ahead whenever the test runs
      waktuDiterima: new Date().toISOString(),
    });
    overdue = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Rapat sudah lewat tenggat' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  const antrian = async (session: AdminSession): Promise<Answer> => {
    const response = await app.http().get('/sop/antrian').set('Authorization', `Bearer ${session.token}`);
    if (response.status !== 200) throw new Error(`antrian: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Answer;
  };
  const ids = (answer: Answer) => answer.data.map((item) => `${item.model}:${item.documentId}`);

  it('answers 401 without a login and 401 with a forged token', async () => {
    expect((await app.http().get('/sop/antrian')).status).toBe(401);
    expect((await app.http().get('/sop/antrian').set('Authorization', 'Bearer palsu')).status).toBe(401);
  });

  it('gives the Kasi the berita waiting for paraf, overdue first, named by nomor agenda and perihal', async () => {
    const answer = await antrian(staff.kasi);
    expect(ids(answer)).toEqual([`berita:${overdue}`, `berita:${notYetDue}`]);
    expect(answer.meta).toEqual({ jumlah: 2, terpotong: false });
    const [first, second] = answer.data;
    expect(first).toMatchObject({ tahap: 'diteruskan_ke_kasi', terlambat: true, aksi: [{ ke: 'diparaf_kasi', label: expect.any(String) }] });
    expect(first.judul).toMatch(/^\S+ — Rapat sudah lewat tenggat$/);
    expect(first.judul).not.toMatch(/^Berita /);
    expect(first.tenggat).toBe('2026-11-24T03:00:00.000Z');
    expect(second).toMatchObject({ terlambat: false, judul: expect.stringContaining('Rapat belum jatuh tempo') });
    expect(second.aksi.map((aksi) => aksi.ke)).toEqual(['diparaf_kasi']); // the send-back (kembali) queues nothing
  });

  it('shows nobody else a berita at the Kasi step, and the operator none of its own finished steps', async () => {
    for (const who of ['kabid', 'kadis', 'caraka', 'sandiman', 'petugas']) expect((await antrian(staff[who])).data).toEqual([]);
    // the operator may void both (batal), which queues nothing
    expect(ids(await antrian(staff.operator))).not.toContain(`berita:${overdue}`);
  });

  it('after the Kasi paraf the berita leaves the Kasi queue and waits for the Kabid', async () => {
    const paraf = await transit(app, staff.kasi, 'berita', overdue, 'diparaf_kasi');
    expect(paraf.status).toBe(200);
    expect(ids(await antrian(staff.kasi))).toEqual([`berita:${notYetDue}`]);
    const kabid = await antrian(staff.kabid);
    expect(ids(kabid)).toEqual([`berita:${overdue}`]);
    expect(kabid.data[0]).toMatchObject({ tahap: 'diparaf_kasi', terlambat: true, aksi: [{ ke: 'diparaf_kabid' }] });
  });

  it('gives a kriptogram only to the Sandiman assigned to it', async () => {
    const kriptogram = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'ditugaskan_deskripsi');
    const assigned = await antrian(staff.sandiman);
    expect(ids(assigned)).toContain(`kriptogram:${kriptogram}`);
    const item = assigned.data.find((one) => one.documentId === kriptogram)!;
    expect(item.aksi.map((aksi) => aksi.ke)).toEqual(['dideskripsi']);
    expect(item.judul).toMatch(/\S/); // its agenda number; no salinan yet
    expect(ids(await antrian(staff.sandimanLain))).not.toContain(`kriptogram:${kriptogram}`);
    expect(ids(await antrian(staff.kasi))).not.toContain(`kriptogram:${kriptogram}`);
    // once described, its title carries the salinan's perihal for the Sandiman — never the salinan's text
    const step = await transit(app, staff.sandiman, 'kriptogram', kriptogram, 'dideskripsi', {
      data: {
        salinan: {
          perihal: 'Pengamanan kunjungan kerja',
          isi: 'Isi rahasia uji antrian.',
          penerima: [{ nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' }],
        },
      },
    });
    expect(step.status).toBe(200);
    const described = (await antrian(staff.sandiman)).data.find((one) => one.documentId === kriptogram)!;
    expect(described.judul).toMatch(/ — Pengamanan kunjungan kerja$/);
    expect(JSON.stringify(await antrian(staff.sandiman))).not.toContain('Isi rahasia uji antrian');
    // a new, unregistered kriptogram waits for every Sandiman (no one is assigned before the Kasi does)
    const baru = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diterima', { nomorKriptogram: 'KR-0200/JKS/XI/2026' });
    const other = await antrian(staff.sandimanLain);
    expect(ids(other)).toEqual([`kriptogram:${baru}`]);
    expect(other.data[0]).toMatchObject({
      judul: 'Kriptogram nomor KR-0200/JKS/XI/2026 dari Jaring Komunikasi Sandi Pemerintah Provinsi',
      aksi: [{ ke: 'diagendakan' }],
    });
  });

  it('gives the Caraka his own copies, each named by its recipient, and not another Caraka', async () => {
    const berita = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka', { perihal: 'Surat untuk diantar' });
    const mine = await antrian(staff.caraka);
    const copies = mine.data.filter((item) => item.model === 'distribusi');
    expect(copies.map((copy) => copy.judul).sort()).toEqual(
      BERITA_CONTOH.penerima.map((p) => (p.nama === p.jabatan ? p.nama : `${p.nama}, ${p.jabatan}`)).sort()
    );
    expect(copies.every((copy) => copy.aksi.length === 1 && copy.aksi[0].ke === 'diterima')).toBe(true);
    const other = await antrian(staff.carakaLain);
    expect(other.data.filter((item) => item.model === 'distribusi' || item.documentId === berita)).toEqual([]);
  });

  it('queues a step only when its guards over the record pass: the berita waits for "didistribusikan" once every copy has its receipt', async () => {
    const berita = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka', { perihal: 'Surat dengan dua salinan' });
    const forward = async (who: AdminSession) =>
      ((await sopView(app, who, 'berita', berita)).body.data.aksi as { ke: string; jenis: string }[])
        .filter((aksi) => aksi.jenis === 'maju')
        .map((aksi) => aksi.ke);
    // the copies are still out: "Antrian saya" and the record view's aksi both leave the step out (the server would refuse it, 409)
    expect(ids(await antrian(staff.caraka))).not.toContain(`berita:${berita}`);
    expect(await forward(staff.caraka)).toEqual([]);
    expect((await transit(app, staff.caraka, 'berita', berita, 'didistribusikan')).status).toBe(409);
    const copies = (await antrian(staff.caraka)).data.filter((item) => item.model === 'distribusi');
    const own = (await sopView(app, staff.caraka, 'berita', berita)).body.data.distribusi as { documentId: string }[];
    expect(own.length).toBeGreaterThan(1);
    for (const copy of own) {
      expect(copies.map((item) => item.documentId)).toContain(copy.documentId);
      expect((await transit(app, staff.caraka, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } })).status).toBe(200);
    }
    // every receipt in: the same step appears in both, and only for the assigned Caraka (and the Kasi)
    const item = (await antrian(staff.caraka)).data.find((one) => one.documentId === berita);
    expect(item?.aksi.map((aksi) => aksi.ke)).toEqual(['didistribusikan']);
    expect(await forward(staff.caraka)).toEqual(['didistribusikan']);
    expect(ids(await antrian(staff.carakaLain))).not.toContain(`berita:${berita}`);
  });

  it('gives the Petugas Pengaduan a new complaint by its ticket number, never the complainant', async () => {
    const filed = await app
      .http()
      .post('/api/pengaduan')
      .send({ data: { nama: 'Warga Rahasia', kontak: 'warga@contoh.id', isi: 'Layanan lambat sekali.' } });
    expect(filed.status).toBe(201);
    const answer = await antrian(staff.petugas);
    expect(answer.data).toHaveLength(1);
    expect(answer.data[0]).toMatchObject({ model: 'pengaduan', judul: `${filed.body.data.nomorTiket} — Pengaduan`, tahap: 'diterima' });
    expect(JSON.stringify(answer)).not.toMatch(/Warga Rahasia|warga@contoh|Layanan lambat/);
    expect(ids(await antrian(staff.kasi)).some((id) => id.startsWith('pengaduan:'))).toBe(false);
  });
});
