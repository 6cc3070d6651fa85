import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE } from '../helpers/sop';
import { bukaDocx, expectFile, SALINAN_CONTOH, TEMPLATE_TAG, unduh, walkKriptogramTo } from './unduh';

const UJI = 'ISI-SALINAN-UJI';

describe('kriptogram documents: surat-pengantar, salinan, resi', () => {
  let app: TestApp;
  const staff: Record<'sandiman' | 'sandimanLain' | 'kasi' | 'kabid' | 'caraka' | 'operator', AdminSession> = {} as never;
  let rahasia: string;
  let nomorAgenda: string;
  let nomorSurat: string;
  let copies: { documentId: string; nomorSalinan: number }[];

  const url = (model: string, documentId: string, jenis: string) => `/sop/${model}/${documentId}/dokumen/${jenis}`;
  const auditRows = (documentId: string) =>
    app.strapi.db.connection('sop_audit').where({ document_id: documentId }).orderBy('urutan', 'asc') as Promise<
      { ke: string; dari: string; catatan: string; aktor_id: number; model: string }[]
    >;
  const noTagLeft = (semua: string) => expect(semua.replace(/<[^>]+>/g, '')).not.toMatch(TEMPLATE_TAG);

  beforeAll(async () => {
    // Registered and numbered on Monday 23 November 2026 from 10.30 WIB, the day they were received
    // (the book lists entries by their registration moment); the clock keeps running from there.
    const start = Date.now();
    setClock(() => new Date(Date.parse('2026-11-23T03:30:00.000Z') + (Date.now() - start)));
    app = await startApp();
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Utama' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Lain' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    const instansi = await app.strapi.documents('api::instansi.instansi').findFirst({});
    await app.strapi.documents('api::instansi.instansi').update({
      documentId: instansi!.documentId,
      data: { kepalaSeksi: { nama: 'Budi Santoso, S.Kom.', nip: '198001012005011002', jabatan: 'Kepala Seksi Persandian dan Keamanan Informasi' } },
    });
    rahasia = await walkKriptogramTo(app, staff, 'dideskripsi');
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  it('before numbering: the pengantar and the salinan exist, the resi not yet (409)', async () => {
    const resi = await unduh(app, staff.sandiman, url('kriptogram', rahasia, 'resi'));
    expect(resi.status).toBe(409);
    expect(resi.json?.error?.message).toMatch(/Resi tersedia setelah salinan dinomori/);
    const pengantar = bukaDocx(expectFile(await unduh(app, staff.sandiman, url('kriptogram', rahasia, 'surat-pengantar'))).bytes);
    expect(pengantar.teks).toContain('belum bernomor');
    expect(pengantar.teks).toContain('Belum diparaf');
    const early = await walkKriptogramTo(app, staff, 'dilaporkan', { nomorKriptogram: 'KR-0100/JKS/XI/2026' });
    const none = await unduh(app, staff.kasi, url('kriptogram', early, 'salinan'));
    expect(none.status).toBe(409);
    expect(none.json?.error?.message).toMatch(/langkah 5/);
  });

  it('walks on to the signature and numbering', async () => {
    const step = (who: AdminSession, ke: string, data?: Record<string, unknown>) =>
      app
        .http()
        .post(`/sop/kriptogram/${rahasia}/transisi`)
        .set('Authorization', `Bearer ${who.token}`)
        .send({ ke, ...(data ? { data } : {}) });
    expect((await step(staff.sandiman, 'diparaf_sandiman')).status).toBe(200);
    expect((await step(staff.kasi, 'ditandatangani_kasi')).status).toBe(200);
    const numbered = await step(staff.sandiman, 'dinomori', { checklist: { cap: true, amplop: true, amplopRangkap: true } });
    expect(numbered.status).toBe(200);
    nomorAgenda = numbered.body.data.nomorAgenda;
    copies = numbered.body.data.distribusi;
    expect(copies).toHaveLength(3);
    const salinan = await app.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId: rahasia } } });
    nomorSurat = salinan.nomor;
    expect(nomorSurat).toMatch(/^048\/\d{3}\/[IVX]+\/2026$/);
  });

  it('surat pengantar: nomor, sifat, lampiran, hal, kepada, the Sandiman’s paraf and the Kasi’s block with NIP; audited', async () => {
    const before = (await auditRows(rahasia)).length;
    const file = expectFile(await unduh(app, staff.sandiman, url('kriptogram', rahasia, 'surat-pengantar')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="surat-pengantar-${nomorAgenda.replace('/', '-')}.docx"`);
    const docx = bukaDocx(file.bytes);
    for (const value of [
      nomorSurat,
      'Rahasia',
      '3 (tiga) eksemplar salinan',
      'Pengamanan kunjungan kerja',
      'H. Wali Kota, Wali Kota Pekalongan',
      'Sekretaris Daerah',
      'Kepala Satpol PP, Kepala Satuan Polisi Pamong Praja',
      'KR-0099/JKS/XI/2026',
      'Jaring Komunikasi Sandi Pemerintah Provinsi',
      nomorAgenda,
      'oleh Sandi Utama',
      'Ditandatangani',
      'oleh Kasi Persandian',
      'Budi Santoso, S.Kom.',
      'NIP 19800101 200501 1 002',
      'Salinan ke-3 dari 3',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expect(docx.zip.file('word/header1.xml')!.asText()).toContain('RAHASIA');
    expect(docx.zip.file('word/footer1.xml')!.asText()).toContain('RAHASIA');
    expect(docx.teks).not.toContain(UJI);
    noTagLeft(docx.semua);
    expect(docx.logo).not.toBeNull();
    const rows = await auditRows(rahasia);
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({
      model: 'kriptogram',
      ke: 'dokumen_diunduh:surat-pengantar',
      dari: 'dinomori',
      catatan: 'surat-pengantar',
      aktor_id: staff.sandiman.id,
    });
  });

  it('salinan: the plaintext, one copy per recipient with "Salinan ke-n dari m", marked top and bottom, distribution list; read and download audited', async () => {
    const before = (await auditRows(rahasia)).length;
    const file = expectFile(await unduh(app, staff.kasi, url('kriptogram', rahasia, 'salinan')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="salinan-${nomorAgenda.replace('/', '-')}.docx"`);
    const docx = bukaDocx(file.bytes);
    expect(docx.document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
    for (const value of [
      'SALINAN',
      'Salinan ke-1 dari 3',
      'Salinan ke-2 dari 3',
      'Salinan ke-3 dari 3',
      nomorSurat,
      'Rahasia / Segera',
      'Pengamanan kunjungan kerja',
      'Disalin oleh Sandiman Sandi Utama',
    ]) {
      expect(docx.teks).toContain(value);
    }
    // the two lines of the plaintext, the line break kept
    expect(docx.teks).toContain('ISI-SALINAN-UJI: Rencana pengamanan kunjungan kerja tanggal 30 November.');
    expect(docx.document).toMatch(/30 November\.<\/w:t>(<\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?)?<w:br\/>/);
    expect(docx.teks.split('3. Kepala Satpol PP, Kepala Satuan Polisi Pamong Praja (Salinan ke-3 dari 3)')).toHaveLength(4);
    for (const part of ['word/header1.xml', 'word/footer1.xml']) expect(docx.zip.file(part)!.asText()).toContain('RAHASIA');
    noTagLeft(docx.semua);
    const rows = (await auditRows(rahasia)).slice(before);
    expect(rows.map((row) => row.ke)).toEqual(['isi_dibaca', 'dokumen_diunduh:salinan']);
    expect(rows[1]).toMatchObject({ catatan: 'salinan', dari: 'dinomori', aktor_id: staff.kasi.id });
    expect(rows.map((row) => JSON.stringify(row)).join('')).not.toContain(UJI);
  });

  it('resi: one page per copy with the letter number and no perihal; on a distribusi, that copy', async () => {
    const docx = bukaDocx(expectFile(await unduh(app, staff.sandiman, url('kriptogram', rahasia, 'resi'))).bytes);
    expect(docx.document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
    for (const value of [
      'RESI TANDA TERIMA',
      'Salinan ke-1 dari 3',
      'Salinan ke-3 dari 3',
      nomorSurat,
      'Rahasia',
      'Sekretaris Daerah',
      'Melalui ajudan',
      'Diantar caraka',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expect(docx.teks).not.toContain('Pengamanan kunjungan kerja');
    expect(docx.teks).not.toContain(UJI);
    noTagLeft(docx.semua);
    const third = copies.find((copy) => copy.nomorSalinan === 3)!;
    const file = expectFile(await unduh(app, staff.sandiman, url('distribusi', third.documentId, 'resi')));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="resi-${nomorAgenda.replace('/', '-')}-salinan-3.docx"`);
    const one = bukaDocx(file.bytes);
    expect(one.teks).toContain('Salinan ke-3 dari 3');
    expect(one.teks).not.toContain('Salinan ke-1 dari 3');
    const audited = (await auditRows(third.documentId)).map((row) => row.ke);
    expect(audited).toContain('dokumen_diunduh:resi');
    // a kriptogram copy has a resi, not a tanda terima; a berita document is not for a kriptogram
    expect((await unduh(app, staff.kasi, url('distribusi', third.documentId, 'tanda-terima'))).status).toBe(409);
    expect((await unduh(app, staff.kasi, url('kriptogram', rahasia, 'kartu-kendali'))).status).toBe(404);
  });

  it('need to know: others who may read the record get 403 for Rahasia documents, and nothing is audited for them', async () => {
    const before = (await auditRows(rahasia)).length;
    for (const who of [staff.kabid, staff.sandimanLain]) {
      for (const jenis of ['salinan', 'surat-pengantar', 'resi']) {
        const refused = await unduh(app, who, url('kriptogram', rahasia, jenis));
        expect(refused.status).toBe(403);
        expect(refused.bytes.toString('utf8')).not.toContain(UJI);
      }
    }
    expect((await unduh(app, staff.caraka, url('distribusi', copies[0].documentId, 'resi'))).status).toBe(403);
    // no read grant on kriptogram at all
    expect((await unduh(app, staff.operator, url('kriptogram', rahasia, 'salinan'))).status).toBe(403);
    expect(await auditRows(rahasia)).toHaveLength(before);
  });

  it('a Terbatas kriptogram: pengantar and resi follow the read grant (not audited); the salinan stays need-to-know and audited', async () => {
    const terbatas = await walkKriptogramTo(app, staff, 'dinomori', { nomorKriptogram: 'KR-0101/JKS/XI/2026', klasifikasi: 'terbatas' });
    const before = (await auditRows(terbatas)).length;
    const pengantar = bukaDocx(expectFile(await unduh(app, staff.kabid, url('kriptogram', terbatas, 'surat-pengantar'))).bytes);
    expect(pengantar.teks).toContain('Terbatas');
    expect(pengantar.zip.file('word/header1.xml')!.asText()).toContain('TERBATAS');
    expectFile(await unduh(app, staff.caraka, url('kriptogram', terbatas, 'resi')));
    expect(await auditRows(terbatas)).toHaveLength(before);
    expect((await unduh(app, staff.kabid, url('kriptogram', terbatas, 'salinan'))).status).toBe(403);
    const salinan = bukaDocx(expectFile(await unduh(app, staff.sandiman, url('kriptogram', terbatas, 'salinan'))).bytes);
    expect(salinan.teks).toContain(SALINAN_CONTOH.isi.split('\n')[0]);
    expect((await auditRows(terbatas)).slice(before).map((row) => row.ke)).toEqual(['isi_dibaca', 'dokumen_diunduh:salinan']);
    const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi.token}`);
    expect(verify.body.data.ok).toBe(true);
  });

  it('the buku agenda kriptogram masuk lists the registered kriptogram', async () => {
    const { default: PizZip } = await import('pizzip');
    const file = expectFile(await unduh(app, staff.kasi, '/sop/agenda/kriptogram-masuk?dari=2026-11-23&sampai=2026-11-23&format=xlsx'));
    const sheet = new PizZip(file.bytes).file('xl/worksheets/sheet1.xml')!.asText();
    for (const value of [
      nomorAgenda,
      'KR-0099/JKS/XI/2026',
      'KR-0101/JKS/XI/2026',
      'Jaring Komunikasi Sandi Pemerintah Provinsi',
      'Rahasia',
      'Terbatas',
      'Sandi Utama',
    ]) {
      expect(sheet).toContain(value);
    }
    const docx = bukaDocx(expectFile(await unduh(app, staff.sandiman, '/sop/agenda/kriptogram-masuk?dari=2026-11-23&sampai=2026-11-23')).bytes);
    expect(docx.teks).toContain('BUKU AGENDA KRIPTOGRAM MASUK');
    expect(docx.teks).toContain('KR-0099/JKS/XI/2026');
    noTagLeft(docx.semua);
    expect((await unduh(app, staff.caraka, '/sop/agenda/kriptogram-masuk?dari=2026-11-23&sampai=2026-11-23')).status).toBe(403);
    expect((await unduh(app, staff.operator, '/sop/agenda/kriptogram-masuk?dari=2026-11-23&sampai=2026-11-23')).status).toBe(403);
  });
});
