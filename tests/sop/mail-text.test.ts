/**
 * Issue 11 §3: notifications stay text. Every mail leaves through src/mail.ts with a
 * text part and an HTML part built from the escaped text; the test SMTP server checks
 * every part of every message (tests/helpers/smtp.ts) and fails a test whose mail carries
 * markup from user text.
 */
import fs from 'fs';
import path from 'path';
import { textToHtml } from '../../src/mail';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { htmlMarkupFaults, startSmtp, type TestSmtp } from '../helpers/smtp';
import { BERITA_CONTOH, cmCreate, ROLE, transit } from '../helpers/sop';

const PHISH_NAMA = 'Rina <a href="http://phish.example/verifikasi">Klik untuk verifikasi tiket</a>';
const PIXEL_PERIHAL = 'Undangan rapat <img src="http://pixel.example/t.gif?u=kasi" width="1" height="1">';

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'admin' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });

describe('mail: the HTML part is the escaped text', () => {
  it('escapes markup, keeps paragraphs and line breaks, adds no link', () => {
    const html = textToHtml(`Yth. ${PHISH_NAMA},\n\nBaris satu\r\nBaris dua\rBaris tiga\n\n\nPenutup & salam "hormat"`);
    expect(html).toContain('Yth. Rina &lt;a href=&quot;http://phish.example/verifikasi&quot;&gt;Klik untuk verifikasi tiket&lt;/a&gt;,');
    expect(html).toContain('<p>Baris satu<br>\nBaris dua<br>\nBaris tiga</p>');
    expect(html).toContain('<p>Penutup &amp; salam &quot;hormat&quot;</p>');
    expect(html.match(/<p>/g)).toHaveLength(3);
    expect(htmlMarkupFaults(html)).toEqual([]);
  });

  it('the SMTP check refuses user markup in an HTML part', () => {
    expect(htmlMarkupFaults(`<p>${PHISH_NAMA}</p>`)).toEqual([expect.stringContaining('tag <a href'), expect.stringContaining('tag </a>')]);
    expect(htmlMarkupFaults(`<p>${PIXEL_PERIHAL}</p>`)).toEqual([expect.stringContaining('tag <img')]);
    expect(htmlMarkupFaults('<p style="color:red">x</p>')).toEqual([expect.stringContaining('attributes')]);
  });

  it('only src/mail.ts calls the email plugin (one door)', () => {
    const root = path.resolve(__dirname, '..', '..', 'src');
    const callers = sourceFiles(root)
      .filter((file) => /plugin\(\s*['"]email['"]\s*\)/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(callers).toEqual(['mail.ts']);
  });
});

describe('mail: complaint receipts and staff notifications over SMTP', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('a complaint whose nama carries a link: the receipt shows it as text, in both parts', async () => {
    const kontak = 'korban@contoh.id';
    const response = await app
      .http()
      .post('/api/pengaduan')
      .send({ data: { nama: PHISH_NAMA, kontak, isi: 'Antrean pelayanan sangat panjang dan petugas tidak ada di tempat.' } });
    expect(response.status).toBe(201);
    const receipt = await smtp.waitFor((mail) => mail.to.includes(kontak));
    expect(receipt.text).toContain(`Yth. ${PHISH_NAMA},`);
    expect(receipt.html).not.toBeNull();
    expect(receipt.html).not.toMatch(/<a[\s>]/i);
    expect(receipt.html).toContain('Rina &lt;a href=&quot;http://phish.example/verifikasi&quot;&gt;');
    expect((receipt.html!.match(/<p>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    const petugas = await smtp.waitFor((mail) => mail.to.includes(staff.petugas.email));
    expect(htmlMarkupFaults(petugas.html ?? '')).toEqual([]);
  });

  it('a berita whose perihal carries an image: the Kasi mail has no pixel', async () => {
    const created = await cmCreate(app, staff.operator, 'api::berita.berita', { ...BERITA_CONTOH, perihal: PIXEL_PERIHAL });
    expect(created.status).toBe(201);
    const documentId = String(created.body.data.documentId);
    for (const ke of ['diperiksa', 'dicetak', 'diagendakan', 'diteruskan_ke_kasi']) {
      expect((await transit(app, staff.operator, 'berita', documentId, ke)).status).toBe(200);
    }
    const mail = await smtp.waitFor((one) => one.to.includes(staff.kasi.email) && one.text.includes('Undangan rapat'));
    expect(mail.text).toContain(PIXEL_PERIHAL);
    expect(mail.html).not.toMatch(/<img/i);
    expect(mail.html).toContain('&lt;img src=&quot;http://pixel.example/t.gif?u=kasi&quot;');
    expect(smtp.faults).toEqual([]);
  });
});
