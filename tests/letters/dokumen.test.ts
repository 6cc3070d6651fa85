import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { bukaDocx, expectFile, TEMPLATE_TAG, unduh } from './unduh';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DEFAULT_LOGO = fs.readFileSync(path.join(__dirname, '..', '..', 'templates', 'logo-default.png'));

const PEJABAT = {
  kepalaSeksi: { nama: 'Budi Santoso, S.Kom.', nip: '198001012005011002', jabatan: 'Kepala Seksi Persandian dan Keamanan Informasi' },
  kepalaBidang: { nama: 'Sri Wahyuni, S.T.', nip: '197505052000032003', jabatan: 'Kepala Bidang Aplikasi dan Persandian' },
  kepalaDinas: { nama: 'Drs. Ahmad Yani, M.Si.', nip: '196812121990031004', jabatan: 'Kepala Dinas Komunikasi dan Informatika' },
};

describe('berita documents: GET /sop/:model/:documentId/dokumen/:jenis', () => {
  let app: TestApp;
  const staff: BeritaStaff & { petugas?: AdminSession; superAdmin?: AdminSession } = {};
  let arsip: string; // walked to the end: every document exists
  let nomorAgenda: string;
  let copies: { documentId: string; nomorSalinan: number | null; penerima: { nama: string } }[];
  const uploaded: number[] = [];

  const url = (model: string, documentId: string, jenis: string, query = '') => `/sop/${model}/${documentId}/dokumen/${jenis}${query}`;

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Petra', lastname: 'Pengaduan' });
    staff.superAdmin = await createAdminSession(app, 'Super Admin', { firstname: 'Admin', lastname: 'Utama' });
    const instansi = await app.strapi.documents('api::instansi.instansi').findFirst({});
    await app.strapi.documents('api::instansi.instansi').update({ documentId: instansi!.documentId, data: PEJABAT });

    arsip = await walkBeritaTo(app, staff, 'diarsipkan');
    const view = await sopView(app, staff.operator, 'berita', arsip);
    nomorAgenda = view.body.data.nomorAgenda;
    copies = view.body.data.distribusi;
    expect(nomorAgenda).toMatch(/^\d{4}\/\d{4}$/);
    expect(copies).toHaveLength(2);
  });

  afterAll(async () => {
    if (app) {
      const service = app.strapi.plugin('upload').service('upload');
      for (const id of uploaded) {
        const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
        if (file) await service.remove(file);
      }
    }
    await app?.destroy();
  });

  const fileSafe = () => nomorAgenda.replace('/', '-');

  const expectNoTagLeft = (semua: string) => {
    const text = semua.replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(TEMPLATE_TAG);
  };

  it('kartu kendali: the 10 × 15 cm card with agenda number, perihal, ANRI fields and the officials with NIP', async () => {
    const file = expectFile(await unduh(app, staff.operator!, url('berita', arsip, 'kartu-kendali')));
    expect(file.headers['content-type']).toBe(DOCX);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="kartu-kendali-${fileSafe()}.docx"`);
    expect(file.headers['cache-control']).toBe('no-store');
    const docx = bukaDocx(file.bytes);
    expect(docx.document).toContain('w:pgSz w:w="5670" w:h="8505"');
    for (const value of [
      nomorAgenda,
      'Undangan Rapat Koordinasi Persandian',
      'Badan Siber dan Sandi Negara',
      'B-123/BSSN/11/2026',
      'KARTU KENDALI SURAT MASUK',
      'PEMERINTAH KOTA PEKALONGAN',
      'DINAS KOMUNIKASI DAN INFORMATIKA',
      'Budi Santoso, S.Kom.',
      'NIP 19800101 200501 1 002',
      'Sri Wahyuni, S.T.',
      'NIP 19750505 200003 2 003',
      'Drs. Ahmad Yani, M.Si.',
      'NIP 19681212 199003 1 004',
      'oleh Kasi Persandian',
      'oleh Kabid Aptika',
      'oleh Kadis Kominfo',
      '23 November 2026 pukul 10.00 WIB',
      'Biasa, Segera',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expectNoTagLeft(docx.semua);
    expect(docx.logo?.equals(DEFAULT_LOGO)).toBe(true);
  });

  it('lembar pengantar: every copy listed with its copy number and channel, signed by the Kasi (name and NIP)', async () => {
    const docx = bukaDocx(expectFile(await unduh(app, staff.kasi!, url('berita', arsip, 'lembar-pengantar'))).bytes);
    for (const value of [
      'LEMBAR PENGANTAR',
      `Nomor agenda: ${nomorAgenda}`,
      'H. Wali Kota, Wali Kota Pekalongan',
      'Kepala Dinas Kesehatan',
      'Salinan ke-1 dari 2',
      'Salinan ke-2 dari 2',
      'Melalui ajudan',
      'Diantar caraka',
      '2 (dua) salinan',
      'Budi Santoso, S.Kom.',
      'NIP 19800101 200501 1 002',
      'Jl. Mataram No. 5 Pekalongan Barat, Pekalongan 51111',
      'Pos-el diskominfo@pekalongankota.go.id',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expectNoTagLeft(docx.semua);
    expect(docx.zip.file('word/media/logo.png')).not.toBeNull();
  });

  it('tanda terima on the berita: one page per copy with recipient, channel, time, signer and courier', async () => {
    const file = expectFile(await unduh(app, staff.caraka!, url('berita', arsip, 'tanda-terima')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="tanda-terima-${fileSafe()}.docx"`);
    const docx = bukaDocx(file.bytes);
    expect(docx.document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1);
    expect(docx.document.match(/<wp:docPr id="(\d+)"/g)).toEqual(['<wp:docPr id="1"', '<wp:docPr id="2"']);
    for (const value of [
      'TANDA TERIMA SURAT',
      'Salinan ke-1 dari 2',
      'Salinan ke-2 dari 2',
      'H. Wali Kota',
      'Wali Kota Pekalongan (Wali Kota)',
      'Kepala Dinas Kesehatan (Kepala OPD)',
      'Melalui ajudan',
      'Diantar caraka',
      'Penerima H. Wali Kota',
      'Penerima Kepala Dinas Kesehatan',
      'Cakra Caraka',
      'Telah diterima',
      nomorAgenda,
    ]) {
      expect(docx.teks).toContain(value);
    }
    expect(docx.teks).toMatch(/\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expectNoTagLeft(docx.semua);
  });

  it('tanda terima on one distribusi: that copy only', async () => {
    const second = copies.find((copy) => copy.nomorSalinan === 2)!;
    const file = expectFile(await unduh(app, staff.caraka!, url('distribusi', second.documentId, 'tanda-terima')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="tanda-terima-${fileSafe()}-salinan-2.docx"`);
    const docx = bukaDocx(file.bytes);
    expect(docx.teks).toContain('Salinan ke-2 dari 2');
    expect(docx.teks).toContain('Penerima Kepala Dinas Kesehatan');
    expect(docx.teks).not.toContain('Salinan ke-1 dari 2');
    expect(docx.document).not.toContain('<w:pageBreakBefore/>');
    expectNoTagLeft(docx.semua);
  });

  it('berita print at step 3: one copy per recipient, available from diperiksa on', async () => {
    const fresh = await walkBeritaTo(app, staff, 'diterima', { perihal: 'Pemberitahuan Pemeliharaan Sanapati' });
    const early = await unduh(app, staff.operator!, url('berita', fresh, 'berita'));
    expect(early.status).toBe(409);
    expect(early.json?.error?.message).toMatch(/dicetak setelah diperiksa/);
    expect((await transit(app, staff.operator!, 'berita', fresh, 'diperiksa')).status).toBe(200);
    const file = expectFile(await unduh(app, staff.operator!, url('berita', fresh, 'berita')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="berita-${fresh}.docx"`);
    const docx = bukaDocx(file.bytes);
    expect(docx.document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1);
    for (const value of [
      'BERITA SANAPATI',
      'Pemberitahuan Pemeliharaan Sanapati',
      'Salinan ke-1 dari 2',
      'Salinan ke-2 dari 2',
      'belum diagendakan',
      'Undangan rapat koordinasi persandian tingkat provinsi.',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expectNoTagLeft(docx.semua);
  });

  it('answers 409 for a document the record does not have yet, 404 for an unknown document or record', async () => {
    const agendaed = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Belum ada kartu kendali' });
    const before = await unduh(app, staff.operator!, url('berita', agendaed, 'kartu-kendali'));
    expect(before.status).toBe(409);
    expect(before.json?.error).toMatchObject({ status: 409, name: 'ConflictError' });
    expect(before.json?.error?.message).toMatch(/Kartu kendali \/ lembar pengantar belum diisi.*Tahap sekarang: Diagendakan/);
    const noCopies = await unduh(app, staff.operator!, url('berita', agendaed, 'tanda-terima'));
    expect(noCopies.status).toBe(409);
    expect(noCopies.json?.error?.message).toMatch(/setelah Kasi menugaskan Caraka/);

    const unknown = await unduh(app, staff.operator!, url('berita', arsip, 'surat-cinta'));
    expect(unknown.status).toBe(404);
    expect(unknown.json?.error?.message).toMatch(/Dokumen "surat-cinta" tidak dikenal/);
    const wrongModel = await unduh(app, staff.operator!, url('distribusi', copies[0].documentId, 'kartu-kendali'));
    expect(wrongModel.status).toBe(404);
    expect(wrongModel.json?.error?.message).toMatch(/tidak tersedia untuk naskah jenis "distribusi"/);
    const missing = await unduh(app, staff.operator!, url('berita', 'tidakada000000000000000', 'kartu-kendali'));
    expect(missing.status).toBe(404);
    const badFormat = await unduh(app, staff.operator!, url('berita', arsip, 'kartu-kendali', '?format=odt'));
    expect(badFormat.status).toBe(400);
    expect(badFormat.json?.error?.message).toMatch(/format harus docx atau pdf/);
  });

  it('applies the record role rules: 403 without read access, and the Caraka only the documents of his fields', async () => {
    const petugas = await unduh(app, staff.petugas!, url('berita', arsip, 'kartu-kendali'));
    expect(petugas.status).toBe(403);
    expect(petugas.json?.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
    expect((await unduh(app, staff.petugas!, url('distribusi', copies[0].documentId, 'tanda-terima'))).status).toBe(403);
    // the Caraka reads only some berita fields (no sender, no summary): the card is not his
    const caraka = await unduh(app, staff.caraka!, url('berita', arsip, 'kartu-kendali'));
    expect(caraka.status).toBe(403);
    expect(caraka.json?.error?.message).toMatch(/tidak berwenang mencetak kartu kendali/);
    expect((await unduh(app, staff.caraka!, url('berita', arsip, 'lembar-pengantar'))).status).toBe(403);
    expectFile(await unduh(app, staff.kadis!, url('berita', arsip, 'kartu-kendali')));
    expectFile(await unduh(app, staff.superAdmin!, url('berita', arsip, 'kartu-kendali')));
  });

  it('marks a Rahasia berita top and bottom and audits every download of it; an ordinary one is not audited', async () => {
    const count = async () => Number((await app.strapi.db.connection('sop_audit').count({ n: '*' }).first())?.n ?? 0);
    const ordinaryBefore = await count();
    expectFile(await unduh(app, staff.operator!, url('berita', arsip, 'kartu-kendali')));
    expect(await count()).toBe(ordinaryBefore);

    const rahasia = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Pengamanan Jaring Komunikasi Sandi', sifat: 'rahasia' });
    for (const jenis of ['kartu-kendali', 'lembar-pengantar']) {
      const before = await count();
      const docx = bukaDocx(expectFile(await unduh(app, staff.kasi!, url('berita', rahasia, jenis))).bytes);
      expect(await count()).toBe(before + 1);
      expect(docx.semua).toContain('RAHASIA');
      if (jenis === 'kartu-kendali') {
        // the card has no page header: marked in its title and on its last line
        expect(docx.teks).toContain('KARTU KENDALI SURAT MASUK  RAHASIA');
        expect(docx.teks.trim().endsWith('RAHASIA')).toBe(true);
      } else {
        const header = docx.zip
          .file('word/header1.xml')!
          .asText()
          .replace(/<[^>]+>/g, '');
        const footer = docx.zip
          .file('word/footer1.xml')!
          .asText()
          .replace(/<[^>]+>/g, '');
        expect(header).toContain('RAHASIA');
        expect(footer).toContain('RAHASIA');
      }
      const row = await app.strapi.db.connection('sop_audit').where({ document_id: rahasia }).orderBy('urutan', 'desc').first();
      expect(row).toMatchObject({
        model: 'berita',
        dari: 'diteruskan_ke_kasi',
        ke: `dokumen_diunduh:${jenis}`,
        catatan: jenis,
        aktor_id: staff.kasi!.id,
      });
    }
    const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi!.token}`);
    expect(verify.body.data.ok).toBe(true);
    // the record itself did not move
    const view = await sopView(app, staff.kasi!, 'berita', rahasia);
    expect(view.body.data.tahap).toBe('diteruskan_ke_kasi');
  });

  it('puts the instansi logo, normalised with sharp (square PNG, no EXIF), into word/media/', async () => {
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'Rahasia kamera', Artist: 'Fotografer' } } })
      .toBuffer();
    const response = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${staff.superAdmin!.token}`)
      .attach('files', photo, { filename: 'logo-kota.jpg', contentType: 'image/jpeg' });
    expect([200, 201]).toContain(response.status);
    const [file] = response.body as { id: number }[];
    uploaded.push(file.id);
    const instansi = await app.strapi.documents('api::instansi.instansi').findFirst({});
    await app.strapi.documents('api::instansi.instansi').update({ documentId: instansi!.documentId, data: { logo: file.id } as never });

    for (const jenis of ['kartu-kendali', 'tanda-terima']) {
      const docx = bukaDocx(expectFile(await unduh(app, staff.operator!, url('berita', arsip, jenis))).bytes);
      expect(docx.logo).not.toBeNull();
      expect(docx.logo!.equals(DEFAULT_LOGO)).toBe(false);
      const meta = await sharp(docx.logo!).metadata();
      expect(meta).toMatchObject({ format: 'png', width: 512, height: 512 });
      expect(meta.exif).toBeUndefined();
      const { data } = await sharp(docx.logo!).raw().toBuffer({ resolveWithObject: true });
      const center = (256 * 512 + 256) * 4;
      const [red, green, blue] = [data[center], data[center + 1], data[center + 2]];
      expect(Math.abs(red - 200) + Math.abs(green - 30) + Math.abs(blue - 30)).toBeLessThan(20);
      expect(data[3]).toBe(0); // the margins added to make it square are transparent
    }
  });
});
