import fs from 'fs';
import { sha256Hex } from '../../src/domain/intake';
import { localUploadPath } from '../../src/sop-defs/distribusi/bukti';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { startApp, type TestApp } from '../helpers/app';
import { freePort } from '../helpers/faults';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { cmCreate, cmUpdate, ROLE, sopView } from '../helpers/sop';
import { composeMail, MALFORMED_MAIL, PDF_BYTES } from '../helpers/sanapati-mail';

const ORDER = ['lampiran.eml', 'rfc2047.eml', 'html.eml', 'tanpa-id.eml', 'rusak.eml'];
type UploadAnswer = { berkas: string; hasil: 'baru' | 'duplikat' | 'gagal'; documentId?: string | null; alasan?: string };
type FileRow = { id: number; name: string; url: string; mime: string };
type BeritaRow = {
  documentId: string;
  perihal: string;
  pengirim: string;
  tahap: string;
  tenggat: string;
  waktuDiterima: string;
  emlSha256: string;
  messageId: string | null;
  nomorSurat: string | null;
  tanggalSurat: string | null;
  saranNomorSurat: string | null;
  saranTanggalSurat: string | null;
  isiRingkas: string | null;
  emlAsli: FileRow | null;
  lampiran: FileRow[] | null;
};

/**
 * The .eml fallback (POST /sop/intake/eml): the same pipeline and de-duplication as the
 * IMAP intake, without an IMAP server — so it runs in `npm test` on SQLite and PostgreSQL.
 */
describe('Sanapati intake: .eml files uploaded by the Operator', () => {
  let app: TestApp;
  let operator: AdminSession;
  let caraka: AdminSession;
  const mails: Record<string, Buffer> = {};

  const upload = (session: AdminSession, files: { name: string; content: Buffer }[]) => {
    let pending = app.http().post('/sop/intake/eml').set('Authorization', `Bearer ${session.token}`);
    for (const file of files) pending = pending.attach('files', file.content, { filename: file.name, contentType: 'message/rfc822' });
    return pending;
  };

  const berita = async (documentId: string): Promise<BeritaRow> =>
    (await app.strapi
      .documents('api::berita.berita' as never)
      .findOne({ documentId, populate: ['emlAsli', 'lampiran'] } as never)) as unknown as BeritaRow;

  const stored = (file: FileRow): Buffer => fs.readFileSync(localUploadPath(app.strapi, file.url));

  beforeAll(async () => {
    app = await startApp();
    operator = await createAdminSession(app, ROLE.operator);
    caraka = await createAdminSession(app, ROLE.caraka);
    mails.lampiran = await composeMail({
      subject: 'Undangan Rapat Koordinasi Persandian',
      text: 'Yth. Wali Kota\nNomor: B-123/BSSN/11/2026\nTanggal: 20 November 2026\nTerlampir undangan.',
      attachments: [
        { filename: 'undangan.pdf', content: PDF_BYTES, contentType: 'application/pdf' },
        { filename: 'daftar hadir.txt', content: Buffer.from('1. Kasi Persandian\n'), contentType: 'text/plain' },
      ],
    });
    mails.rfc2047 = await composeMail({
      subject: 'Pemberitahuan Gangguan Jaringan Intra Pemerintah – Ruang Sandi “Kelas Ⅱ” ✓',
      text: 'Mohon perhatian.',
    });
    mails.html = await composeMail({
      subject: 'Surat 060/040/III/2026 tentang Audit Keamanan Informasi',
      html: '<html><body><p>Dengan hormat,</p><p>Bersama ini kami sampaikan jadwal audit <b>tanggal 05-03-2026</b>.</p></body></html>',
    });
    mails.tanpaId = await composeMail({ subject: '', text: 'Pesan tanpa Message-ID dan tanpa perihal.', messageId: null });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('turns each message into one berita at diterima, keeps a malformed one aside, and tells which is which', async () => {
    const response = await upload(operator, [
      { name: 'lampiran.eml', content: mails.lampiran },
      { name: 'rfc2047.eml', content: mails.rfc2047 },
      { name: 'html.eml', content: mails.html },
      { name: 'tanpa-id.eml', content: mails.tanpaId },
      { name: 'rusak.eml', content: MALFORMED_MAIL },
    ]);
    expect(response.status).toBe(201);
    // one answer per file (in the order the server finished receiving them)
    const results = (response.body.data as UploadAnswer[]).sort((a, b) => ORDER.indexOf(a.berkas) - ORDER.indexOf(b.berkas));
    expect(results.map((result) => [result.berkas, result.hasil])).toEqual([
      ['lampiran.eml', 'baru'],
      ['rfc2047.eml', 'baru'],
      ['html.eml', 'baru'],
      ['tanpa-id.eml', 'baru'],
      ['rusak.eml', 'gagal'],
    ]);
    expect(results[4].alasan).toContain('tidak ada kepala pesan');
    const ids = Object.fromEntries(results.slice(0, 4).map((result) => [result.berkas, String(result.documentId)]));

    // attachments: every one a lampiran, the .eml kept with its SHA-256, suggestions apart from the letter's own fields
    const withFiles = await berita(ids['lampiran.eml']);
    expect(withFiles).toMatchObject({
      perihal: 'Undangan Rapat Koordinasi Persandian',
      pengirim: 'Badan Siber dan Sandi Negara <tu@bssn.go.id>',
      tahap: 'diterima',
      saranNomorSurat: 'B-123/BSSN/11/2026',
      saranTanggalSurat: '2026-11-20',
      nomorSurat: null,
      tanggalSurat: null,
      emlSha256: sha256Hex(mails.lampiran),
    });
    expect(withFiles.messageId).toMatch(/@sanapati\.bssn\.go\.id$/);
    // no Received header: the Date header (Monday 10.00 WIB) is the receipt time; tenggat one service day later
    expect(new Date(withFiles.waktuDiterima).toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(new Date(withFiles.tenggat).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(withFiles.emlAsli?.name).toMatch(/\.eml$/);
    expect(sha256Hex(stored(withFiles.emlAsli as FileRow))).toBe(withFiles.emlSha256);
    const lampiran = (withFiles.lampiran ?? []).sort((a, b) => a.name.localeCompare(b.name));
    expect(lampiran.map((file) => file.name)).toEqual(['daftar hadir.txt', 'undangan.pdf']);
    expect(stored(lampiran[1]).equals(PDF_BYTES)).toBe(true);

    // RFC 2047 subject decoded
    expect((await berita(ids['rfc2047.eml'])).perihal).toBe('Pemberitahuan Gangguan Jaringan Intra Pemerintah – Ruang Sandi “Kelas Ⅱ” ✓');

    // HTML-only body: text taken from the HTML for the summary and the suggestions
    const html = await berita(ids['html.eml']);
    expect(html.isiRingkas).toContain('Bersama ini kami sampaikan jadwal audit');
    expect(html.isiRingkas).not.toContain('<b>');
    expect(html).toMatchObject({ saranNomorSurat: '060/040/III/2026', saranTanggalSurat: '2026-03-05', lampiran: [] });

    // no Message-ID, no subject
    const tanpaId = await berita(ids['tanpa-id.eml']);
    expect(tanpaId).toMatchObject({ perihal: '(tanpa perihal)', messageId: null, emlSha256: sha256Hex(mails.tanpaId) });

    // the audit row says where it came from, and the chain holds
    const view = await sopView(app, operator, 'berita', ids['lampiran.eml']);
    expect(view.status).toBe(200);
    expect(view.body.data.riwayat).toEqual([
      expect.objectContaining({
        dari: null,
        ke: 'diterima',
        oleh: { id: operator.id, nama: operator.name, peran: ROLE.operator },
        catatan: expect.stringContaining('e-mail Sanapati yang diunggah sebagai berkas .eml (lampiran.eml)'),
      }),
    ]);
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true, count: 4 });
  });

  it('never makes a second berita of the same message: same bytes, same Message-ID, or concurrent uploads', async () => {
    const count = () => app.strapi.db.query('api::berita.berita').count({});
    const before = await count();
    const again = await upload(operator, [
      { name: 'lampiran-lagi.eml', content: mails.lampiran },
      { name: 'tanpa-id-lagi.eml', content: mails.tanpaId },
      { name: 'rusak-lagi.eml', content: MALFORMED_MAIL },
    ]);
    expect(again.status).toBe(200);
    expect(Object.fromEntries((again.body.data as UploadAnswer[]).map((result) => [result.berkas, result.hasil]))).toEqual({
      'lampiran-lagi.eml': 'duplikat',
      'tanpa-id-lagi.eml': 'duplikat',
      'rusak-lagi.eml': 'gagal',
    });

    // the same Message-ID with other bytes (re-sent, another Received line) is the same message
    const resent = Buffer.concat([
      Buffer.from('Received: from relay.bssn.go.id by mail.pekalongankota.go.id; Tue, 24 Nov 2026 08:00:00 +0700\r\n'),
      mails.rfc2047,
    ]);
    const answer = await upload(operator, [{ name: 'dikirim-ulang.eml', content: resent }]);
    expect(answer.body.data[0]).toMatchObject({ hasil: 'duplikat' });

    // a new message uploaded three times at once: one berita
    const fresh = await composeMail({ subject: 'Berita serentak', text: 'Diunggah tiga kali bersamaan.' });
    const answers = await Promise.all([1, 2, 3].map((i) => upload(operator, [{ name: `serentak-${i}.eml`, content: fresh }])));
    const outcomes = answers.map((response) => (response.body.data as UploadAnswer[])[0].hasil).sort();
    expect(outcomes).toEqual(['baru', 'duplikat', 'duplikat']);
    const documentIds = new Set(answers.map((response) => (response.body.data as UploadAnswer[])[0].documentId));
    expect(documentIds.size).toBe(1);
    expect(await count()).toBe(before + 1);
    const failures = await app.strapi.db.connection('sop_intake_pesan').where({ hasil: 'gagal' }).count({ n: '*' }).first();
    expect(Number((failures as { n: number | string }).n)).toBe(1);
  });

  it('shows the state and the messages kept aside; only the Operator uploads and reads them', async () => {
    // another role sees the state, not the error (it names the mailbox account and server)
    const seen = await app.http().get('/sop/intake').set('Authorization', `Bearer ${caraka.token}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toEqual({ aktif: false, terakhirBerhasil: null, menunggu: 0, galat: null });
    const status = await app.http().get('/sop/intake').set('Authorization', `Bearer ${operator.token}`);
    expect(status.status).toBe(200);
    expect(status.body.data).toEqual({
      aktif: false,
      terakhirBerhasil: null,
      menunggu: 0,
      galat: expect.stringContaining('1 pesan tidak dapat dijadikan berita'),
    });
    expect((await app.http().get('/sop/intake')).status).toBe(401);

    const list = await app.http().get('/sop/intake/gagal').set('Authorization', `Bearer ${operator.token}`);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ jumlah: 1 });
    expect(list.body.data[0]).toMatchObject({ namaBerkas: 'rusak.eml', sumber: 'eml', alasan: expect.stringContaining('tidak ada kepala pesan') });
    const raw = await app
      .http()
      .get(`/sop/intake/gagal/${list.body.data[0].id}/eml`)
      .set('Authorization', `Bearer ${operator.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(raw.status).toBe(200);
    expect((raw.body as Buffer).equals(MALFORMED_MAIL)).toBe(true);
    expect((await app.http().get('/sop/intake/gagal/999999/eml').set('Authorization', `Bearer ${operator.token}`)).status).toBe(404);

    const denied = await app.http().get('/sop/intake/gagal').set('Authorization', `Bearer ${caraka.token}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('Operator Transmisi Sandi');
    const refused = await upload(caraka, [{ name: 'x.eml', content: mails.lampiran }]);
    expect(refused.status).toBe(403);
    const empty = await app.http().post('/sop/intake/eml').set('Authorization', `Bearer ${operator.token}`).send({});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ data: null, error: { message: expect.stringContaining('Unggah satu atau lebih berkas e-mail') } });
  });

  it('keeps the SHA-256 and Message-ID server-owned: staff cannot forge or change them', async () => {
    const forged = await cmCreate(app, operator, 'api::berita.berita', { perihal: 'Palsu', pengirim: 'x', emlSha256: 'a'.repeat(64) });
    expect(forged.status).toBe(403);
    const [first] = (await app.strapi.db.query('api::berita.berita').findMany({ where: { emlSha256: sha256Hex(mails.lampiran) } })) as {
      documentId: string;
      emlSha256: string;
    }[];
    const echoed = await cmUpdate(app, operator, 'api::berita.berita', first.documentId, {
      perihal: 'Undangan Rapat (diperiksa)',
      emlSha256: first.emlSha256,
    });
    expect(echoed.status).toBe(200);
    const changed = await cmUpdate(app, operator, 'api::berita.berita', first.documentId, { emlSha256: 'b'.repeat(64) });
    expect(changed.status).toBe(403);
  });
});

describe('Sanapati intake: an unreachable IMAP server', () => {
  let app: TestApp;

  beforeAll(async () => {
    const closed = await freePort();
    app = await startApp({
      env: {
        SANAPATI_IMAP_HOST: '127.0.0.1',
        SANAPATI_IMAP_PORT: String(closed),
        SANAPATI_IMAP_SECURE: 'false',
        SANAPATI_IMAP_USER: 'sanapati',
        SANAPATI_IMAP_PASSWORD: 'rahasia',
        SANAPATI_IMAP_POLL_SECONDS: '1',
      },
    });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('is active, reports the error in Indonesian, and /api/health stays as DESIGN.md fixes it', async () => {
    // the Operator handles the mailbox and reads its error (see the test above for other roles)
    const operator = await createAdminSession(app, ROLE.operator);
    let data: { aktif: boolean; terakhirBerhasil: string | null; menunggu: number; galat: string | null } | undefined;
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      const response = await app.http().get('/sop/intake').set('Authorization', `Bearer ${operator.token}`);
      data = response.body.data;
      if (data?.galat) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(data).toEqual({
      aktif: true,
      terakhirBerhasil: null,
      menunggu: 0,
      galat: expect.stringMatching(/^Server IMAP 127\.0\.0\.1:\d+ tidak dapat dihubungi \(ECONNREFUSED\)/),
    });
    const health = await app.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', database: 'ok' });
  });
});
