import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { muatEvaluasiTersimpan } from '../../src/evaluasi/load';
import { BERITA_CONTOH, cmCreate, ROLE, sopView, transit } from '../helpers/sop';

/** `2026-11-02 08:00` WIB → the instant. */
const wib = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+07:00`);

type Json = Record<string, unknown>;
type Evaluasi = {
  triwulan: Json;
  satuanWaktu: string;
  layanan: Json[];
  langkah: { model: string; langkah: string; dari: string; ke: string; jumlah: number; medianMenit: number; p90Menit: number }[];
  peran: Json[];
  terlambat: Json[];
  pengaduan: {
    jumlah: number;
    perTahap: { tahap: string; jumlah: number }[];
    perTimer: { timer: string; tepat: number; terlambat: number; berjalan: number; tanpaTenggat: number }[];
  };
};

/** The berita main line and who takes each step. */
const BERITA_STEPS = [
  ['diperiksa', 'operator'],
  ['dicetak', 'operator'],
  ['diagendakan', 'operator'],
  ['diteruskan_ke_kasi', 'operator'],
  ['diparaf_kasi', 'kasi'],
  ['diparaf_kabid', 'kabid'],
  ['diparaf_kadis', 'kadis'],
  ['ditugaskan_ke_caraka', 'kasi'],
  ['terima', 'caraka'], // the receipt of every copy (distribusi → diterima)
  ['didistribusikan', 'caraka'],
  ['tanda_terima_diserahkan', 'caraka'],
  ['diarsipkan', 'operator'],
] as const;

describe('evaluasi kinerja triwulanan: GET /sop/evaluasi', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  const beritaId: Record<string, string> = {};
  const pengaduanId: Record<string, string> = {};

  const ok = async (pending: PromiseLike<{ status: number; body: unknown }>, what: string) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response as { status: number; body: { data: Json } };
  };

  const at = async <T>(local: string, work: () => Promise<T>): Promise<T> => {
    setClock(wib(local));
    try {
      return await work();
    } finally {
      setClock(null);
    }
  };

  const beritaAt = (local: string, perihal: string) =>
    at(local, async () =>
      String(
        (
          await ok(
            cmCreate(app, staff.operator, 'api::berita.berita', { ...BERITA_CONTOH, perihal, waktuDiterima: wib(local).toISOString() }),
            perihal
          )
        ).body.data.documentId
      )
    );

  /** Walks a berita along its main line, the i-th step at times[i] (WIB). */
  const walk = async (documentId: string, times: readonly string[]) => {
    for (const [index, local] of times.entries()) {
      const [ke, by] = BERITA_STEPS[index];
      await at(local, async () => {
        if (ke === 'terima') {
          const view = await ok(sopView(app, staff.caraka, 'berita', documentId), 'view');
          for (const copy of view.body.data.distribusi as { documentId: string }[]) {
            await ok(transit(app, staff.caraka, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: 'Penerima' } }), 'receipt');
          }
          return;
        }
        const data = ke === 'ditugaskan_ke_caraka' ? { data: { caraka: staff.caraka.id } } : {};
        await ok(transit(app, staff[by], 'berita', documentId, ke, data), `${ke} ${documentId}`);
      });
    }
  };

  const pengaduanAt = (local: string, nama: string) =>
    at(local, async () =>
      String(
        (
          await ok(
            cmCreate(app, staff.petugas, 'api::pengaduan.pengaduan', {
              nama,
              kontak: '081234567890',
              isi: 'Pengaduan lewat telepon untuk uji evaluasi.',
              saluran: 'telepon',
              waktuDiterima: wib(local).toISOString(),
            }),
            nama
          )
        ).body.data.documentId
      )
    );

  const step = (who: string, model: string, documentId: string, ke: string, local: string, extra: { catatan?: string; data?: Json } = {}) =>
    at(local, () => ok(transit(app, staff[who], model, documentId, ke, extra), `${model} ${ke}`));

  const evaluasi = (session: AdminSession, query = 'tahun=2026&triwulan=4') =>
    app.http().get(`/sop/evaluasi?${query}`).set('Authorization', `Bearer ${session.token}`);

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
    staff.pejabat = await createAdminSession(app, ROLE.pejabatPengaduan);
    staff.superAdmin = await createAdminSession(app, 'Super Admin');

    // B1: Monday 2 Nov 08.00, due 16.00 the same day; every step 10 minutes after the last, archived 10.00: on time.
    beritaId.b1 = await beritaAt('2026-11-02 08:00', 'Berita tepat waktu');
    await walk(
      beritaId.b1,
      ['08:10', '08:20', '08:30', '08:40', '08:50', '09:00', '09:10', '09:20', '09:30', '09:40', '09:50', '10:00'].map((t) => `2026-11-02 ${t}`)
    );
    // B2: Monday 2 Nov 10.00, due Tuesday 10.00; archived Wednesday 08.00: late by 300 working minutes.
    beritaId.b2 = await beritaAt('2026-11-02 10:00', 'Berita terlambat');
    await walk(beritaId.b2, [
      '2026-11-02 11:00', // diperiksa: 60
      '2026-11-02 14:00', // dicetak: 120 (break 12–13)
      '2026-11-03 08:00', // diagendakan: 120 (to closing at 16.00)
      '2026-11-03 08:30', // diteruskan_ke_kasi: 30
      '2026-11-03 09:00', // diparaf_kasi: 30
      '2026-11-03 10:00', // diparaf_kabid: 60
      '2026-11-03 11:00', // diparaf_kadis: 60
      '2026-11-03 11:30', // ditugaskan_ke_caraka: 30
      '2026-11-03 13:30', // receipts: 30 + 60 from the copies' creation at 11.30
      '2026-11-03 14:00', // didistribusikan: 30 + 60 = 90 from 11.30
      '2026-11-03 15:00', // tanda_terima_diserahkan: 60
      '2026-11-04 08:00', // diarsipkan: 60
    ]);
    // The copies are made by the ditugaskan_ke_caraka step; Strapi stamps their createdAt with the wall clock,
    // which the test's clock does not move: set it to the step's moment, as it is in service.
    for (const [documentId, local] of [
      [beritaId.b1, '2026-11-02 09:20'],
      [beritaId.b2, '2026-11-03 11:30'],
    ]) {
      const copies = (await app.strapi.db.query('api::distribusi.distribusi').findMany({ where: { berita: { documentId } }, select: ['id'] })) as {
        id: number;
      }[];
      expect(copies).toHaveLength(2);
      for (const copy of copies)
        await app.strapi.db.query('api::distribusi.distribusi').update({ where: { id: copy.id }, data: { createdAt: wib(local) } });
    }
    // B3: Thursday 5 Nov 10.00, voided at 10.30.
    beritaId.b3 = await beritaAt('2026-11-05 10:00', 'Berita dibatalkan');
    await step('operator', 'berita', beritaId.b3, 'batal', '2026-11-05 10:30', { catatan: 'Terkirim dua kali' });
    // B4: Monday 30 Nov 10.00, due Tuesday 1 Dec 10.00, checked at 11.00 and left open: overdue at the quarter's end.
    beritaId.b4 = await beritaAt('2026-11-30 10:00', 'Berita masih terbuka');
    await step('operator', 'berita', beritaId.b4, 'diperiksa', '2026-11-30 11:00');
    // B5: Monday 28 Sep (the quarter before), due Tuesday 29 Sep 10.00, never touched: overdue, not in the quarter's volume.
    beritaId.b5 = await beritaAt('2026-09-28 10:00', 'Berita triwulan lalu');
    // B6: the quarter before, voided then: neither counted nor overdue.
    beritaId.b6 = await beritaAt('2026-09-28 08:00', 'Berita lalu dibatalkan');
    await step('operator', 'berita', beritaId.b6, 'batal', '2026-09-28 08:30', { catatan: 'Salah kirim' });
    // B7: the next quarter: not counted.
    beritaId.b7 = await beritaAt('2027-01-04 09:00', 'Berita triwulan depan');

    // P1: Monday 2 Nov 10.00; taken up Tuesday 10.00 (420), answered Wednesday 4 Nov 10.00 (420): every timer met.
    pengaduanId.p1 = await pengaduanAt('2026-11-02 10:00', 'Pelapor Satu');
    await step('petugas', 'pengaduan', pengaduanId.p1, 'diproses', '2026-11-03 10:00');
    await step('petugas', 'pengaduan', pengaduanId.p1, 'selesai', '2026-11-04 10:00', { data: { tanggapan: 'Sudah ditindaklanjuti.' } });
    // P2: Monday 2 Nov 10.00; taken up Monday 9 Nov 10.00 (1860: late for the 3-day acknowledgment), forwarded
    // Tuesday 10 Nov 10.00 (420), still with the Pejabat at the quarter's end: response met, resolution running.
    pengaduanId.p2 = await pengaduanAt('2026-11-02 10:00', 'Pelapor Dua');
    await step('petugas', 'pengaduan', pengaduanId.p2, 'diproses', '2026-11-09 10:00');
    await step('petugas', 'pengaduan', pengaduanId.p2, 'diteruskan_ke_pejabat', '2026-11-10 10:00');
    // P3: Tuesday 1 Dec 10.00, never acknowledged: acknowledgment and response late by the quarter's end.
    pengaduanId.p3 = await pengaduanAt('2026-12-01 10:00', 'Pelapor Tiga');
    // P4: Monday 7 Dec 10.00, rejected by the Pejabat Tuesday 8 Dec 10.00 (420).
    pengaduanId.p4 = await pengaduanAt('2026-12-07 10:00', 'Pelapor Empat');
    await step('pejabat', 'pengaduan', pengaduanId.p4, 'ditolak', '2026-12-08 10:00', { catatan: 'Bukan kewenangan dinas.' });
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  let hasil: Evaluasi;

  it('answers the quarter for a Kasi', async () => {
    const response = await ok(evaluasi(staff.kasi), 'evaluasi');
    hasil = response.body.data as unknown as Evaluasi;
    expect(hasil.triwulan).toMatchObject({
      tahun: 2026,
      triwulan: 4,
      label: 'Triwulan IV 2026 (1 Oktober – 31 Desember 2026, WIB)',
      mulai: '2026-09-30T17:00:00.000Z',
      akhir: '2026-12-31T17:00:00.000Z',
    });
    expect(hasil.satuanWaktu).toMatch(/menit kerja/);
  });

  it('volume and the share finished within the standard time, per service', () => {
    const byModel = Object.fromEntries(hasil.layanan.map((l) => [l.model, l]));
    expect(Object.keys(byModel)).toEqual(['berita', 'kriptogram', 'distribusi', 'pengaduan']);
    // B1 on time, B2 late, B3 void, B4 open; 1 / (4 − 1). Overdue: B2, B4, B5.
    expect(byModel.berita).toMatchObject({
      masuk: 4,
      selesai: 2,
      tepatWaktu: 1,
      selesaiTerlambat: 1,
      batal: 1,
      terbuka: 1,
      persenTepatWaktu: 33.3,
      terlambat: 3,
    });
    expect(byModel.kriptogram).toMatchObject({ masuk: 0, persenTepatWaktu: null, terlambat: 0 });
    // four copies, all received; a copy has no deadline of its own
    expect(byModel.distribusi).toMatchObject({ masuk: 4, selesai: 4, tanpaTenggat: 4, persenTepatWaktu: null, terlambat: 0 });
    // P1 resolved on time (its 60-day deadline), P4 rejected, P2 and P3 open
    expect(byModel.pengaduan).toMatchObject({ masuk: 4, selesai: 1, tepatWaktu: 1, batal: 1, terbuka: 2, persenTepatWaktu: 33.3, terlambat: 0 });
  });

  it('median and 90th percentile per step (working minutes)', () => {
    const of = (model: string, ke: string) => {
      const found = hasil.langkah.filter((l) => l.model === model && l.ke === ke);
      expect(found).toHaveLength(1);
      return [found[0].jumlah, found[0].medianMenit, found[0].p90Menit];
    };
    // B1 10 each; B2 as commented in the seed; the median of two is their mean, the 90th percentile the larger
    expect(of('berita', 'Diperiksa')).toEqual([3, 60, 60]); // B1 10, B2 60, B4 60
    expect(of('berita', 'Dicetak')).toEqual([2, 65, 120]);
    expect(of('berita', 'Diagendakan')).toEqual([2, 65, 120]);
    expect(of('berita', 'Diteruskan ke Kasi')).toEqual([2, 20, 30]);
    expect(of('berita', 'Diparaf Kasi')).toEqual([2, 20, 30]);
    expect(of('berita', 'Diparaf Kabid')).toEqual([2, 35, 60]);
    expect(of('berita', 'Diparaf Kepala Dinas')).toEqual([2, 35, 60]);
    expect(of('berita', 'Ditugaskan ke Caraka')).toEqual([2, 20, 30]);
    expect(of('berita', 'Didistribusikan')).toEqual([2, 55, 90]); // B1 20 (09.20 → 09.40), B2 90
    expect(of('berita', 'Tanda terima diserahkan')).toEqual([2, 35, 60]);
    expect(of('berita', 'Diarsipkan')).toEqual([2, 35, 60]);
    expect(of('berita', 'Batal')).toEqual([1, 30, 30]);
    expect(of('distribusi', 'Diterima (tanda terima)')).toEqual([4, 35, 60]); // 10, 10, 60, 60
    expect(of('pengaduan', 'Diproses petugas')).toEqual([2, 1140, 1860]); // 420, 1860
    expect(of('pengaduan', 'Selesai')).toEqual([1, 420, 420]);
    expect(of('pengaduan', 'Diteruskan ke Pejabat Pengaduan')).toEqual([1, 420, 420]);
    expect(of('pengaduan', 'Ditolak')).toEqual([1, 420, 420]);
    expect(hasil.langkah).toHaveLength(17);
  });

  it('median and 90th percentile per role', () => {
    const byRole = Object.fromEntries(hasil.peran.map((p) => [p.peran, [p.jumlah, p.medianMenit, p.p90Menit]]));
    expect(byRole).toEqual({
      // diperiksa 10, 60, 60; dicetak 10, 120; diagendakan 10, 120; diteruskan 10, 30; diarsipkan 10, 60; batal 30
      'Operator Transmisi Sandi': [12, 30, 120],
      // paraf 10, 30; ditugaskan 10, 30
      'Kepala Seksi Persandian dan Keamanan Informasi': [4, 20, 30],
      'Kepala Bidang Aplikasi dan Persandian': [2, 35, 60],
      'Kepala Dinas': [2, 35, 60],
      // receipts 10, 10, 60, 60; didistribusikan 20, 90; tanda terima 10, 60
      Caraka: [8, 40, 90],
      // P1 420, 420; P2 1860, 420
      'Petugas Pengaduan': [4, 420, 1860],
      'Pejabat Pengaduan': [1, 420, 420],
    });
  });

  it('overdue items: finished late, or open past the deadline at the end of the quarter', () => {
    expect(hasil.terlambat.map((t) => [t.documentId, t.keadaan, t.tahap, t.lewatMenit])).toEqual([
      [beritaId.b5, 'Belum selesai, melewati tenggat', 'Diterima di e-mail Sanapati', 25320],
      [beritaId.b2, 'Selesai melewati tenggat', 'Diarsipkan', 300],
      // Tue 1 Dec 10.00 → 1 Jan 00.00: 300 + 420 + 420 + 180 + 3 × 1860 + 4 × 420
      [beritaId.b4, 'Belum selesai, melewati tenggat', 'Diperiksa', 8580],
    ]);
    expect(hasil.terlambat[1]).toMatchObject({
      perihal: 'Berita terlambat',
      nomor: '0002/2026',
      selesai: wib('2026-11-04 08:00').toISOString(),
      tenggat: wib('2026-11-03 10:00').toISOString(),
    });
  });

  it('complaints by status at the end of the quarter and by timer', () => {
    expect(hasil.pengaduan.jumlah).toBe(4);
    expect(Object.fromEntries(hasil.pengaduan.perTahap.map((t) => [t.tahap, t.jumlah]))).toEqual({
      diterima: 1,
      diproses: 0,
      diteruskan_ke_pejabat: 1,
      selesai: 1,
      ditolak: 1,
    });
    expect(hasil.pengaduan.perTimer.map((t) => [t.timer, t.tepat, t.terlambat, t.berjalan, t.tanpaTenggat])).toEqual([
      ['pengakuan', 2, 2, 0, 0], // P1, P4 met; P2 late (5 working days), P3 never
      ['respons', 3, 1, 0, 0], // P1, P2 (forwarded 10 Nov), P4 met; P3 past 14 working days by the end
      ['penyelesaian', 2, 0, 2, 0], // P1, P4 closed; P2, P3 within 60 working days
    ]);
  });

  it('exports the same figures to .xlsx (read back with ExcelJS)', async () => {
    const response = await app
      .http()
      .get('/sop/evaluasi?tahun=2026&triwulan=4&format=xlsx')
      .set('Authorization', `Bearer ${staff.kadis.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="evaluasi-kinerja-2026-triwulan-4.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      expect(sheet).toBeDefined();
      const out: string[][] = [];
      sheet!.eachRow((row, number) => {
        if (number >= 6) out.push((row.values as unknown[]).slice(1).map((_, index) => row.getCell(index + 1).text));
      });
      return out;
    };
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Volume layanan',
      'Waktu per langkah',
      'Waktu per peran',
      'Terlambat',
      'Pengaduan per status',
      'Pengaduan per tenggat',
    ]);
    expect(workbook.getWorksheet('Volume layanan')!.getCell('A3').text).toBe('Triwulan IV 2026 (1 Oktober – 31 Desember 2026, WIB)');
    const volume = rows('Volume layanan');
    expect(volume[0]).toEqual([
      'Layanan',
      'Masuk',
      'Selesai',
      'Selesai tepat waktu',
      'Selesai terlambat',
      'Batal / ditolak',
      'Belum selesai',
      'Tanpa tenggat',
      'Tepat waktu (%)',
      'Terlambat (termasuk sebelum triwulan)',
    ]);
    expect(volume[1]).toEqual(['Penerimaan Berita Biasa Email Sanapati', '4', '2', '1', '1', '1', '1', '0', '33,3%', '3']);
    expect(volume[4]).toEqual(['Pengaduan', '4', '1', '1', '0', '1', '2', '0', '33,3%', '0']);
    const perRole = rows('Waktu per peran');
    expect(perRole.find((row) => row[0] === 'Caraka')).toEqual(['Caraka', '8', '40', '90']);
    const late = rows('Terlambat');
    expect(late[0]).toContain('Tenggat (WIB)');
    expect(late.slice(1).map((row) => [row[2], row[4], row[5], row[8]])).toEqual([
      ['Berita triwulan lalu', '29-09-2026 10.00', '', '25320'],
      ['Berita terlambat', '03-11-2026 10.00', '04-11-2026 08.00', '300'],
      ['Berita masih terbuka', '01-12-2026 10.00', '', '8580'],
    ]);
    expect(
      rows('Pengaduan per tenggat')
        .slice(1)
        .map((row) => row.slice(1))
    ).toEqual([
      ['2', '2', '0', '0'],
      ['3', '1', '0', '0'],
      ['2', '0', '2', '0'],
    ]);
  });

  it('exports a .docx report from the template (the PDF is its LibreOffice conversion)', async () => {
    const response = await app
      .http()
      .get('/sop/evaluasi?tahun=2026&triwulan=4&format=docx')
      .set('Authorization', `Bearer ${staff.superAdmin.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    const text = new PizZip(response.body as Buffer)
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    for (const value of [
      'EVALUASI KINERJA PELAYANAN',
      'Triwulan IV 2026',
      'Berita terlambat',
      '25320',
      'Penerimaan Berita Biasa Email Sanapati',
      '33,3%',
    ]) {
      expect(text).toContain(value);
    }
    expect(text).not.toMatch(/\{[#/^]?[A-Za-z]\w*\}/);
  });

  it('PDF: 501 with the installation hint when LibreOffice is absent (the .docx above is what it converts)', async () => {
    const previous = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    try {
      const response = await evaluasi(staff.kasi, 'tahun=2026&triwulan=4&format=pdf');
      expect(response.status).toBe(501);
      expect(response.body.error).toMatchObject({ status: 501, name: 'NotImplementedError' });
      expect(response.body.error.message).toMatch(/memerlukan LibreOffice/);
    } finally {
      if (previous === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = previous;
    }
  });

  it('403 in Indonesian for a Caraka, an Operator and a Petugas Pengaduan; leaders and Super Admin may read', async () => {
    for (const who of ['caraka', 'operator', 'petugas']) {
      const response = await evaluasi(staff[who]);
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
      expect(response.body.error.message).toMatch(/hanya untuk pimpinan/);
    }
    for (const who of ['kabid', 'kadis', 'pejabat', 'superAdmin']) expect((await evaluasi(staff[who])).status).toBe(200);
    expect((await app.http().get('/sop/evaluasi?tahun=2026&triwulan=4')).status).toBe(401);
  });

  it('400 in Indonesian for a bad quarter', async () => {
    for (const query of ['tahun=2026&triwulan=5', 'tahun=dua&triwulan=1', 'tahun=2026', 'tahun=2026&triwulan=4&format=csv']) {
      const response = await evaluasi(staff.kasi, query);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(response.body.error.message).toMatch(/^Parameter tidak sah: /);
    }
  });

  it('answers the same quarter again from what it computed, and follows a new step or a new holiday at once', async () => {
    const figures = async () => (await ok(evaluasi(staff.kasi), 'evaluasi')).body.data as unknown as Evaluasi;
    const cetak = (data: Evaluasi) => data.langkah.find((row) => row.model === 'berita' && row.ke === 'Dicetak')?.jumlah ?? 0;
    const first = await figures();
    expect(await figures()).toEqual(first);
    // B4, left open at "Diperiksa", is printed on 30 Nov: one more "Dicetak" step in the quarter
    await step('operator', 'berita', beritaId.b4, 'dicetak', '2026-11-30 13:30');
    const after = await figures();
    expect(cetak(after)).toBe(cetak(first) + 1);
    // a holiday on 3 Nov (B2 walked that day) takes its service time out of B2's step durations
    const holiday = await cmCreate(app, staff.superAdmin, 'api::hari-libur.hari-libur', { tanggal: '2026-11-03', nama: 'Libur uji evaluasi' });
    expect(holiday.status).toBe(201);
    expect((await figures()).langkah).not.toEqual(after.langkah);
  });

  it('computes a quarter once for requests that arrive together, without taking the whole connection pool', async () => {
    // a new holiday: the kept quarter is stale, so the next requests compute it again
    expect((await cmCreate(app, staff.superAdmin, 'api::hari-libur.hari-libur', { tanggal: '2026-11-04', nama: 'Libur uji bersamaan' })).status).toBe(
      201
    );
    const knex = app.strapi.db.connection;
    const pool = (knex.client as { pool?: { numUsed: () => number; max: number } }).pool;
    const trails: string[] = [];
    let mostUsed = 0;
    const watch = (query: { sql: string }) => {
      if (/from [`"]sop_audit[`"] where [`"]model[`"] = /.test(query.sql)) trails.push(query.sql);
      mostUsed = Math.max(mostUsed, pool?.numUsed() ?? 0);
    };
    const watched = async <T>(work: () => Promise<T>): Promise<T> => {
      trails.length = 0;
      knex.on('query', watch);
      try {
        return await work();
      } finally {
        knex.off('query', watch);
      }
    };
    // the loader itself, three callers in the same tick (HTTP requests on one test client may not overlap)
    const quarter = { tahun: 2026, triwulan: 4 } as const;
    const together = await watched(() => Promise.all([0, 1, 2].map(() => muatEvaluasiTersimpan(app.strapi, quarter))));
    expect(together[1]).toBe(together[0]);
    expect(together[2]).toBe(together[0]);
    const statementsTogether = trails.length;
    expect(statementsTogether).toBeGreaterThan(0);
    if (app.database.client === 'postgres') {
      // the computation reads with at most 6 connections; the pool (10) keeps room for complaints and steps
      expect(mostUsed).toBeGreaterThan(1);
      expect(mostUsed).toBeLessThan(pool!.max);
    }
    // as many trail statements as ONE computation alone
    expect((await cmCreate(app, staff.superAdmin, 'api::hari-libur.hari-libur', { tanggal: '2026-11-05', nama: 'Libur uji sendiri' })).status).toBe(
      201
    );
    const alone = await watched(() => muatEvaluasiTersimpan(app.strapi, quarter));
    expect(statementsTogether).toBe(trails.length);
    expect(alone).not.toBe(together[0]);
  });
});
