import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, ROLE } from '../helpers/sop';
import { SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN } from '../../src/domain/standar-pelayanan';
import { bootstrapStandarPelayanan } from '../../src/bootstrap/standar-pelayanan';
import type * as SopCalendar from '../../src/api/standar-pelayanan/service-calendar';

/**
 * The calendar module the running app uses (the compiled one in dist/): its hours
 * cache is the one the app's document-service middleware invalidates.
 */
const computeTenggat: typeof SopCalendar.computeTenggat = (strapi, receivedAt) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, by path
  (require(path.resolve(__dirname, '../../dist/src/api/standar-pelayanan/service-calendar.js')) as typeof SopCalendar).computeTenggat(strapi, receivedAt);

const UID = 'api::standar-pelayanan.standar-pelayanan';
const CM = `/content-manager/collection-types/${UID}`;

const SYSTEM_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

const PUBLIC_FIELDS = [
  'slug',
  'nama',
  'satuanKerja',
  'nomorSK',
  'halaman',
  'dasarHukum',
  'persyaratan',
  'prosedur',
  'jangkaWaktu',
  'waktuPenyelesaianHariKerja',
  'jamLayanan',
  'biaya',
  'produkPelayanan',
  'penangananPengaduan',
  'saranaPrasarana',
  'kompetensiPelaksana',
  'pengawasanInternal',
  'jumlahPelaksana',
  'jaminanPelayanan',
  'jaminanKeamanan',
  'evaluasiKinerja',
].sort();

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown, into: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
};

/** Seed facts both services share: the complaint channels. */
const CONTACTS = ['(0285) 421243', '(0285) 420223', 'diskominfo@pekalongankota.go.id', 'Rusjanah', '0858-6062-0563'];

const BERITA_FACTS = [
  'Pelayanan Penerimaan Berita Biasa Email Sanapati',
  'Keputusan Menteri Dalam Negeri Nomor 34 Tahun 2001 tentang Pengamanan Berita Rahasia Melalui Proses Persandian dan Telekomunikasi;',
  'Operator Transmisi Sandi meneliti, mengecek, membaca isi, tujuan surat elektronik di email Sanapati',
  'Operator Transmisi Sandi mengarsipkan surat masuk beserta kartu kendali / lembar pengantar dan tanda terima',
  'Gratis',
  '5 (lima) hari kerja',
  'Waktu penyelesaian : 1 hari',
  ...CONTACTS,
];

const NASKAH_FACTS = [
  'Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan',
  '060/040/III Tahun 2022',
  '1 Hari kerja',
  'Tidak dipungut biaya',
  'Sandiman menerima surat bersandi (kriptogram)',
  'Kepala Seksi Persandian dan Keamanan Informasi memberi tanda tangan pada surat pengantar dan menugaskan Sandiman untuk menyampikan surat salinan ke alamat penerima',
  ...CONTACTS,
];

const wibThursday1500 = new Date('2026-11-26T08:00:00.000Z');

describe('standar pelayanan: seeds, public pages and JSON, admin check, SLA hours', () => {
  let database: TestDatabase;
  let app: TestApp;
  let kasi: AdminSession;

  const documentIdOf = async (slug: string): Promise<string> => {
    const found = await app.strapi.documents(UID).findFirst({ filters: { slug }, status: 'draft' });
    if (!found) throw new Error(`no standard ${slug}`);
    return found.documentId;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // first boot on an empty database, as on a new install
    app = await startApp({ database });
    kasi = await createAdminSession(app, ROLE.kasi);
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  describe('seeds', () => {
    it('creates and publishes both official standards under stable slugs', async () => {
      const published = await app.strapi.documents(UID).findMany({ status: 'published', sort: [{ nama: 'asc' }] });
      expect(published.map((standard) => standard.slug)).toEqual([SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN]);
    });

    it('keeps the seed text verbatim, numbered steps in order', async () => {
      const response = await app.http().get(`/api/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      const prosedur = response.body.data.prosedur as { nomor: number; uraian: string }[];
      expect(prosedur.map((step) => step.nomor)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(prosedur[4].uraian).toBe(
        'Operator Transmisi Sandi mengisi kartu kendali / lembar pengantar dan menempelkan kartu kendali / lembar pengantar ke surat dan meneruskan surat kepada Kepala Seksi Persandian dan Keamanan Informasi sebagai pemeriksa'
      );
      expect(prosedur[6].uraian).toBe(
        'Kepala Seksi Persandian dan Keamanan Informasi menugaskan Caraka untuk mendistribusikan surat tersebut sesuai alamat tujuan dengan ketentuan:'
      );
      expect(response.body.data.jangkaWaktu).toBe(
        '5 (lima) hari kerja,\n- Senin-Kamis 08.00 - 16.00 WIB\nIstirahat 12.00 - 13.00 WIB\n- Jumat 08.00 - 11.00 WIB\n- Waktu penyelesaian : 1 hari'
      );
      const naskah = await app.http().get(`/api/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}`);
      expect(naskah.body.data.prosedur).toHaveLength(9);
      expect(naskah.body.data.dasarHukum).toEqual([]);
      expect(naskah.body.data.jamLayanan).toEqual([]);
    });
  });

  describe('JSON API (no login)', () => {
    it('GET /api/standar-pelayanan lists both published standards with the seed facts', async () => {
      const response = await app.http().get('/api/standar-pelayanan');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      const data = response.body.data as Record<string, unknown>[];
      expect(data.map((standard) => standard.slug)).toEqual([SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN]);
      const text = JSON.stringify(response.body);
      for (const fact of [...BERITA_FACTS, ...NASKAH_FACTS]) expect(text).toContain(JSON.stringify(fact).slice(1, -1));
    });

    it('GET /api/standar-pelayanan/:slug answers one standard with structured hours and contacts', async () => {
      const response = await app.http().get(`/api/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      expect(response.status).toBe(200);
      const data = response.body.data;
      expect(data).toMatchObject({
        slug: SLUG_BERITA_BIASA,
        nama: 'Pelayanan Penerimaan Berita Biasa Email Sanapati',
        satuanKerja: 'DINAS KOMUNIKASI DAN INFORMATIKA KOTA PEKALONGAN',
        nomorSK: null,
        halaman: `http://localhost:1337/standar-pelayanan/${SLUG_BERITA_BIASA}`,
        biaya: 'Gratis',
        waktuPenyelesaianHariKerja: 1,
        persyaratan: [{ nomor: null, uraian: '-' }],
        penangananPengaduan: {
          telepon: [
            { nomor: '(0285) 421243', keterangan: null },
            { nomor: '(0285) 420223', keterangan: null },
          ],
          email: 'diskominfo@pekalongankota.go.id',
          website: 'http://kominfo.pekalongankota.go.id',
          pejabatPengaduan: { nama: 'Rusjanah', hp: '0858-6062-0563' },
        },
      });
      expect(data.dasarHukum[0]).toEqual({
        nomor: 1,
        uraian: 'Keputusan Menteri Dalam Negeri Nomor 34 Tahun 2001 tentang Pengamanan Berita Rahasia Melalui Proses Persandian dan Telekomunikasi;',
      });
      expect(data.jamLayanan).toEqual([
        ...['senin', 'selasa', 'rabu', 'kamis'].map((hari) => ({ hari, buka: '08.00', tutup: '16.00', istirahatMulai: '12.00', istirahatSelesai: '13.00' })),
        { hari: 'jumat', buka: '08.00', tutup: '11.00', istirahatMulai: null, istirahatSelesai: null },
      ]);
      const text = JSON.stringify(data);
      for (const fact of BERITA_FACTS) expect(text).toContain(JSON.stringify(fact).slice(1, -1));

      const naskah = await app.http().get(`/api/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}`);
      expect(naskah.status).toBe(200);
      expect(naskah.body.data).toMatchObject({ nomorSK: '060/040/III Tahun 2022', jangkaWaktu: '1 Hari kerja', biaya: 'Tidak dipungut biaya' });
      for (const fact of NASKAH_FACTS) expect(JSON.stringify(naskah.body.data)).toContain(fact);
    });

    it('returns an explicit field list: no system field anywhere', async () => {
      const list = await app.http().get('/api/standar-pelayanan');
      const one = await app.http().get(`/api/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      for (const standard of [...list.body.data, one.body.data]) {
        expect(Object.keys(standard).sort()).toEqual(PUBLIC_FIELDS);
        const keys = keysOf(standard);
        for (const field of SYSTEM_FIELDS) expect({ field, present: keys.has(field) }).toEqual({ field, present: false });
      }
      expect(Object.keys(list.body)).toEqual(['data']);
    });

    it('answers 404 JSON for an unknown or malformed slug', async () => {
      for (const slug of ['tidak-ada', '%3Cscript%3E', 'a'.repeat(300)]) {
        const response = await app.http().get(`/api/standar-pelayanan/${slug}`);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/application\/json/);
        expect(response.body).toMatchObject({ data: null, error: { status: 404, message: expect.stringContaining('tidak ditemukan') } });
      }
    });

    it('lets the city website read it from the browser (CORS)', async () => {
      const response = await app.http().get('/api/standar-pelayanan').set('Origin', 'https://pekalongankota.go.id');
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeDefined();
    });

    it('keeps the core CRUD routes closed to the public', async () => {
      for (const [method, url] of [
        ['get', '/api/standar-pelayanans'],
        ['get', '/api/standar-pelayanans/abc'],
        ['post', '/api/standar-pelayanans'],
      ] as const) {
        const response = await app.http()[method](url).send({ data: { nama: 'x' } });
        expect({ url, status: response.status }).toEqual({ url, status: 403 });
      }
    });
  });

  describe('HTML pages (no login)', () => {
    it('GET /standar-pelayanan/:slug shows every seed fact of the berita biasa standard', async () => {
      const response = await app.http().get(`/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      const page = response.text;
      for (const fact of BERITA_FACTS) expect(page).toContain(fact);
      // Hours in the Indonesian style, as a table and in the seed's own text.
      expect(page).toMatch(/<th scope="row">Senin<\/th><td>08\.00 - 16\.00<\/td><td>12\.00 - 13\.00<\/td>/);
      expect(page).toMatch(/<th scope="row">Jumat<\/th><td>08\.00 - 11\.00<\/td>/);
      expect(page).toMatch(/<th scope="row">Sabtu<\/th><td colspan="2">Tutup<\/td>/);
      // The procedure is an ordered list of the 11 steps.
      const procedure = /<dt><span class="nomor">3\.<\/span> Sistem, Mekanisme, dan Prosedur<\/dt>\s*<dd><ol>([\s\S]*?)<\/ol><\/dd>/.exec(page);
      expect(procedure).not.toBeNull();
      expect(procedure![1].match(/<li /g)).toHaveLength(11);
      // Contacts are links; the complaint form is linked.
      expect(page).toContain('<a href="tel:0285421243">(0285) 421243</a>');
      expect(page).toContain('<a href="mailto:diskominfo@pekalongankota.go.id">diskominfo@pekalongankota.go.id</a>');
      expect(page).toContain(`href="/pengaduan?layanan=${SLUG_BERITA_BIASA}"`);
      expect(page).toContain('href="/pengaduan"');
    });

    it('GET /standar-pelayanan/:slug shows the nomor SK and the facts of the naskah dinas standard', async () => {
      const response = await app.http().get(`/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}`);
      expect(response.status).toBe(200);
      for (const fact of NASKAH_FACTS) expect(response.text).toContain(fact);
      expect(response.text).toContain('<dt>Nomor SK</dt><dd>060/040/III Tahun 2022</dd>');
      // A component the seed lacks is shown as such, not invented.
      expect(response.text).toMatch(/Dasar Hukum<\/dt>\s*<dd><p class="kosong">Tidak dicantumkan\.<\/p><\/dd>/);
    });

    it('GET /standar-pelayanan lists both with hours, fee, SK and links', async () => {
      const response = await app.http().get('/standar-pelayanan');
      expect(response.status).toBe(200);
      const page = response.text;
      expect(page).toContain(`<a href="/standar-pelayanan/${SLUG_BERITA_BIASA}">Pelayanan Penerimaan Berita Biasa Email Sanapati</a>`);
      expect(page).toContain(`<a href="/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}">Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan</a>`);
      expect(page).toContain('Senin - Kamis 08.00 - 16.00 WIB (istirahat 12.00 - 13.00)');
      expect(page).toContain('Jumat 08.00 - 11.00 WIB');
      expect(page).toContain('Gratis');
      expect(page).toContain('Tidak dipungut biaya');
      expect(page).toContain('060/040/III Tahun 2022');
      expect(page).toContain('href="/pengaduan"');
    });

    it('is an accessible Indonesian document with the letterhead, for phone and print, without script', async () => {
      for (const url of ['/standar-pelayanan', `/standar-pelayanan/${SLUG_BERITA_BIASA}`]) {
        const page = (await app.http().get(url)).text;
        expect(page.startsWith('<!doctype html>\n<html lang="id">')).toBe(true);
        expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
        expect(page).toContain('<link rel="stylesheet" href="/assets/meja-sandi.css">');
        for (const landmark of ['<header class="kop">', '<nav class="navigasi" aria-label="Navigasi utama">', '<main id="konten"', '<footer class="kaki">']) {
          expect(page).toContain(landmark);
        }
        expect(page).toContain('<a class="lewati" href="#konten">');
        // Letterhead from api::instansi.instansi.
        expect(page).toContain('<p class="kop-pemerintah">Pemerintah Kota Pekalongan</p>');
        expect(page).toContain('<p class="kop-dinas">Dinas Komunikasi dan Informatika</p>');
        expect(page).toContain('Jl. Mataram No. 5 Pekalongan Barat, Pekalongan 51111');
        // One h1, headings never skip a level.
        const levels = Array.from(page.matchAll(/<h([1-6])[\s>]/g), (match) => Number(match[1]));
        expect(levels[0]).toBe(1);
        expect(levels.filter((level) => level === 1)).toHaveLength(1);
        levels.forEach((level, index) => index > 0 && expect(level).toBeLessThanOrEqual(levels[index - 1] + 1));
        // Works without JavaScript, and the CSP would block inline code anyway.
        expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      }
    });

    it('sends a strict CSP the pages work with, and may be embedded by the city website', async () => {
      const response = await app.http().get(`/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain('frame-ancestors *');
      expect(response.headers['x-frame-options']).toBeUndefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('serves the stylesheet, with a print and a narrow-screen layout', async () => {
      const response = await app.http().get('/assets/meja-sandi.css');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/css/);
      expect(response.text).toContain('@media print');
      expect(response.text).toContain('@media (max-width: 40rem)');
    });

    it('answers an Indonesian 404 page for an unknown or malformed slug', async () => {
      for (const slug of ['tidak-ada', '%3Cscript%3E']) {
        const response = await app.http().get(`/standar-pelayanan/${slug}`);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('<html lang="id">');
        expect(response.text).toContain('<h1>Halaman tidak ditemukan</h1>');
        expect(response.text).not.toContain('<script');
      }
    });

    it('escapes every value', async () => {
      const created = await app.strapi.documents(UID).create({
        data: {
          nama: '<script>alert(1)</script> & "kutip"',
          slug: 'uji-escape',
          biaya: '<img src=x onerror=alert(1)>',
          nomorSK: "1' onmouseover='x",
          prosedur: [{ nomor: 1, uraian: '</ol><h1>palsu</h1>' }],
          penangananPengaduan: { website: 'javascript:alert(1)', telepon: [{ nomor: '(0285) 421243' }] },
        },
      });
      await app.strapi.documents(UID).publish({ documentId: created.documentId });
      try {
        for (const url of ['/standar-pelayanan', '/standar-pelayanan/uji-escape']) {
          const page = (await app.http().get(url)).text;
          expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot;');
          expect(page).not.toContain('<script');
          expect(page).not.toContain('<img src=x');
          expect(page).not.toContain("1' onmouseover");
          expect(page).not.toContain('javascript:alert(1)"');
          expect(page).not.toContain('<h1>palsu</h1>');
        }
      } finally {
        await app.strapi.documents(UID).delete({ documentId: created.documentId });
      }
    });
  });

  describe('drafts', () => {
    it('an unpublished standard never shows in the list, the detail or the JSON', async () => {
      await app.strapi.documents(UID).create({ data: { nama: 'Layanan Draf Rahasia', slug: 'layanan-draf', biaya: 'Draf' } });
      const list = await app.http().get('/api/standar-pelayanan');
      expect(list.body.data.map((standard: { slug: string }) => standard.slug)).not.toContain('layanan-draf');
      expect((await app.http().get('/api/standar-pelayanan/layanan-draf')).status).toBe(404);
      expect((await app.http().get('/standar-pelayanan/layanan-draf')).status).toBe(404);
      expect((await app.http().get('/standar-pelayanan')).text).not.toContain('Layanan Draf Rahasia');
    });

    it('a draft edit of a published standard stays hidden until it is published', async () => {
      const documentId = await documentIdOf(SLUG_NASKAH_DIKECUALIKAN);
      await app.strapi.documents(UID).update({ documentId, data: { biaya: 'BIAYA DRAF BELUM TERBIT' } });
      for (const url of ['/api/standar-pelayanan', `/api/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}`, '/standar-pelayanan', `/standar-pelayanan/${SLUG_NASKAH_DIKECUALIKAN}`]) {
        const response = await app.http().get(url);
        expect(response.text).not.toContain('BIAYA DRAF BELUM TERBIT');
        expect(response.text).toContain('Tidak dipungut biaya');
      }
      await app.strapi.documents(UID).discardDraft({ documentId });
    });
  });

  describe('admin check (completeness and flags)', () => {
    const pemeriksaan = (documentId: string, session: AdminSession | null, query = '') => {
      const request = app.http().get(`/sop/standar-pelayanan/${documentId}/pemeriksaan${query}`);
      return session ? request.set('Authorization', `Bearer ${session.token}`) : request;
    };

    it('needs an admin login', async () => {
      const response = await pemeriksaan(await documentIdOf(SLUG_BERITA_BIASA), null);
      expect(response.status).toBe(401);
    });

    it('gives 14/14 and flags "5 (lima) hari kerja" vs "1 hari" for the berita biasa standard', async () => {
      const response = await pemeriksaan(await documentIdOf(SLUG_BERITA_BIASA), kasi);
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({ terisi: 14, total: 14, kosong: [] });
      expect(response.body.data.peringatan).toHaveLength(1);
      expect(response.body.data.peringatan[0]).toContain('"5 (lima) hari kerja" dan "1 hari"');
    });

    it('gives 6/14 with the empty components named for the naskah dinas standard, on draft and published', async () => {
      const documentId = await documentIdOf(SLUG_NASKAH_DIKECUALIKAN);
      for (const query of ['', '?status=published']) {
        const response = await pemeriksaan(documentId, kasi, query);
        expect(response.status).toBe(200);
        expect(response.body.data).toMatchObject({ terisi: 6, total: 14, peringatan: [] });
        expect(response.body.data.kosong).toContain('Dasar Hukum');
        expect(response.body.data.kosong).toHaveLength(8);
      }
    });

    it('is readable by every Meja Sandi role (all may read the standards) and 404s on an unknown id', async () => {
      const caraka = await createAdminSession(app, ROLE.caraka);
      expect((await pemeriksaan(await documentIdOf(SLUG_BERITA_BIASA), caraka)).status).toBe(200);
      expect((await pemeriksaan('tidakada123', kasi)).status).toBe(404);
      expect((await pemeriksaan('BAD!', kasi)).status).toBe(404);
    });

    it('flags invalid hours staff typed in the content manager, and refuses to publish them', async () => {
      const created = await cmCreate(app, kasi, UID, {
        nama: 'Layanan Jam Keliru',
        slug: 'layanan-jam-keliru',
        jamLayanan: [{ hari: 'senin', buka: '16.00', tutup: '08.00' }],
      });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId as string;
      const check = await pemeriksaan(documentId, kasi);
      expect(check.body.data.peringatan.join(' ')).toContain('Jam layanan tidak valid');
      const publish = await app
        .http()
        .post(`${CM}/${documentId}/actions/publish`)
        .set('Authorization', `Bearer ${kasi.token}`)
        .send({ nama: 'Layanan Jam Keliru', slug: 'layanan-jam-keliru', jamLayanan: [{ hari: 'senin', buka: '16.00', tutup: '08.00' }] });
      expect(publish.status).toBe(400);
      expect(publish.body.error.message).toContain('tidak dapat dipublikasikan');
      expect((await app.http().get('/api/standar-pelayanan/layanan-jam-keliru')).status).toBe(404);
      await app.strapi.documents(UID).delete({ documentId });
    });
    it('lays out the edit view: rows named by their text, list columns, hints on the hours', async () => {
      const configuration = await app
        .http()
        .get(`/content-manager/content-types/${UID}/configuration`)
        .set('Authorization', `Bearer ${kasi.token}`);
      expect(configuration.status).toBe(200);
      const { contentType, components } = configuration.body.data;
      expect(contentType.layouts.list).toEqual(['nama', 'slug', 'nomorSK', 'satuanKerja']);
      expect(contentType.metadatas.jamLayanan.edit.description).toContain('tenggat');
      expect(components['layanan.butir'].settings.mainField).toBe('uraian');
      expect(components['layanan.langkah'].settings.mainField).toBe('uraian');
      expect(components['layanan.jam-layanan'].settings.mainField).toBe('hari');
      expect(components['layanan.jam-layanan'].metadatas.buka.edit.description).toContain('08.00');
    });
  });

  describe('publishing fires a Strapi webhook', () => {
    it('delivers entry.publish to a registered webhook', async () => {
      const received: Record<string, unknown>[] = [];
      const server = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          received.push({ ...JSON.parse(body), header: request.headers['x-strapi-event'] });
          response.end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const admin = await createAdminSession(app, 'Super Admin');
        const webhook = await app
          .http()
          .post('/admin/webhooks')
          .set('Authorization', `Bearer ${admin.token}`)
          .send({ name: 'Situs web kota', url: `http://127.0.0.1:${port}/kait`, headers: {}, events: ['entry.publish'] });
        expect(webhook.status).toBe(201);

        const created = await app.strapi.documents(UID).create({ data: { nama: 'Layanan Uji Kait', slug: 'layanan-uji-kait' } });
        expect(received).toHaveLength(0);
        await app.strapi.documents(UID).publish({ documentId: created.documentId });
        const deadline = Date.now() + 10_000;
        while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(received).toHaveLength(1);
        expect(received[0]).toMatchObject({
          event: 'entry.publish',
          header: 'entry.publish',
          uid: UID,
          model: 'standar-pelayanan',
          entry: { slug: 'layanan-uji-kait', nama: 'Layanan Uji Kait' },
        });
        await app.strapi.documents(UID).delete({ documentId: created.documentId });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('the SLA calendar reads the hours of the published standard', () => {
    const beritaTenggat = async (): Promise<string> => {
      const berita = await app.strapi.documents('api::berita.berita').create({
        data: { ...BERITA_CONTOH, waktuDiterima: wibThursday1500.toISOString() } as never,
      });
      return new Date(String((berita as { tenggat: unknown }).tenggat)).toISOString();
    };

    it('uses the seeded hours: Thursday 15.00 → Monday 11.00', async () => {
      expect((await computeTenggat(app.strapi, wibThursday1500)).toISOString()).toBe('2026-11-30T04:00:00.000Z');
      expect(await beritaTenggat()).toBe('2026-11-30T04:00:00.000Z');
    });

    it('follows a published change of the hours (Friday closes 11.30), not a mere draft', async () => {
      const documentId = await documentIdOf(SLUG_BERITA_BIASA);
      const current = await app.strapi.documents(UID).findOne({ documentId, status: 'draft', populate: { jamLayanan: true } });
      const jamLayanan = (current!.jamLayanan as { hari: string; buka: string; tutup: string; istirahatMulai?: string | null; istirahatSelesai?: string | null }[]).map(
        ({ hari, buka, tutup, istirahatMulai, istirahatSelesai }) => ({ hari, buka, tutup: hari === 'jumat' ? '11.30' : tutup, istirahatMulai, istirahatSelesai })
      );
      await app.strapi.documents(UID).update({ documentId, data: { jamLayanan } as never });
      expect((await computeTenggat(app.strapi, wibThursday1500)).toISOString()).toBe('2026-11-30T04:00:00.000Z');

      await app.strapi.documents(UID).publish({ documentId });
      // 60 min Thursday + 210 min Friday (08.00–11.30) + 150 min Monday → Monday 10.30 WIB.
      expect((await computeTenggat(app.strapi, wibThursday1500)).toISOString()).toBe('2026-11-30T03:30:00.000Z');
      expect(await beritaTenggat()).toBe('2026-11-30T03:30:00.000Z');
      expect((await app.http().get(`/standar-pelayanan/${SLUG_BERITA_BIASA}`)).text).toMatch(/<th scope="row">Jumat<\/th><td>08\.00 - 11\.30<\/td>/);
      // The text still says 11.00: the admin check points at the contradiction.
      const check = await app
        .http()
        .get(`/sop/standar-pelayanan/${documentId}/pemeriksaan`)
        .set('Authorization', `Bearer ${kasi.token}`);
      expect(check.body.data.peringatan).toContain('Jam layanan hari Jumat (08.00 - 11.30) berbeda dengan teks jangka waktu (08.00 - 11.00).');
    });

    it('falls back to the default hours when the standard is unpublished', async () => {
      const documentId = await documentIdOf(SLUG_BERITA_BIASA);
      await app.strapi.documents(UID).unpublish({ documentId });
      expect((await computeTenggat(app.strapi, wibThursday1500)).toISOString()).toBe('2026-11-30T04:00:00.000Z');
      await app.strapi.documents(UID).publish({ documentId });
      expect((await computeTenggat(app.strapi, wibThursday1500)).toISOString()).toBe('2026-11-30T03:30:00.000Z');
    });
  });

  describe('seeded once', () => {
    it('keeps staff edits across a restart and does not bring back a deleted standard', async () => {
      const berita = await documentIdOf(SLUG_BERITA_BIASA);
      await app.strapi.documents(UID).update({ documentId: berita, data: { biaya: 'Gratis, tanpa pungutan apa pun' } });
      await app.strapi.documents(UID).publish({ documentId: berita });
      await app.strapi.documents(UID).delete({ documentId: await documentIdOf(SLUG_NASKAH_DIKECUALIKAN) });

      await app.stop();
      app = await startApp({ database });

      const after = await app.http().get(`/api/standar-pelayanan/${SLUG_BERITA_BIASA}`);
      expect(after.body.data.biaya).toBe('Gratis, tanpa pungutan apa pun');
      expect(after.body.data.jamLayanan.find((row: { hari: string }) => row.hari === 'jumat').tutup).toBe('11.30');
      expect(await app.strapi.db.query(UID).count({ where: { slug: SLUG_NASKAH_DIKECUALIKAN } })).toBe(0);
      expect(await app.strapi.db.query(UID).count({ where: { slug: SLUG_BERITA_BIASA } })).toBe(2); // draft + published
    });

    it('keeps nothing of a seeding that failed midway, and seeds both standards at the next try', async () => {
      const { strapi } = app;
      // As on a new install: no standard, none recorded as seeded.
      for (const standard of await strapi.documents(UID).findMany({ status: 'draft' })) {
        await strapi.documents(UID).delete({ documentId: standard.documentId });
      }
      const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'seeded-standar-pelayanan' });
      await flag.set({ value: { slugs: [] } });
      expect(await strapi.db.query(UID).count({})).toBe(0);

      // The second standard fails to be written (a database that goes away mid-boot, say).
      let creates = 0;
      let failSecond = true;
      strapi.documents.use(async (context, next) => {
        if (context.uid === UID && context.action === 'create' && failSecond && ++creates === 2) throw new Error('penulisan standar gagal (uji)');
        return next();
      });
      await expect(bootstrapStandarPelayanan(strapi)).rejects.toThrow('penulisan standar gagal (uji)');
      failSecond = false;
      expect(creates).toBe(2);
      expect(await strapi.db.query(UID).count({})).toBe(0);
      expect(await flag.get({})).toEqual({ slugs: [] });

      await bootstrapStandarPelayanan(strapi);
      const published = await strapi.documents(UID).findMany({ status: 'published', sort: [{ nama: 'asc' }] });
      expect(published.map((standard) => standard.slug)).toEqual([SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN]);
      expect(((await flag.get({})) as { slugs: string[] }).slugs.sort()).toEqual([SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN].sort());
    });
  });
});
