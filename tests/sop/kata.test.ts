/**
 * Issue 16, "what a clerk reads is words, not keys": the record view says who acts next
 * (names, never e-mails), notifications and digests name a record by its number and subject
 * (never its documentId), the kriptogram book's numbers differ on paper from the berita
 * book's, and `GET /sop/agenda` lists the agenda books a user may print.
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { ROLE, sopView, walkBeritaTo } from '../helpers/sop';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { findOverdue, judulNaskah, namaNaskah, digestLine } from '../../src/plugins/sop/server/src/index';
import { sopConfigSchema } from '../../src/plugins/sop/server/src/config';

type Berikutnya = { peran: string; label: string; langkah: string[]; nama: string[] };

describe('words, not keys: who acts next, record names, the two agenda books', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Budi', lastname: 'Santoso' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Utama' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Lain' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('the record view says who acts next, by role, with names only; nothing once final', async () => {
    const documentId = await walkBeritaTo(app, staff, 'diteruskan_ke_kasi', { perihal: 'Undangan rapat koordinasi' });
    const view = await sopView(app, staff.operator, 'berita', documentId);
    expect(view.status).toBe(200);
    const berikutnya = view.body.data.berikutnya as Berikutnya[];
    expect(berikutnya).toEqual([{ peran: 'kasi', label: 'Kasi', langkah: ['Paraf Kasi'], nama: ['Budi Santoso'] }]);
    expect(JSON.stringify(berikutnya)).not.toContain('@');

    const done = await walkBeritaTo(app, staff, 'batal');
    expect((await sopView(app, staff.operator, 'berita', done)).body.data.berikutnya).toEqual([]);
  });

  it('names the assigned Sandiman only, not every Sandiman', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'ditugaskan_deskripsi');
    const view = await sopView(app, staff.kasi, 'kriptogram', documentId);
    expect(view.body.data.berikutnya).toEqual([
      { peran: 'sandiman', label: 'Sandiman', langkah: ['Ketik salinan dan surat pengantar'], nama: ['Sandi Utama'] },
    ]);
  });

  it('numbers the two books apart (K-0001/… beside 0001/…) and refuses a bad per-book pattern', async () => {
    const berita = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita bernomor' });
    const kriptogram = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diagendakan');
    const nomorBerita = (await sopView(app, staff.operator, 'berita', berita)).body.data.nomorAgenda as string;
    const nomorKriptogram = (await sopView(app, staff.sandiman, 'kriptogram', kriptogram)).body.data.nomorAgenda as string;
    expect(nomorBerita).toMatch(/^\d{4}\/\d{4}$/);
    expect(nomorKriptogram).toMatch(/^K-\d{4}\/\d{4}$/);

    const base = { agendaFormat: '{nomor:4}/{tahun}', publicUrl: '', transitionEvent: 'sop.transition' };
    expect(sopConfigSchema.safeParse({ ...base, agendaFormatPerBuku: { 'kriptogram-masuk': 'K-{nomor:4}/{tahun}' } }).success).toBe(true);
    expect(sopConfigSchema.safeParse({ ...base, agendaFormatPerBuku: { 'kriptogram-masuk': 'K-{tahun}' } }).success).toBe(false);
    expect(sopConfigSchema.safeParse({ ...base, agendaFormatPerBuku: { 'kriptogram-masuk': 'K-{nomor}/{abad}' } }).success).toBe(false);
  });

  it('a step e-mail names a kriptogram by its agenda number and the sender, never its documentId', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dilaporkan', {
      nomorKriptogram: 'KR-0777/JKS/XI/2026',
      asal: 'Jaring Komunikasi Sandi Provinsi',
    });
    const mail = await smtp.waitFor((m) => m.to.includes(staff.kasi.email) && m.text.includes('KR-0777/JKS/XI/2026'));
    expect(mail.subject).toMatch(/K-\d{4}\/\d{4}/);
    expect(mail.text).toContain('Naskah "Kriptogram nomor KR-0777/JKS/XI/2026 dari Jaring Komunikasi Sandi Provinsi" (nomor K-');
    // the documentId appears only inside the link to the record
    expect(mail.text.split('\n').filter((line) => line.includes(documentId))).toEqual([expect.stringMatching(/^Buka naskah: http/)]);
  });

  it('a copy, a complaint and a record without perihal are named by number and subject', () => {
    expect(
      namaNaskah(app.strapi, 'distribusi', {
        nomorSalinan: 2,
        tujuan: 'Camat Pekalongan Barat',
        nomorAgendaSurat: '0003/2026',
        perihalSurat: 'Undangan',
      })
    ).toEqual({ nomor: '0003/2026', perihal: 'Salinan ke-2 untuk Camat Pekalongan Barat — Undangan', judul: 'Camat Pekalongan Barat' });
    expect(namaNaskah(app.strapi, 'pengaduan', { nomorTiket: 'ADU-2026-000001', layanan: 'Persandian', nama: 'Rahasia' })).toEqual({
      nomor: 'ADU-2026-000001',
      perihal: 'Pengaduan tentang Persandian',
    });
    expect(namaNaskah(app.strapi, 'berita', { documentId: 'abc123', perihal: '' })).toEqual({
      nomor: null,
      perihal: 'Penerimaan Berita Biasa Email Sanapati',
    });
  });

  it('"Antrian saya" names a record the same way, reading only what its reader may', () => {
    const salinan = { nomorSalinan: 2, tujuan: 'Camat Pekalongan Barat', nomorAgendaSurat: '0003/2026', perihalSurat: 'Undangan' };
    // the Sandiman's grant on copies leaves out the letter's number and subject (DISTRIBUSI_WITHOUT_LETTER)
    const tanpaSurat = {
      mayReadFields: (fields: readonly string[]) => fields.every((field) => !['nomorAgendaSurat', 'perihalSurat'].includes(field)),
    };
    expect(namaNaskah(app.strapi, 'distribusi', salinan, tanpaSurat)).toEqual({
      nomor: null,
      perihal: 'Salinan ke-2 untuk Camat Pekalongan Barat',
      judul: 'Camat Pekalongan Barat',
    });
    // the queue names a copy by its recipient (DESIGN: GET /sop/antrian); a reader without its tujuan gets the number and subject
    expect(judulNaskah(namaNaskah(app.strapi, 'distribusi', salinan))).toBe('Camat Pekalongan Barat');
    const tanpaTujuan = { mayReadFields: (fields: readonly string[]) => !fields.includes('tujuan') };
    expect(judulNaskah(namaNaskah(app.strapi, 'distribusi', salinan, tanpaTujuan))).toBe('0003/2026 — Salinan ke-2 — Undangan');
    // a kriptogram: the salinan's perihal only for a reader of it, and never in an e-mail (whose reader holds only the namer's fields)
    const kriptogram = { nomorAgenda: 'K-0001/2026', nomorKriptogram: 'KR-1', asal: 'Jaring Provinsi', salinan: { perihal: 'Pengamanan kunjungan' } };
    const semua = { mayReadFields: () => true };
    expect(judulNaskah(namaNaskah(app.strapi, 'kriptogram', kriptogram, semua))).toBe('K-0001/2026 — Pengamanan kunjungan');
    expect(judulNaskah(namaNaskah(app.strapi, 'kriptogram', kriptogram))).toBe('K-0001/2026 — Kriptogram nomor KR-1 dari Jaring Provinsi');
    const tanpaSalinan = { mayReadFields: (_fields: readonly string[], uid?: string) => uid === undefined };
    expect(judulNaskah(namaNaskah(app.strapi, 'kriptogram', kriptogram, tanpaSalinan))).toBe(
      'K-0001/2026 — Kriptogram nomor KR-1 dari Jaring Provinsi'
    );
  });

  it('the overdue digest names a kriptogram by number and sender, not its documentId', async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diagendakan', {
      nomorKriptogram: 'KR-0888/JKS/XI/2026',
      waktuDiterima: '2026-01-05T02:00:00.000Z',
    });
    const items = await findOverdue(app.strapi, new Date('2027-06-01T00:00:00.000Z'));
    const item = items.find((entry) => entry.documentId === documentId);
    expect(item).toBeDefined();
    expect(item!.perihal).toBe('Kriptogram nomor KR-0888/JKS/XI/2026 dari Jaring Komunikasi Sandi Pemerintah Provinsi');
    expect(item!.nomorAgenda).toMatch(/^K-\d{4}\/\d{4}$/);
    const line = digestLine(item!);
    expect(line.replace(item!.tautan, '')).not.toContain(documentId);
  });

  it('GET /sop/agenda lists the books each role may print', async () => {
    const books = async (who: AdminSession) =>
      ((await app.http().get('/sop/agenda').set('Authorization', `Bearer ${who.token}`)).body.data as { buku: string }[]).map((book) => book.buku);
    expect(await books(staff.operator)).toContain('surat-masuk');
    expect(await books(staff.operator)).not.toContain('kriptogram-masuk');
    expect(await books(staff.sandiman)).toContain('kriptogram-masuk');
    expect(await books(staff.caraka)).toEqual([]);
    const refused = await app
      .http()
      .get('/sop/agenda/kriptogram-masuk?dari=2026-01-01&sampai=2026-01-31&format=xlsx')
      .set('Authorization', `Bearer ${staff.caraka.token}`);
    expect(refused.status).toBe(403);
  });
});
