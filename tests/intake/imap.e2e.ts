import { sha256Hex } from '../../src/domain/intake';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { eventually, startDovecot, type Dovecot } from '../helpers/dovecot';
import { composeMail, MALFORMED_MAIL, PDF_BYTES } from '../helpers/sanapati-mail';
import { ROLE, sopView } from '../helpers/sop';

type BeritaRow = {
  documentId: string;
  perihal: string;
  pengirim: string;
  tahap: string;
  waktuDiterima: string;
  tenggat: string;
  emlSha256: string;
  messageId: string | null;
  saranNomorSurat: string | null;
  saranTanggalSurat: string | null;
  isiRingkas: string | null;
  emlAsli: { name: string } | null;
  lampiran: { name: string; mime: string }[] | null;
};

/**
 * The IMAP intake against a real IMAP server: Dovecot on loopback, messages delivered by
 * APPEND, the app reading the mailbox by itself (IDLE: the poll interval is 60 s, yet new
 * mail arrives within seconds).
 */
describe('Sanapati intake from a real IMAP mailbox (Dovecot)', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let app: TestApp | undefined;
  let operator: AdminSession;

  const beritaBy = async (where: Record<string, unknown>): Promise<BeritaRow[]> =>
    (await app!.strapi
      .documents('api::berita.berita' as never)
      .findMany({ filters: where, populate: ['emlAsli', 'lampiran'] } as never)) as unknown as BeritaRow[];
  const beritaCount = () => app!.strapi.db.query('api::berita.berita').count({});

  beforeAll(async () => {
    dovecot = await startDovecot();
    database = await createTestDatabase();
    app = await startApp({ database, env: dovecot.env() });
    operator = await createAdminSession(app, ROLE.operator);
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await dovecot?.stop();
  });

  it('turns every new message into one berita, moves it to Diproses, and keeps a malformed one aside', async () => {
    const received = new Date('2026-11-26T08:30:00Z'); // Thursday 15.30 WIB → tenggat Monday 11.30 WIB... counted by the calendar
    const lampiran = await composeMail({
      subject: 'Undangan Rapat Koordinasi Persandian Provinsi',
      text: 'Nomor: B-77/BSSN/11/2026\nTanggal: 24 November 2026\nTerlampir undangan.',
      attachments: [
        { filename: 'undangan.pdf', content: PDF_BYTES, contentType: 'application/pdf' },
        { filename: 'peta lokasi.txt', content: Buffer.from('Gedung Sandi, Lt. 2'), contentType: 'text/plain' },
      ],
    });
    const rfc2047 = await composeMail({
      subject: 'Peringatan Keamanan: Pembaruan Sertifikat Elektronik — Segera ✓ (Ünïcode)',
      text: 'Mohon segera diperbarui.',
    });
    const html = await composeMail({ subject: 'Laporan Insiden', html: '<p>Insiden pada <i>12 Oktober 2026</i> telah <b>ditangani</b>.</p>' });
    const tanpaId = await composeMail({ subject: 'Tanpa Message-ID', text: 'Pesan ini tidak punya Message-ID.', messageId: null });
    const started = Date.now();
    await dovecot.append('INBOX', [
      { raw: lampiran, date: received },
      { raw: rfc2047 },
      { raw: html },
      { raw: tanpaId },
      // duplicates: the same message twice more (once byte-identical, once without Message-ID twice)
      { raw: lampiran },
      { raw: tanpaId },
      { raw: MALFORMED_MAIL },
    ]);

    const waited = await eventually(
      'INBOX emptied into Diproses',
      async () => (await dovecot.count('INBOX')) === 0 && (await dovecot.count('Diproses')) === 7,
      30000
    );
    // eslint-disable-next-line no-console
    console.log(`IMAP intake: 7 messages from APPEND to moved in ${waited} ms (${Date.now() - started} ms in all), poll interval 60 s`);
    expect(waited).toBeLessThan(20000); // IDLE, not the 60 s poll
    expect(await beritaCount()).toBe(4);

    const [withFiles] = await beritaBy({ perihal: 'Undangan Rapat Koordinasi Persandian Provinsi' });
    // the .eml kept is the message as the mailbox holds it, with its SHA-256
    const imap = await dovecot.client();
    const stored = new Set<string>();
    try {
      await imap.mailboxOpen('Diproses');
      for await (const message of imap.fetch('1:*', { source: true })) if (message.source) stored.add(sha256Hex(message.source));
    } finally {
      await imap.logout();
    }
    expect(stored.has(withFiles.emlSha256)).toBe(true);
    expect(withFiles).toMatchObject({
      perihal: 'Undangan Rapat Koordinasi Persandian Provinsi',
      pengirim: 'Badan Siber dan Sandi Negara <tu@bssn.go.id>',
      tahap: 'diterima',
      saranNomorSurat: 'B-77/BSSN/11/2026',
      saranTanggalSurat: '2026-11-24',
    });
    // waktuDiterima is the mailbox's INTERNALDATE, not the Date header (23 Nov)
    expect(new Date(withFiles.waktuDiterima).toISOString()).toBe(received.toISOString());
    expect(withFiles.tenggat).toBeTruthy();
    expect(withFiles.emlAsli?.name).toMatch(/\.eml$/);
    expect((withFiles.lampiran ?? []).map((file) => file.name).sort()).toEqual(['peta lokasi.txt', 'undangan.pdf']);

    expect((await beritaBy({ perihal: 'Peringatan Keamanan: Pembaruan Sertifikat Elektronik — Segera ✓ (Ünïcode)' })).length).toBe(1);
    const [htmlOnly] = await beritaBy({ perihal: 'Laporan Insiden' });
    expect(htmlOnly.isiRingkas).toBe('Insiden pada 12 Oktober 2026 telah ditangani.');
    expect(htmlOnly.saranTanggalSurat).toBe('2026-10-12');
    const [noId] = await beritaBy({ perihal: 'Tanpa Message-ID' });
    expect(noId).toMatchObject({ messageId: null, emlSha256: sha256Hex(tanpaId) });
    expect(stored.has(noId.emlSha256)).toBe(true);

    // the audit row names the mailbox
    const view = await sopView(app!, operator, 'berita', withFiles.documentId);
    expect(view.body.data.riwayat).toEqual([
      expect.objectContaining({
        dari: null,
        ke: 'diterima',
        oleh: { id: null, nama: 'Kotak surat Sanapati (IMAP)', peran: 'Sistem' },
        catatan: 'Diterima otomatis dari kotak surat Sanapati (folder INBOX).',
      }),
    ]);
    expect(await verifyAuditTrail(app!.strapi.db.connection)).toMatchObject({ ok: true, count: 4 });

    // the malformed message: kept aside with its reason, shown to the Operator
    const failures = await app!.http().get('/sop/intake/gagal').set('Authorization', `Bearer ${operator.token}`);
    expect(failures.body.meta).toEqual({ jumlah: 1 });
    expect(failures.body.data[0]).toMatchObject({ sumber: 'imap', alasan: expect.stringContaining('tidak ada kepala pesan') });

    const status = await app!.http().get('/sop/intake').set('Authorization', `Bearer ${operator.token}`);
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ aktif: true, menunggu: 0, galat: expect.stringContaining('1 pesan tidak dapat dijadikan berita') });
    expect(Date.now() - new Date(status.body.data.terakhirBerhasil).getTime()).toBeLessThan(60000);
    const health = await app!.http().get('/api/health');
    expect(health.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('a message whose berita committed before the move (crash between the two) is only moved, never doubled', async () => {
    const message = await composeMail({ subject: 'Sudah tercatat sebelum dipindahkan', text: 'x' });
    // The committed-but-not-moved state: the berita exists (here via the .eml upload), the message is still in INBOX.
    const uploaded = await app!
      .http()
      .post('/sop/intake/eml')
      .set('Authorization', `Bearer ${operator.token}`)
      .attach('files', message, { filename: 'pesan.eml', contentType: 'message/rfc822' });
    expect(uploaded.body.data[0]).toMatchObject({ hasil: 'baru' });
    const before = await beritaCount();
    await dovecot.append('INBOX', [{ raw: message }]);
    await eventually('message moved', async () => (await dovecot.count('INBOX')) === 0 && (await dovecot.count('Diproses')) === 8, 30000);
    expect(await beritaCount()).toBe(before);
    expect((await beritaBy({ perihal: 'Sudah tercatat sebelum dipindahkan' })).length).toBe(1);
  });

  it('reports a refused login in Indonesian and reads nothing', async () => {
    await app!.stop();
    app = await startApp({
      database,
      env: dovecot.env({ SANAPATI_IMAP_PASSWORD_FILE: '', SANAPATI_IMAP_PASSWORD: 'salah', SANAPATI_IMAP_POLL_SECONDS: '1' }),
    });
    operator = await createAdminSession(app, ROLE.operator);
    await dovecot.append('INBOX', [{ raw: await composeMail({ subject: 'Tidak terbaca', text: 'x' }) }]);
    let galat = '';
    await eventually(
      'login error reported',
      async () => {
        const status = await app!.http().get('/sop/intake').set('Authorization', `Bearer ${operator.token}`);
        galat = String(status.body.data.galat ?? '');
        return galat.includes('ditolak');
      },
      30000
    );
    expect(galat).toContain(`Login ke server IMAP 127.0.0.1:${dovecot.port} ditolak`);
    expect(await dovecot.count('INBOX')).toBe(1);
  });
});
