import http from 'http';
import type { AddressInfo } from 'net';
import { localDate } from '../../src/domain/calendar';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, sopView, transit } from '../helpers/sop';

const UID = 'api::pengaduan.pengaduan';
const CM = `/content-manager/collection-types/${UID}`;
const ISI = 'Pelayanan penerimaan surat di loket sangat lambat dan petugas tidak ramah.';

type Json = Record<string, unknown>;

describe('Pengaduan over REST: intake, tracking, staff workflow, e-mail', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};
  const tahun = localDate(new Date()).slice(0, 4);
  let layananSlug: string | null = null;

  const kirim = (data: unknown, path = '/api/pengaduan') => app.http().post(path).set('Content-Type', 'application/json').send(JSON.stringify(data));
  const lacak = (nomor: string, kode?: string) =>
    app.http().get(`/api/pengaduan/lacak/${encodeURIComponent(nomor)}${kode === undefined ? '' : `?kode=${encodeURIComponent(kode)}`}`);
  const rows = async (): Promise<number> => Number(await app.strapi.db.query(UID).count({}));
  const byTicket = async (nomorTiket: string): Promise<Json> =>
    (await app.strapi.db.query(UID).findOne({ where: { nomorTiket } })) as Json;

  const expectStatus = async (pending: PromiseLike<{ status: number; body: unknown; text?: string }>, status: number) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response as { status: number; body: { data: Json; error?: { status: number; name: string; message: string; details: Json } }; text: string; headers: Json };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: { ...smtp.env, PENGADUAN_RATE_LIMIT: '1000' } });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Putri', lastname: 'Petugas' });
    staff.pejabat = await createAdminSession(app, ROLE.pejabatPengaduan, { firstname: 'Rusjanah', lastname: 'Pejabat' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    if (app.strapi.contentTypes['api::standar-pelayanan.standar-pelayanan' as keyof typeof app.strapi.contentTypes]) {
      const published = (await app.strapi.db
        .query('api::standar-pelayanan.standar-pelayanan' as never)
        .findOne({ where: { publishedAt: { $notNull: true } }, select: ['slug'] })) as { slug: string } | null;
      layananSlug = published?.slug ?? null;
    }
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  describe('POST /api/pengaduan', () => {
    let pertama: { nomorTiket: string; kodeLacak: string };

    it('files a complaint and answers 201 with the ticket and tracking code only', async () => {
      const response = await expectStatus(kirim({ data: { nama: 'Siti Aminah', kontak: 'siti@contoh.id', isi: ISI } }), 201);
      expect(Object.keys(response.body)).toEqual(['data']);
      expect(Object.keys(response.body.data).sort()).toEqual(['kodeLacak', 'nomorTiket']);
      pertama = response.body.data as typeof pertama;
      expect(pertama.nomorTiket).toBe(`ADU-${tahun}-000001`);
      expect(pertama.kodeLacak).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('stores the complaint with its deadlines and only a hash of the code', async () => {
      const row = await byTicket(pertama.nomorTiket);
      expect(row).toMatchObject({ nama: 'Siti Aminah', kontak: 'siti@contoh.id', isi: ISI, saluran: 'web', tahap: 'diterima', versi: 0 });
      expect(String(row.kodeLacakHash)).toMatch(/^h2:[0-9a-f]{64}$/);
      const compact = pertama.kodeLacak.replace(/-/g, '');
      expect(JSON.stringify(row)).not.toContain(pertama.kodeLacak);
      expect(JSON.stringify(row)).not.toContain(compact);
      const t = (field: string) => new Date(String(row[field])).getTime();
      expect(t('tenggatPengakuan')).toBeGreaterThan(t('waktuDiterima'));
      expect(t('tenggatRespons')).toBeGreaterThan(t('tenggatPengakuan'));
      expect(t('tenggatPenyelesaian')).toBeGreaterThan(t('tenggatRespons'));
      expect(t('tenggat')).toBe(t('tenggatPengakuan'));
    });

    it('e-mails the complainant the ticket, the tracking code and the tracking URL', async () => {
      const mail = await smtp.waitFor((m) => m.to.includes('siti@contoh.id'));
      expect(mail.subject).toContain(pertama.nomorTiket);
      expect(mail.text).toContain(pertama.nomorTiket);
      expect(mail.text).toContain(pertama.kodeLacak);
      expect(mail.text).toContain(`http://localhost:1337/pengaduan/lacak?nomor=${pertama.nomorTiket}`);
      expect(mail.text).toContain('Yth. Siti Aminah');
    });

    it('tells every Petugas Pengaduan of the new complaint, without the identity or the code', async () => {
      const mail = await smtp.waitFor((m) => m.to.includes(staff.petugas.email) && m.subject.includes(pertama.nomorTiket));
      expect(mail.subject).toBe(`[Meja Sandi] Pengaduan baru ${pertama.nomorTiket}`);
      expect(mail.text).toContain('/admin/content-manager/collection-types/api::pengaduan.pengaduan/');
      for (const secret of ['Siti', 'siti@contoh.id', pertama.kodeLacak, ISI]) expect(mail.text).not.toContain(secret);
      expect(smtp.messages.some((m) => m.to.includes(staff.kasi.email) && m.subject.includes(pertama.nomorTiket))).toBe(false);
    });

    it('numbers concurrent complaints without gaps or duplicates, and mails only e-mail contacts', async () => {
      const before = smtp.messages.length;
      const answers = await Promise.all(
        [1, 2, 3, 4].map((i) => kirim({ data: { nama: `Pelapor ${i}`, kontak: `0812-3456-78${i}0`, isi: `${ISI} (${i})` } }))
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      const numbers = answers.map((a) => Number(String(a.body.data.nomorTiket).slice(-6))).sort((a, b) => a - b);
      expect(numbers).toEqual([2, 3, 4, 5]);
      expect((await byTicket(`ADU-${tahun}-000002`)).kontak).toMatch(/^\+62812345678\d0$/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // no receipt for a phone number: only the petugas hear of the four new tickets
      expect(smtp.messages.slice(before).map((m) => m.to.join(','))).toEqual(Array(4).fill(staff.petugas.email));
    });

    it('accepts the slug of a published service standard as layanan', async () => {
      if (!layananSlug) return;
      const response = await expectStatus(kirim({ data: { nama: 'Budi', kontak: 'budi@contoh.id', isi: ISI, layanan: layananSlug } }), 201);
      expect((await byTicket(String(response.body.data.nomorTiket))).layanan).toBe(layananSlug);
    });
  });

  describe('refusals', () => {
    const valid = { nama: 'Siti Aminah', kontak: 'siti@contoh.id', isi: ISI };
    let count: number;

    beforeAll(async () => {
      count = await rows();
    });

    afterAll(async () => {
      expect(await rows()).toBe(count);
    });

    const refused = async (data: unknown, pattern: RegExp, field?: string) => {
      const response = await expectStatus(kirim(data), 400);
      expect(response.body.data).toBeNull();
      expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(response.body.error?.message).toMatch(pattern);
      if (field) {
        const issues = (response.body.error?.details.errors ?? []) as { path: string[] }[];
        expect(issues.map((issue) => issue.path.join('.'))).toContain(field);
      }
    };

    it('names an unknown field, and requires the data envelope', async () => {
      await refused({ data: { ...valid, documentId: 'abc' } }, /Kolom "documentId" tidak dikenal/, 'data.documentId');
      await refused({ data: { ...valid, tahap: 'selesai', createdBy: 1 } }, /Kolom "tahap" tidak dikenal.*Kolom "createdBy" tidak dikenal/);
      await refused(valid, /Kolom "data" wajib diisi/);
      await refused({ data: [valid] }, /Kolom "data" harus berupa objek/);
    });

    it('checks every field', async () => {
      await refused({ data: { ...valid, nama: ' A ' } }, /Nama minimal 2 karakter/, 'data.nama');
      await refused({ data: { ...valid, nama: 'N'.repeat(101) } }, /Nama paling banyak 100 karakter/, 'data.nama');
      await refused({ data: { ...valid, kontak: '021-555-1234' } }, /Kontak harus alamat e-mail atau nomor ponsel Indonesia/, 'data.kontak');
      await refused({ data: { ...valid, kontak: 'siti@' } }, /Kontak harus/, 'data.kontak');
      await refused({ data: { ...valid, isi: 'Lambat.' } }, /Isi pengaduan minimal 20 karakter/, 'data.isi');
      await refused({ data: { ...valid, isi: 'x'.repeat(5001) } }, /Isi pengaduan paling banyak 5000 karakter/, 'data.isi');
      await refused({ data: { ...valid, layanan: 'Bukan Slug' } }, /Layanan harus berupa slug/, 'data.layanan');
      await refused({ data: { ...valid, layanan: 'layanan-yang-tidak-ada' } }, /Layanan tidak dikenal/, 'layanan');
      await refused({ data: { nama: 'Siti' } }, /Kontak wajib diisi.*Isi pengaduan wajib diisi/);
    });

    it('refuses NUL bytes and control characters', async () => {
      await refused({ data: { ...valid, nama: 'Siti\u0000Aminah' } }, /karakter kendali/, 'data.nama');
      await refused({ data: { ...valid, isi: `${ISI}\u001b[31m` } }, /karakter kendali/, 'data.isi');
    });

    it('refuses a body that is not JSON (400) or not declared as JSON (415)', async () => {
      const broken = await expectStatus(app.http().post('/api/pengaduan').set('Content-Type', 'application/json').send('{"data": '), 400);
      expect(broken.body.error?.message).toBe('Badan permintaan bukan JSON yang sah.');
      for (const [type, body] of [
        ['text/plain', JSON.stringify({ data: valid })],
        ['application/x-www-form-urlencoded', 'data[nama]=Siti'],
        ['multipart/form-data; boundary=x', '--x--'],
        ['application/json; charset=latin1', JSON.stringify({ data: valid })],
      ]) {
        const response = await expectStatus(app.http().post('/api/pengaduan').set('Content-Type', type).send(body), 415);
        expect(response.body.error).toMatchObject({ status: 415, name: 'UnsupportedMediaTypeError' });
        expect(response.body.error?.message).toMatch(/Jenis konten tidak didukung/);
      }
      await expectStatus(app.http().post('/api/pengaduan'), 415);
      await expectStatus(
        app.http().post('/api/pengaduan').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}'),
        415
      );
      // another spelling of the same route goes through the same door
      await expectStatus(app.http().post('/API/Pengaduan/').set('Content-Type', 'text/plain').send('x'), 415);
    });

    it('refuses a body over 16 KiB, by Content-Length (413)', async () => {
      const big = { data: { ...valid, isi: 'x'.repeat(17 * 1024) } };
      const response = await expectStatus(kirim(big), 413);
      expect(response.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
      expect(response.body.error?.message).toMatch(/terlalu besar.*16 KiB/);
    });

    it('refuses a body over 16 KiB sent without Content-Length (chunked) by its actual size', async () => {
      const { port } = await strapiAddress(app);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/pengaduan', headers: { 'Content-Type': 'application/json' } }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        expect(request.getHeader('content-length')).toBeUndefined();
        request.write(`{"data":{"nama":"Siti","kontak":"siti@contoh.id","isi":"`);
        for (let i = 0; i < 20; i += 1) request.write('y'.repeat(1024));
        request.end('"}}');
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.name).toBe('PayloadTooLargeError');
    });

    it('accepts a chunked body under the limit', async () => {
      const { port } = await strapiAddress(app);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/pengaduan', headers: { 'Content-Type': 'application/json' } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('error', reject);
        request.write('{"data":{"nama":"Chunk","kontak":"chunk@contoh.id",');
        request.end(`"isi":${JSON.stringify(ISI)}}}`);
      });
      expect(status).toBe(201);
      count += 1;
    });

    it('rejects query parameters without echoing them', async () => {
      for (const query of ['populate=*', 'filters[createdBy][password][$startsWith]=a', 'fields[0]=kodeLacakHash']) {
        const response = await expectStatus(app.http().post(`/api/pengaduan?${query}`).set('Content-Type', 'application/json').send(JSON.stringify({ data: valid })), 400);
        expect(response.body.error?.message).toMatch(/tidak menerima parameter kueri/);
        expect(JSON.stringify(response.body)).not.toMatch(/populate|password|createdBy|kodeLacakHash/);
      }
    });

    it('offers no CRUD over the collection', async () => {
      expect([403, 404, 405]).toContain((await app.http().get('/api/pengaduans')).status);
      expect([403, 404, 405]).toContain((await app.http().get('/api/pengaduan')).status);
      expect([403, 404, 405]).toContain((await app.http().put('/api/pengaduan').send({})).status);
    });
  });

  describe('tracking, the staff workflow and the outcome e-mails', () => {
    let tiket: { nomorTiket: string; kodeLacak: string };
    let documentId: string;

    beforeAll(async () => {
      tiket = (await expectStatus(kirim({ data: { nama: 'Rahmat Hidayat', kontak: 'rahmat@contoh.id', isi: ISI } }), 201)).body.data as typeof tiket;
      documentId = String((await byTicket(tiket.nomorTiket)).documentId);
    });

    it('shows the status and timeline, nothing personal', async () => {
      const response = await expectStatus(lacak(tiket.nomorTiket, tiket.kodeLacak), 200);
      expect(response.body).toEqual({
        data: { nomorTiket: tiket.nomorTiket, status: 'diterima', riwayat: [{ status: 'diterima', waktu: expect.any(String) }] },
      });
      const lenient = await expectStatus(lacak(tiket.nomorTiket.toLowerCase(), tiket.kodeLacak.toLowerCase().replace(/-/g, ' ')), 200);
      expect(lenient.body.data.nomorTiket).toBe(tiket.nomorTiket);
    });

    it('answers the same 404 for a wrong code, an unknown or malformed ticket and a missing code', async () => {
      const wrongCode = `${tiket.kodeLacak.slice(0, -1)}${tiket.kodeLacak.endsWith('0') ? '1' : '0'}`;
      const misses = await Promise.all([
        lacak(tiket.nomorTiket, wrongCode),
        lacak(`ADU-${tahun}-999999`, tiket.kodeLacak),
        lacak('ADU-1', tiket.kodeLacak),
        lacak("' OR 1=1 --", tiket.kodeLacak),
        lacak(tiket.nomorTiket),
        lacak(tiket.nomorTiket, ''),
        lacak(tiket.nomorTiket, 'x'.repeat(500)),
      ]);
      expect(misses.map((m) => m.status)).toEqual(Array(misses.length).fill(404));
      const bodies = new Set(misses.map((m) => JSON.stringify(m.body)));
      expect(bodies.size).toBe(1);
      expect(misses[0].body.error.message).toMatch(/tidak ditemukan/);
    });

    it('lets only the complaint roles open it in /sop', async () => {
      await expectStatus(sopView(app, staff.kasi, 'pengaduan', documentId), 403);
      await expectStatus(sopView(app, staff.operator, 'pengaduan', documentId), 403);
      const view = await expectStatus(sopView(app, staff.petugas, 'pengaduan', documentId), 200);
      expect(view.body.data).toMatchObject({ tahap: 'diterima', nomorAgenda: tiket.nomorTiket });
      expect((view.body.data.aksi as { ke: string }[]).map((a) => a.ke)).toEqual(['diproses']);
      const pejabat = await expectStatus(sopView(app, staff.pejabat, 'pengaduan', documentId), 200);
      expect((pejabat.body.data.aksi as { ke: string }[]).map((a) => a.ke)).toEqual(['ditolak']);
    });

    it('walks diterima → diproses → selesai with the petugas, the answer reaching the tracking page and the complainant', async () => {
      await expectStatus(transit(app, staff.kasi, 'pengaduan', documentId, 'diproses'), 403);
      await expectStatus(transit(app, staff.petugas, 'pengaduan', documentId, 'selesai', { data: { tanggapan: 'Sudah ditangani.' } }), 409);
      await expectStatus(transit(app, staff.petugas, 'pengaduan', documentId, 'diproses'), 200);
      const processing = await byTicket(tiket.nomorTiket);
      expect(new Date(String(processing.tenggat)).getTime()).toBe(new Date(String(processing.tenggatRespons)).getTime());

      await expectStatus(transit(app, staff.petugas, 'pengaduan', documentId, 'selesai'), 400);
      const tanggapan = 'Terima kasih. Mulai Senin loket dibuka dengan dua petugas dan antrean bernomor.';
      const done = await expectStatus(transit(app, staff.petugas, 'pengaduan', documentId, 'selesai', { data: { tanggapan } }), 200);
      expect(done.body.data.tahap).toBe('selesai');
      expect((await byTicket(tiket.nomorTiket)).tenggat).toBeNull();

      const tracked = await expectStatus(lacak(tiket.nomorTiket, tiket.kodeLacak), 200);
      expect(tracked.body.data).toEqual({
        nomorTiket: tiket.nomorTiket,
        status: 'selesai',
        riwayat: [
          { status: 'diterima', waktu: expect.any(String) },
          { status: 'diproses', waktu: expect.any(String) },
          { status: 'selesai', waktu: expect.any(String) },
        ],
        tanggapan,
      });
      const mail = await smtp.waitFor((m) => m.to.includes('rahmat@contoh.id') && m.subject.includes('Selesai'));
      expect(mail.subject).toContain(tiket.nomorTiket);
      expect(mail.text).toContain(tanggapan);
    });

    it('refuses any further step or edit once closed', async () => {
      await expectStatus(transit(app, staff.pejabat, 'pengaduan', documentId, 'ditolak', { catatan: 'x' }), 409);
      expect((await cmUpdate(app, staff.petugas, UID, documentId, { isi: `${ISI} (diubah)` })).status).toBe(403);
    });

    it('escalates to the Pejabat Pengaduan, who refuses with a reason the complainant receives', async () => {
      const kedua = (await expectStatus(kirim({ data: { nama: 'Dewi', kontak: 'dewi@contoh.id', isi: ISI } }), 201)).body.data as typeof tiket;
      const id = String((await byTicket(kedua.nomorTiket)).documentId);
      await expectStatus(transit(app, staff.petugas, 'pengaduan', id, 'diproses'), 200);
      await expectStatus(transit(app, staff.petugas, 'pengaduan', id, 'diteruskan_ke_pejabat', { catatan: 'Di luar kewenangan petugas.' }), 200);
      const escalated = await byTicket(kedua.nomorTiket);
      expect(new Date(String(escalated.tenggat)).getTime()).toBe(new Date(String(escalated.tenggatPenyelesaian)).getTime());
      await smtp.waitFor((m) => m.to.includes(staff.pejabat.email));

      await expectStatus(transit(app, staff.petugas, 'pengaduan', id, 'selesai', { data: { tanggapan: 'Selesai oleh petugas.' } }), 403);
      await expectStatus(transit(app, staff.pejabat, 'pengaduan', id, 'ditolak'), 400);
      const alasan = 'Pengaduan menyangkut layanan instansi lain; silakan hubungi Dinas Kependudukan.';
      await expectStatus(transit(app, staff.pejabat, 'pengaduan', id, 'ditolak', { catatan: alasan }), 200);

      const tracked = await expectStatus(lacak(kedua.nomorTiket, kedua.kodeLacak), 200);
      expect(tracked.body.data.status).toBe('ditolak');
      expect(tracked.body.data).not.toHaveProperty('tanggapan');
      expect((tracked.body.data.riwayat as { status: string }[]).map((r) => r.status)).toEqual(['diterima', 'diproses', 'diteruskan_ke_pejabat', 'ditolak']);
      const mail = await smtp.waitFor((m) => m.to.includes('dewi@contoh.id') && m.subject.includes('Ditolak'));
      expect(mail.text).toContain(alasan);
      // staff notifications never carry the complainant's identity
      for (const staffMail of smtp.messages.filter((m) => m.to.includes(staff.pejabat.email) || m.to.includes(staff.petugas.email))) {
        expect(staffMail.text).not.toContain('dewi@contoh.id');
        expect(staffMail.text).not.toContain('Dewi');
      }
    });
  });

  describe('staff-recorded complaints in the content manager', () => {
    it('records a telephone complaint with its own ticket, deadlines and audit row', async () => {
      const created = await expectStatus(
        cmCreate(app, staff.petugas, UID, { nama: 'Pak Darto', kontak: '0858-6062-0563', isi: 'Menelepon: surat undangan belum sampai ke kelurahan.', saluran: 'telepon' }),
        201
      );
      const documentId = String(created.body.data.documentId);
      const row = (await app.strapi.db.query(UID).findOne({ where: { documentId } })) as Json;
      expect(row).toMatchObject({ nama: 'Pak Darto', kontak: '+6285860620563', saluran: 'telepon', tahap: 'diterima' });
      expect(String(row.nomorTiket)).toMatch(new RegExp(`^ADU-${tahun}-\\d{6}$`));
      expect(row.tenggatPengakuan).toBeTruthy();
      expect(created.body.data).not.toHaveProperty('kodeLacakHash');
      const view = await expectStatus(sopView(app, staff.petugas, 'pengaduan', documentId), 200);
      expect(view.body.data.riwayat).toEqual([
        expect.objectContaining({ dari: null, ke: 'diterima', oleh: expect.objectContaining({ id: staff.petugas.id, nama: 'Putri Petugas' }), catatan: expect.stringContaining('Telepon') }),
      ]);

      // the caller gets a tracking code from the petugas; the old one (never shown) stops working
      await expectStatus(app.http().post(`/sop/pengaduan/${documentId}/kode-lacak`).set('Authorization', `Bearer ${staff.kasi.token}`), 403);
      const issued = await expectStatus(app.http().post(`/sop/pengaduan/${documentId}/kode-lacak`).set('Authorization', `Bearer ${staff.petugas.token}`), 200);
      expect(issued.body.data.nomorTiket).toBe(row.nomorTiket);
      const tracked = await expectStatus(lacak(String(row.nomorTiket), String(issued.body.data.kodeLacak)), 200);
      expect(tracked.body.data.riwayat).toEqual([{ status: 'diterima', waktu: expect.any(String) }]);
      const again = await expectStatus(app.http().post(`/sop/pengaduan/${documentId}/kode-lacak`).set('Authorization', `Bearer ${staff.pejabat.token}`), 200);
      await expectStatus(lacak(String(row.nomorTiket), String(issued.body.data.kodeLacak)), 404);
      await expectStatus(lacak(String(row.nomorTiket), String(again.body.data.kodeLacak)), 200);
      await expectStatus(app.http().post('/sop/pengaduan/tidak-ada/kode-lacak').set('Authorization', `Bearer ${staff.petugas.token}`), 404);
    });

    it('mails a receipt with the tracking code to an e-mail complaint recorded by staff', async () => {
      const created = await expectStatus(
        cmCreate(app, staff.petugas, UID, { nama: 'Bu Ani', kontak: 'ani@contoh.id', isi: 'Dikirim lewat e-mail dinas.', saluran: 'email', waktuDiterima: new Date(Date.now() - 3600_000).toISOString() }),
        201
      );
      const row = (await app.strapi.db.query(UID).findOne({ where: { documentId: String(created.body.data.documentId) } })) as Json;
      const mail = await smtp.waitFor((m) => m.to.includes('ani@contoh.id'));
      const kode = /Kode lacak\s*:\s*(\S+)/.exec(mail.text)?.[1];
      expect(kode).toBeDefined();
      await expectStatus(lacak(String(row.nomorTiket), String(kode)), 200);
    });

    it('refuses the web channel, a missing channel, server-owned fields and moves of tahap', async () => {
      const base = { nama: 'Pak Darto', isi: 'Keluhan langsung di loket.' };
      expect((await cmCreate(app, staff.petugas, UID, { ...base, saluran: 'web' })).status).toBe(400);
      expect((await cmCreate(app, staff.petugas, UID, base)).status).toBe(400);
      expect((await cmCreate(app, staff.petugas, UID, { ...base, saluran: 'langsung', kontak: 'bukan kontak' })).status).toBe(400);
      for (const field of [{ nomorTiket: 'ADU-2000-000001' }, { tahap: 'selesai' }, { tanggapan: 'Selesai.' }, { tenggat: '2030-01-01T00:00:00.000Z' }]) {
        expect((await cmCreate(app, staff.petugas, UID, { ...base, saluran: 'langsung', ...field })).status).toBe(403);
      }
      // the hash is not even a field the complaint roles may see or send: it is dropped, then set by the server
      const sneaky = await expectStatus(cmCreate(app, staff.petugas, UID, { ...base, saluran: 'langsung', kodeLacakHash: 'h1:00' }), 201);
      const stored = (await app.strapi.db.query(UID).findOne({ where: { documentId: String(sneaky.body.data.documentId) } })) as Json;
      expect(stored.kodeLacakHash).toMatch(/^h2:[0-9a-f]{64}$/);
      const created = await expectStatus(cmCreate(app, staff.petugas, UID, { ...base, saluran: 'langsung' }), 201);
      const documentId = String(created.body.data.documentId);
      expect((await cmUpdate(app, staff.petugas, UID, documentId, { tahap: 'selesai' })).status).toBe(403);
      expect((await cmUpdate(app, staff.petugas, UID, documentId, { waktuDiterima: '2020-01-01T00:00:00.000Z' })).status).toBe(403);
      expect((await cmUpdate(app, staff.petugas, UID, documentId, { catatan: 'Pelapor akan datang lagi Senin.' })).status).toBe(200);
    });

    it('keeps the identity from every other role', async () => {
      for (const session of [staff.kasi, staff.operator]) {
        expect((await app.http().get(CM).set('Authorization', `Bearer ${session.token}`)).status).toBe(403);
        expect((await cmCreate(app, session, UID, { nama: 'X', isi: 'Y', saluran: 'telepon' })).status).toBe(403);
      }
      const list = await expectStatus(app.http().get(CM).set('Authorization', `Bearer ${staff.pejabat.token}`), 200);
      const results = (list.body as unknown as { results: Json[] }).results;
      expect(results.some((entry) => entry.nama === 'Siti Aminah')).toBe(true);
      expect(results.every((entry) => !('kodeLacakHash' in entry))).toBe(true);
    });

    it('keeps the audit chain intact', async () => {
      const verdict = await expectStatus(app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.petugas.token}`), 200);
      expect(verdict.body.data).toMatchObject({ ok: true });
    });
  });
});

/** The port of the app's own HTTP server, listening on loopback (supertest alone never opens one for long). */
const strapiAddress = async (app: TestApp): Promise<AddressInfo> => {
  const server = app.strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address() as AddressInfo;
};
