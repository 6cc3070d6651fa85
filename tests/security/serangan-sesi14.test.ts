/**
 * Session 14 insider review: the media library (`/upload`, its `populate`, its `ref` attach),
 * the content manager's clone and bulk actions, the relations endpoints, the public complaint's
 * allow-list and Strapi's own public routes (`/api/connect`, `/api/upload`). Each test asserts the
 * SAFE behaviour: a failing test is a hole. Runs on SQLite.
 */
import sharp from 'sharp';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { rolesOf, sopView, transit, walkBeritaTo } from '../helpers/sop';

const CM = '/content-manager/collection-types';
const KRIPTOGRAM = 'api::kriptogram.kriptogram';
const INSTANSI = 'api::instansi.instansi';

// Markers written into classified fields: none may reach a reader without the grant.
const ASAL = 'ASAL-RAHASIA-S14';
const TEKS = 'TEKS-KRIPTO-S14';
const RINGKAS = 'RINGKAS-RAHASIA-S14';
const PERIHAL_SALINAN = 'Pengamanan kunjungan kerja'; // SALINAN_CONTOH.perihal (tests/helpers/kriptogram.ts)

const PERSONAS = ['operator', 'sandiman', 'sandimanLain', 'kasi', 'kabid', 'kadis', 'caraka', 'petugas', 'superAdmin'] as const;
type Who = (typeof PERSONAS)[number];
const ROLE_OF = rolesOf(PERSONAS);

type Uploaded = { id: number; url: string; name: string };

const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);

describe('security (session 14): media library, clone, bulk actions, relations, public routes', () => {
  let app: TestApp;
  const staff = {} as Record<Who, AdminSession>;
  let kriptogramId: string; // Rahasia, assigned to `sandiman`, numbered (copies exist), with a salinan
  let kriptogramFile: Uploaded; // its berkasKriptogram, uploaded by `sandiman`
  let kriptogramCopy: string; // its first distribusi
  let beritaId: string; // Rahasia berita out for delivery
  let beritaCopy: string;
  let buktiKriptogram: Uploaded; // the Caraka's receipt photo of the kriptogram copy
  let buktiBerita: Uploaded; // the Caraka's receipt photo of the berita copy
  let logo: Uploaded; // the instansi's public logo, set by the Kasi

  const as = (who: Who | 'anonim', method: 'get' | 'post' | 'put' | 'delete', url: string) => {
    const call = app.http()[method](url);
    return who === 'anonim' ? call : call.set('Authorization', `Bearer ${staff[who].token}`);
  };
  const upload = async (who: Who, content: Buffer, filename: string, contentType: string): Promise<Uploaded> => {
    const response = await as(who, 'post', '/upload').attach('files', content, { filename, contentType });
    if (response.status !== 201) throw new Error(`upload ${response.status}: ${JSON.stringify(response.body)}`);
    const [file] = response.body as Uploaded[];
    return { ...file, url: String(file.url).split('?')[0] };
  };
  const photo = (r: number) =>
    sharp({ create: { width: 48, height: 32, channels: 3, background: { r, g: 150, b: 120 } } })
      .jpeg()
      .toBuffer();
  const linksOf = async (fileId: number) =>
    (await app.strapi.db.connection('files_related_mph').where({ file_id: fileId })) as { related_type: string; field: string }[];
  const instansiLogoIds = async (): Promise<number[]> => {
    const row = (await app.strapi.db.query(INSTANSI).findOne({ populate: { logo: { select: ['id'] } } })) as { logo?: { id: number } | null } | null;
    return row?.logo ? [row.logo.id] : [];
  };

  beforeAll(async () => {
    app = await startApp();
    for (const who of Object.keys(ROLE_OF) as Who[]) staff[who] = await createAdminSession(app, ROLE_OF[who]);
    await app.strapi.plugin('upload').service('upload').setSettings({ sizeOptimization: false, responsiveDimensions: false, autoOrientation: false });

    beritaId = await walkBeritaTo(
      app,
      { operator: staff.operator, kasi: staff.kasi, kabid: staff.kabid, kadis: staff.kadis, caraka: staff.caraka },
      'ditugaskan_ke_caraka',
      { sifat: 'rahasia', isiRingkas: `${RINGKAS} ringkasan berita` }
    );
    beritaCopy = (await sopView(app, staff.caraka, 'berita', beritaId)).body.data.distribusi[0].documentId;

    kriptogramFile = await upload('sandiman', pdf('pindaian kriptogram rahasia'), 'kriptogram-s14.pdf', 'application/pdf');
    kriptogramId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dinomori', {
      klasifikasi: 'rahasia',
      asal: ASAL,
      teksKriptogram: TEKS,
      berkasKriptogram: kriptogramFile.id,
    });
    kriptogramCopy = (await sopView(app, staff.sandiman, 'kriptogram', kriptogramId)).body.data.distribusi[0].documentId;

    buktiKriptogram = await upload('caraka', await photo(200), 'tanda-terima-k.jpg', 'image/jpeg');
    buktiBerita = await upload('caraka', await photo(40), 'tanda-terima-b.jpg', 'image/jpeg');
    for (const [copy, bukti] of [
      [kriptogramCopy, buktiKriptogram],
      [beritaCopy, buktiBerita],
    ] as const) {
      const receipt = await transit(app, staff.caraka, 'distribusi', copy, 'diterima', {
        data: { diterimaOleh: 'Ajudan Wali Kota', bukti: bukti.id },
      });
      if (receipt.status !== 200) throw new Error(`receipt ${receipt.status}: ${JSON.stringify(receipt.body)}`);
    }

    const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: { r: 10, g: 90, b: 160, alpha: 1 } } })
      .png()
      .toBuffer();
    logo = await upload('kasi', png, 'logo-kota-s14.png', 'image/png');
    const instansi = await app.strapi.documents(INSTANSI).findFirst({});
    await app.strapi.documents(INSTANSI).update({ documentId: instansi!.documentId, data: { logo: logo.id } as never });
  }, 120_000);

  afterAll(async () => {
    await app?.destroy();
  });

  // ---------------------------------------------------------------------------
  // The media library: a file's `related` records

  describe('the media library never shows, through a file, more of a record than its role may read', () => {
    const listOwnFiles = (who: Who, populate: string) => as(who, 'get', `/upload/files?page=1&pageSize=50&${populate}`);

    it('the Caraka does not read, through its own receipt photo, the Rahasia kriptogram’s origin and text nor the salinan’s subject (GET /upload/files?populate[related]…)', async () => {
      const queries = ['populate[related][populate]=*', 'populate[related][on][api::distribusi.distribusi][populate][kriptogram][populate]=salinan'];
      for (const query of queries) {
        const response = await listOwnFiles('caraka', query);
        expect(response.status).toBeLessThan(500);
        const text = JSON.stringify(response.body);
        // the Caraka's grant on kriptogram is KRIPTOGRAM_EXISTENCE, on salinan SALINAN_RECIPIENTS (src/domain/roles.ts)
        expect({ query, asal: text.includes(ASAL), teks: text.includes(TEKS), perihalSalinan: text.includes(PERIHAL_SALINAN) }).toEqual({
          query,
          asal: false,
          teks: false,
          perihalSalinan: false,
        });
      }
    });

    it('the Caraka does not read, through its own receipt photo, the Rahasia berita’s summary (isiRingkas, outside its grant)', async () => {
      const response = await listOwnFiles('caraka', 'populate[related][on][api::distribusi.distribusi][populate]=berita');
      expect(response.status).toBeLessThan(500);
      expect(JSON.stringify(response.body)).not.toContain(RINGKAS);
    });

    it('no private attribute leaves through a file’s related records, not even to the Super Admin or the assigned Sandiman (salinan isi, versi)', async () => {
      const privateKeys = /"(isi|berkas|berkasNama|versi|alurVersi|indukUid|indukDocumentId|indukTahapAntar|kodeLacakHash)":/g;
      const found: string[] = [];
      for (const [who, query] of [
        ['sandiman', 'populate[related][on][api::kriptogram.kriptogram][populate]=salinan'],
        ['superAdmin', 'populate[related][on][api::kriptogram.kriptogram][populate]=salinan'],
        ['superAdmin', 'populate[related][on][api::distribusi.distribusi][populate][kriptogram][populate]=salinan'],
      ] as const) {
        const response = await listOwnFiles(who, query);
        expect(response.status).toBeLessThan(500);
        const keys = new Set([...JSON.stringify(response.body).matchAll(privateKeys)].map((match) => match[1]));
        if (keys.size > 0) found.push(`${who} ${query}: ${[...keys].sort().join(', ')}`);
      }
      expect(found).toEqual([]);
    });

    it('held: the content manager does not populate a media field’s related records (bukti → related → kriptogram)', async () => {
      for (const who of ['caraka', 'operator'] as const) {
        const response = await as(
          who,
          'get',
          `${CM}/api::distribusi.distribusi/${kriptogramCopy}?populate[bukti][populate][related][on][api::distribusi.distribusi][populate][kriptogram][populate]=salinan`
        );
        expect(response.status).toBeLessThan(500);
        const text = JSON.stringify(response.body);
        expect(text).not.toContain(ASAL);
        expect(text).not.toContain(PERIHAL_SALINAN);
      }
    });

    it('held: a role limited to its own uploads lists only them, whatever it populates', async () => {
      const response = await listOwnFiles('caraka', 'populate=*');
      expect(response.status).toBe(200);
      const files = response.body.results as { id: number }[];
      expect(files.map((file) => file.id).sort((a, b) => a - b)).toEqual([buktiKriptogram.id, buktiBerita.id].sort((a, b) => a - b));
      // a wildcard populates the records a file is attached to: they are dropped from the answer
      expect(files.filter((file) => 'related' in file)).toEqual([]);
      // roles without any media right get nothing
      for (const who of ['kabid', 'kadis', 'petugas'] as const) expect((await listOwnFiles(who, 'populate=*')).status).toBe(403);
    });

    it('a query naming a file’s records (related) is refused with 400 wherever it names them, for every role with the media library', async () => {
      const queries = [
        'populate=related',
        'populate[0]=folder&populate[1]=related',
        'populate[related][fields][0]=id',
        'filters[related][id][$notNull]=true',
        'sort=related.id:asc',
        'fields[0]=name&fields[1]=related',
      ];
      for (const who of ['caraka', 'sandiman', 'operator', 'superAdmin'] as const) {
        for (const query of queries) {
          const response = await listOwnFiles(who, query);
          expect({ who, query, status: response.status, message: response.body?.error?.message }).toEqual({
            who,
            query,
            status: 400,
            message: expect.stringContaining('related'),
          });
        }
      }
      // a folder's files populated down to their records: refused too
      const folders = await as('superAdmin', 'get', '/upload/folders?populate[files][populate][related]=*');
      expect(folders.status).toBe(400);
      const one = await as('caraka', 'get', `/upload/files/${buktiKriptogram.id}?populate=related`);
      expect(one.status).toBe(400);
    });
  });

  // ---------------------------------------------------------------------------
  // The media library: attaching an upload straight to a record (`ref`, `refId`, `field`)

  describe('an upload cannot attach itself to a record its uploader may not edit', () => {
    it('a Sandiman (or a Caraka) cannot put a file on the instansi’s public logo with POST /upload ref/refId/field: no link, no public file, the Kasi’s logo stays', async () => {
      const instansiRow = (await app.strapi.db.query(INSTANSI).findOne({})) as { id: number };
      const before = await instansiLogoIds();
      expect(before).toEqual([logo.id]);
      const restore = async () => {
        // whatever happened, the next probe starts from the Kasi's logo
        const instansi = await app.strapi.documents(INSTANSI).findFirst({});
        await app.strapi.documents(INSTANSI).update({ documentId: instansi!.documentId, data: { logo: logo.id } as never });
      };
      const outcomes: Record<string, unknown>[] = [];
      try {
        for (const who of ['sandiman', 'caraka'] as const) {
          const response = await as(who, 'post', '/upload')
            .field('ref', INSTANSI)
            .field('refId', String(instansiRow.id))
            .field('field', 'logo')
            .attach('files', pdf(`salinan rahasia yang dibocorkan ${who}`), { filename: `bocor-${who}.pdf`, contentType: 'application/pdf' });
          // no upload attaches itself to a record (src/files/guard.ts assertNoRef): 403 with the reason
          expect({ who, status: response.status, message: response.body?.error?.message }).toEqual({
            who,
            status: 403,
            message: expect.stringContaining('tidak dapat dilampirkan langsung'),
          });
          const file = response.status === 201 ? (response.body as Uploaded[])[0] : null;
          // neither role may update the instansi (src/domain/roles.ts): the file must stay unattached and private
          outcomes.push({
            who,
            attachedTo: file ? (await linksOf(file.id)).map((link) => `${link.related_type}.${link.field}`) : [],
            anonymousDownload: file ? (await app.http().get(String(file.url).split('?')[0])).status === 200 : false,
            kasiLogoKept: JSON.stringify(await instansiLogoIds()) === JSON.stringify(before),
          });
          await restore();
        }
      } finally {
        await restore();
      }
      expect(outcomes).toEqual(
        (['sandiman', 'caraka'] as const).map((who) => ({ who, attachedTo: [], anonymousDownload: false, kasiLogoKept: true }))
      );
    });

    it('held: an upload that names a governed record as its ref is refused (403), for every role with the media library', async () => {
      const kriptogramRow = (await app.strapi.db.query(KRIPTOGRAM).findOne({ where: { documentId: kriptogramId } })) as { id: number };
      for (const who of ['sandiman', 'caraka', 'operator', 'kasi'] as const) {
        const response = await as(who, 'post', '/upload')
          .field('ref', KRIPTOGRAM)
          .field('refId', String(kriptogramRow.id))
          .field('field', 'berkasKriptogram')
          .attach('files', pdf('tambahan'), { filename: 'tambahan.pdf', contentType: 'application/pdf' });
        expect({ who, status: response.status }).toEqual({ who, status: 403 });
      }
    });
  });

  // ---------------------------------------------------------------------------
  // Clone and bulk actions

  describe('clone and bulk actions', () => {
    it('held: a Sandiman not assigned who clones a Rahasia kriptogram gets neither its file nor its salinan', async () => {
      const response = await as('sandimanLain', 'post', `${CM}/${KRIPTOGRAM}/clone/${kriptogramId}`).send({});
      expect(response.status).toBeLessThan(500);
      expect(JSON.stringify(response.body)).not.toContain(PERIHAL_SALINAN);
      if (response.status === 200 || response.status === 201) {
        const clone = String(response.body.data.documentId);
        const row = (await app.strapi.db.query(KRIPTOGRAM).findOne({ where: { documentId: clone }, populate: ['salinan', 'distribusi'] })) as Record<
          string,
          unknown
        >;
        expect(row).toMatchObject({ salinan: null, distribusi: [], tahap: 'diterima', nomorAgenda: null });
        expect((await as('sandimanLain', 'get', `/sop/kriptogram/${clone}/isi`)).status).not.toBe(200);
      }
      // the file stays behind the original's need-to-know, clone or not
      expect((await as('sandimanLain', 'get', `/sop/berkas/${kriptogramFile.id}/unduh`)).status).toBe(403);
      expect((await as('sandimanLain', 'get', `/sop/kriptogram/${kriptogramId}/isi`)).status).toBe(403);
    });

    it('held: bulk delete of a kriptogram or a berita is refused to the roles that create them (Sandiman, Operator), nothing deleted', async () => {
      for (const [who, uid, documentId] of [
        ['sandiman', KRIPTOGRAM, kriptogramId],
        ['operator', 'api::berita.berita', beritaId],
      ] as const) {
        const response = await as(who, 'post', `${CM}/${uid}/actions/bulkDelete`).send({ documentIds: [documentId] });
        expect({ who, uid, status: response.status }).toEqual({ who, uid, status: 403 });
        expect(await app.strapi.db.query(uid).count({ where: { documentId } })).toBe(1);
      }
    });

    it('held: bulk publish and unpublish of the service standard are refused to roles without the publish right', async () => {
      const standard = (await app.strapi.db
        .query('api::standar-pelayanan.standar-pelayanan')
        .findOne({ where: { publishedAt: { $notNull: true } } })) as {
        documentId: string;
      } | null;
      expect(standard).not.toBeNull();
      for (const who of ['operator', 'kabid', 'caraka', 'petugas'] as const) {
        for (const action of ['bulkPublish', 'bulkUnpublish']) {
          const response = await as(who, 'post', `${CM}/api::standar-pelayanan.standar-pelayanan/actions/${action}`).send({
            documentIds: [standard!.documentId],
          });
          expect({ who, action, status: response.status }).toEqual({ who, action, status: 403 });
        }
      }
    });
  });

  // ---------------------------------------------------------------------------
  // Relations endpoints

  it('held: the relations picker searches only the main field; the Caraka finds no kriptogram by its origin', async () => {
    const response = await as(
      'caraka',
      'get',
      `/content-manager/relations/api::distribusi.distribusi/kriptogram?_q=${encodeURIComponent(ASAL)}&pageSize=50`
    );
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.body)).not.toContain(ASAL);
    if (response.status === 200) expect(response.body.results).toEqual([]);
  });

  // ---------------------------------------------------------------------------
  // Public routes

  describe('public routes', () => {
    const warga = { nama: 'Budi Santoso', kontak: 'budi.s14@example.com', isi: 'Pelayanan di loket persandian terlalu lambat minggu ini.' };
    const file = (body: string, ip: string) =>
      app.http().post('/api/pengaduan').set('Content-Type', 'application/json').set('X-Forwarded-For', ip).send(body);

    it('held: the complaint’s allow-list refuses __proto__, constructor, a second top-level key and a duplicated data key, filing nothing', async () => {
      const before = await app.strapi.db.query('api::pengaduan.pengaduan').count({});
      const inner = JSON.stringify(warga).slice(1, -1);
      for (const body of [
        `{"data":{${inner},"__proto__":{"saluran":"telepon"}}}`,
        `{"data":{${inner},"constructor":{"prototype":{"x":1}}}}`,
        `{"data":{${inner}},"meta":{"saluran":"telepon"}}`,
        `{"data":{${inner}},"data":{"nama":"X"}}`,
      ]) {
        const response = await file(body, '203.0.113.140');
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(JSON.stringify(response.body)).not.toMatch(/ADU-\d{4}/);
      }
      expect(await app.strapi.db.query('api::pengaduan.pengaduan').count({})).toBe(before);
    });

    it('held: a complaint naming the slug of an unpublished (draft) standard is refused', async () => {
      await app.strapi
        .documents('api::standar-pelayanan.standar-pelayanan')
        .create({ data: { nama: 'Layanan Rahasia Draf', slug: 'layanan-draf-s14' } as never });
      const response = await file(JSON.stringify({ data: { ...warga, layanan: 'layanan-draf-s14' } }), '203.0.113.141');
      expect(response.status).toBe(400);
    });

    it('held: Strapi’s own public routes stay closed: /api/connect providers, /api/upload, and no private file by name', async () => {
      for (const path of ['/api/connect/github', '/api/connect/google/callback?access_token=x', '/api/connect/microsoft']) {
        const response = await app.http().get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(response.body?.jwt).toBeUndefined();
      }
      expect((await app.http().get('/api/upload/files?populate=related')).status).toBe(403);
      expect((await app.http().get(`/api/upload/files/${kriptogramFile.id}`)).status).toBe(403);
      for (const url of [kriptogramFile.url, buktiKriptogram.url, buktiBerita.url]) {
        expect({ url, status: (await app.http().get(url)).status }).not.toEqual({ url, status: 200 });
        expect({ url, status: (await app.http().get(url.replace('/berkas/', '/uploads/'))).status }).not.toEqual({ url, status: 200 });
      }
      // the public logo is public (PUBLIC_MEDIA_FIELDS): the one file anyone loads
      expect((await app.http().get(logo.url)).status).toBe(200);
    });
  });
});
