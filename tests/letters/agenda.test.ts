import PizZip from 'pizzip';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { BERITA_CONTOH, ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { bukaDocx, expectFile, TEMPLATE_TAG, unduh } from './unduh';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The rows of the first sheet as arrays of cell texts (inline strings and numbers). */
const sheetRows = (bytes: Buffer): string[][] => {
  const xml = new PizZip(bytes).file('xl/worksheets/sheet1.xml')!.asText();
  return [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c [^>]*?(?:\/>|>(.*?)<\/c>)/g)].map((cell) =>
      (cell[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    )
  );
};

describe('buku agenda: GET /sop/agenda/:buku', () => {
  let app: TestApp;
  const staff: BeritaStaff & { petugas?: AdminSession } = {};
  const nomor: Record<string, string> = {};

  /** Each berita is registered at the moment it was received: the book lists entries by their registration moment. */
  const registerAt = (berita: Record<string, unknown>, state = 'diagendakan') => {
    setClock(new Date(String(berita.waktuDiterima ?? BERITA_CONTOH.waktuDiterima)));
    return walkBeritaTo(app, staff, state, berita);
  };

  const agendaOf = async (documentId: string) => String((await sopView(app, staff.operator!, 'berita', documentId)).body.data.nomorAgenda);

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
    // Monday 23 November 2026 10.00 WIB
    const senin = await registerAt({ perihal: 'Rapat Senin pagi' });
    nomor.senin = await agendaOf(senin);
    // 00.30 WIB on the 23rd is still the 22nd in UTC: the book counts Jakarta dates
    const dinihari = await registerAt({ perihal: 'Berita dini hari', waktuDiterima: '2026-11-22T17:30:00.000Z' });
    nomor.dinihari = await agendaOf(dinihari);
    // 23.59 WIB on the 22nd: outside a book that starts on the 23rd
    const minggu = await registerAt({ perihal: 'Berita Minggu malam', waktuDiterima: '2026-11-22T16:59:00.000Z' });
    nomor.minggu = await agendaOf(minggu);
    // voided after registration: its number stays in the book
    const batal = await registerAt({ perihal: 'Berita yang dibatalkan', waktuDiterima: '2026-11-24T02:00:00.000Z' });
    nomor.batal = await agendaOf(batal);
    expect((await transit(app, staff.operator!, 'berita', batal, 'batal', { catatan: 'Terkirim dua kali' })).status).toBe(200);
    // never registered: not in the book
    await registerAt({ perihal: 'Belum diagendakan' }, 'dicetak');
    setClock(null);
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  const url = (buku: string, query: string) => `/sop/agenda/${buku}?${query}`;

  it('as .xlsx: one row per berita registered on a Jakarta date in the range, in agenda order', async () => {
    const file = expectFile(await unduh(app, staff.operator!, url('surat-masuk', 'dari=2026-11-23&sampai=2026-11-24&format=xlsx')));
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe('attachment; filename="agenda-surat-masuk-2026-11-23-sd-2026-11-24.xlsx"');
    expect(file.headers['cache-control']).toBe('no-store');
    const rows = sheetRows(file.bytes);
    expect(rows[0]).toEqual(['BUKU AGENDA SURAT MASUK']);
    expect(rows[2]).toEqual(['Periode: 23 November 2026 s.d. 24 November 2026']);
    const header = rows[3];
    expect(header.slice(0, 3)).toEqual(['No.', 'Nomor agenda', 'Tanggal diterima']);
    const body = rows.slice(4);
    const column = (name: string) => header.indexOf(name);
    expect(body.map((row) => row[column('Nomor agenda')])).toEqual([nomor.senin, nomor.dinihari, nomor.batal]);
    expect(body.map((row) => row[0])).toEqual(['1', '2', '3']);
    const senin = body[0];
    expect(senin[column('Perihal')]).toBe('Rapat Senin pagi');
    expect(senin[column('Tanggal diterima')]).toBe('23-11-2026');
    expect(senin[column('Pukul (WIB)')]).toBe('10.00');
    expect(senin[column('Dari')]).toBe('Badan Siber dan Sandi Negara');
    expect(senin[column('Kepada')]).toBe('H. Wali Kota, Wali Kota Pekalongan; Kepala Dinas Kesehatan');
    expect(body[1][column('Tanggal diterima')]).toBe('23-11-2026');
    expect(body[1][column('Pukul (WIB)')]).toBe('00.30');
    expect(body[2][column('Keterangan')]).toMatch(/^BATAL/);
    expect(body.flat().join(' ')).not.toContain('Berita Minggu malam');
    expect(body.flat().join(' ')).not.toContain('Belum diagendakan');
  });

  it('as .docx: the letterhead, the period and the same rows; no template tag left', async () => {
    const file = expectFile(await unduh(app, staff.kasi!, url('surat-masuk', 'dari=2026-11-22&sampai=2026-11-23')));
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.headers['content-disposition']).toBe('attachment; filename="agenda-surat-masuk-2026-11-22-sd-2026-11-23.docx"');
    const docx = bukaDocx(file.bytes);
    for (const value of [
      'BUKU AGENDA SURAT MASUK',
      'Periode: 22 November 2026 s.d. 23 November 2026',
      nomor.minggu,
      nomor.dinihari,
      nomor.senin,
      'Rapat Senin pagi',
      'Berita Minggu malam',
      'Jumlah: 3 naskah',
      'PEMERINTAH KOTA PEKALONGAN',
    ]) {
      expect(docx.teks).toContain(value);
    }
    expect(docx.teks).not.toContain('Berita yang dibatalkan');
    expect(docx.teks).not.toContain('Tidak ada naskah');
    expect(docx.semua.replace(/<[^>]+>/g, '')).not.toMatch(TEMPLATE_TAG);
    expect(docx.logo).not.toBeNull();
  });

  it('an empty period gives an empty book, not an error', async () => {
    const docx = bukaDocx(expectFile(await unduh(app, staff.operator!, url('surat-masuk', 'dari=2026-01-01&sampai=2026-01-01'))).bytes);
    expect(docx.teks).toContain('Tidak ada naskah yang diagendakan pada periode ini.');
    expect(docx.teks).toContain('Jumlah: 0 naskah');
    const rows = sheetRows(expectFile(await unduh(app, staff.operator!, url('surat-masuk', 'dari=2026-01-01&sampai=2026-01-01&format=xlsx'))).bytes);
    expect(rows).toHaveLength(4);
  });

  it.each([
    ['dari=2026-11-24&sampai=2026-11-23', /sampai.*tidak boleh sebelum tanggal "dari"/],
    ['dari=2026-02-30&sampai=2026-03-01', /dari.*bukan tanggal yang ada di kalender/],
    ['dari=23-11-2026&sampai=2026-11-24', /format tanggal harus TTTT-BB-HH/],
    ['sampai=2026-11-24', /dari \(wajib diisi/],
    ['dari=2025-01-01&sampai=2026-12-31', /rentang paling lama 366 hari/],
    ['dari=2026-11-23&sampai=2026-11-24&format=csv', /format harus docx, xlsx, atau pdf/],
  ])('400 in Indonesian for a bad query: %s', async (query, message) => {
    const response = await unduh(app, staff.operator!, url('surat-masuk', query));
    expect(response.status).toBe(400);
    expect(response.json?.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(response.json?.error?.message).toMatch(/^Parameter tidak sah: /);
    expect(response.json?.error?.message).toMatch(message);
  });

  it('403 for a role without read access to the book (Petugas Pengaduan; the Caraka sees only some berita fields)', async () => {
    for (const session of [staff.petugas!, staff.caraka!]) {
      const response = await unduh(app, session, url('surat-masuk', 'dari=2026-11-23&sampai=2026-11-24'));
      expect(response.status).toBe(403);
      expect(response.json?.error?.message).toMatch(/tidak berwenang membuka buku agenda surat masuk/);
    }
  });

  it('404 for an unknown book; the route is not mistaken for a record', async () => {
    const response = await unduh(app, staff.operator!, url('surat-keluar', 'dari=2026-11-23&sampai=2026-11-24'));
    expect(response.status).toBe(404);
    expect(response.json?.error?.message).toMatch(/Buku agenda "surat-keluar" tidak dikenal/);
  });

  it('refuses anonymous requests', async () => {
    const response = await app.http().get(url('surat-masuk', 'dari=2026-11-23&sampai=2026-11-24'));
    expect(response.status).toBe(401);
  });
});
