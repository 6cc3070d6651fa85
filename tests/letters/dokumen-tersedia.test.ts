import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { ROLE, sopView, transit, walkBeritaTo } from '../helpers/sop';
import { unduh } from './unduh';

/** Every `:jenis` of GET /sop/:model/:documentId/dokumen/:jenis (the route answers 404 for a model it does not print). */
const SEMUA_JENIS = ['kartu-kendali', 'lembar-pengantar', 'tanda-terima', 'surat-pengantar', 'salinan', 'resi', 'berita'];

type Dokumen = { jenis: string; label: string; url: string };

describe('the record view lists exactly the documents the download route serves (dokumen)', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Utama' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Lain' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Petra', lastname: 'Pengaduan' });
    staff.superAdmin = await createAdminSession(app, 'Super Admin', { firstname: 'Admin', lastname: 'Utama' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  /**
   * For every role: the view's `dokumen` and the route agree, jenis by jenis. Returns the
   * listed jenis per role (roles that may not open the record at all are left out).
   */
  const expectAgreement = async (model: string, documentId: string): Promise<Record<string, string[]>> => {
    const listed: Record<string, string[]> = {};
    for (const [who, session] of Object.entries(staff)) {
      const view = await sopView(app, session, model, documentId);
      if (view.status === 403) {
        for (const jenis of SEMUA_JENIS) {
          const status = (await unduh(app, session, `/sop/${model}/${documentId}/dokumen/${jenis}`)).status;
          expect([who, jenis, status === 200]).toEqual([who, jenis, false]);
        }
        continue;
      }
      expect([who, view.status]).toEqual([who, 200]);
      const dokumen = view.body.data.dokumen as Dokumen[];
      listed[who] = dokumen.map((item) => item.jenis);
      for (const item of dokumen) expect(item.url).toBe(`/sop/${model}/${documentId}/dokumen/${item.jenis}`);
      for (const jenis of SEMUA_JENIS) {
        const status = (await unduh(app, session, `/sop/${model}/${documentId}/dokumen/${jenis}`)).status;
        if (listed[who].includes(jenis)) expect([who, jenis, status]).toEqual([who, jenis, 200]);
        else expect([who, jenis, [403, 404, 409].includes(status)]).toEqual([who, jenis, true]);
      }
    }
    return listed;
  };

  it('a berita sent back to "diperiksa" keeps its kartu kendali and lembar pengantar, and the list says so', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diparaf_kasi');
    const back = await transit(app, staff.kabid, 'berita', documentId, 'diperiksa', { catatan: 'Tujuan surat perlu diperiksa ulang.' });
    expect(back.status).toBe(200);
    const view = await sopView(app, staff.operator, 'berita', documentId);
    expect(view.body.data.tahap).toBe('diperiksa');

    const listed = await expectAgreement('berita', documentId);
    expect(listed.operator).toEqual(['kartu-kendali', 'lembar-pengantar', 'berita']);
    expect(listed.superAdmin).toEqual(['kartu-kendali', 'lembar-pengantar', 'berita']);
    // labels are the server's, with the copy count
    expect((view.body.data.dokumen as Dokumen[]).map((item) => item.label)).toEqual([
      'Cetak kartu kendali',
      'Cetak lembar pengantar',
      'Cetak berita (2 salinan)',
    ]);
  });

  it('an archived berita: every document, each role as the route allows', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diarsipkan');
    const listed = await expectAgreement('berita', documentId);
    expect(listed.operator).toEqual(['kartu-kendali', 'lembar-pengantar', 'tanda-terima', 'berita']);
    expect(listed.caraka).toEqual(['tanda-terima']);

    const copy = (await sopView(app, staff.operator, 'berita', documentId)).body.data.distribusi[0] as { documentId: string };
    const copyListed = await expectAgreement('distribusi', copy.documentId);
    expect(copyListed.caraka).toEqual(['tanda-terima']);
  });

  it('a kriptogram typed by its Sandiman: the pengantar and the salinan only for those who need to know', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dideskripsi');
    const listed = await expectAgreement('kriptogram', documentId);
    expect(listed.sandiman).toEqual(['surat-pengantar', 'salinan']);
    expect(listed.kasi).toEqual(['surat-pengantar', 'salinan']);
    expect(listed.sandimanLain ?? []).not.toContain('salinan');
    // "Tampilkan isi" reads where the server says, and only for those who may
    expect((await sopView(app, staff.sandiman, 'kriptogram', documentId)).body.data.isiUrl).toBe(`/sop/kriptogram/${documentId}/isi`);
    expect((await sopView(app, staff.caraka, 'kriptogram', documentId)).body.data.isiUrl).toBeNull();
  });

  it('GET /sop/definitions tells the panel which content type runs which SOP and its final states', async () => {
    const response = await app.http().get('/sop/definitions').set('Authorization', `Bearer ${staff.operator.token}`);
    expect(response.status).toBe(200);
    const byModel = Object.fromEntries(
      (response.body.data as { model: string; uid: string; awal: string; akhir: string[]; tahap: { key: string; akhir: boolean }[] }[]).map((one) => [
        one.model,
        one,
      ])
    );
    expect(byModel.berita.uid).toBe('api::berita.berita');
    expect(byModel.kriptogram.uid).toBe('api::kriptogram.kriptogram');
    for (const one of Object.values(byModel)) {
      expect(one.akhir).toEqual(one.tahap.filter((tahap) => tahap.akhir).map((tahap) => tahap.key));
      expect(one.akhir.length).toBeGreaterThan(0);
    }
    expect(byModel.berita.akhir).toEqual(expect.arrayContaining(['diarsipkan', 'batal']));
  });

  it('the record view offers the salinan editor the recipient categories with the channels each may use', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'ditugaskan_deskripsi');
    const view = await sopView(app, staff.sandiman, 'kriptogram', documentId);
    const pilihan = view.body.data.pilihanPenerima as { nilai: string; label: string; saluran: { nilai: string; label: string }[] }[];
    expect(pilihan.find((kategori) => kategori.nilai === 'walikota')).toEqual({
      nilai: 'walikota',
      label: 'Wali Kota',
      saluran: [{ nilai: 'ajudan', label: 'melalui ajudan' }],
    });
    expect(pilihan.find((kategori) => kategori.nilai === 'kepala_opd')?.saluran.map((saluran) => saluran.nilai)).toEqual([
      'caraka',
      'faksimili',
      'surat_online',
    ]);
  });
});
