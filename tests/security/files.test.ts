/**
 * Issue 10 item 2 "Classified files are not a URL away" and item 7 "the same photo proves
 * two receipts", each role × each attack, on SQLite and (TEST_DATABASE=postgres) PostgreSQL.
 */
import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { moveLegacyUploads } from '../../src/files';
import { storedPath } from '../../src/files/storage';
import { SLUG_BERITA_BIASA } from '../../src/domain/standar-pelayanan';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { cmUpdate, rolesOf, sopView, transit, walkBeritaTo } from '../helpers/sop';

type Pelaku = 'operator' | 'sandiman' | 'sandimanLain' | 'kasi' | 'kabid' | 'kadis' | 'caraka' | 'petugas' | 'pejabat' | 'superAdmin';
const PELAKU: readonly Pelaku[] = ['operator', 'sandiman', 'sandimanLain', 'kasi', 'kabid', 'kadis', 'caraka', 'petugas', 'pejabat', 'superAdmin'];
const ROLE_OF = rolesOf(PELAKU);

type Uploaded = { id: number; url: string; name: string; hash: string; ext: string };

const pdf = (label: string): Buffer =>
  Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`
  );

describe('files of governed records are private, locked once used, one proof per receipt', () => {
  let app: TestApp;
  const staff = {} as Record<Pelaku, AdminSession>;
  const uploaded: number[] = [];
  const figures = { requests: 0, serverErrors: 0, leaks: 0 };

  let lampiran: Uploaded; // of a Rahasia berita, uploaded by the Operator
  let kriptogramFile: Uploaded; // of a Rahasia kriptogram, uploaded by the assigned Sandiman
  let bukti: Uploaded; // receipt photo of the Rahasia berita's first copy, by the Caraka
  let logo: Uploaded; // the instansi logo, public
  let beritaId: string;
  let kriptogramId: string;
  let copies: { documentId: string }[];
  const bytesOf: Record<number, Buffer> = {};

  /** Every request goes through here: counted, and a 5xx fails the test at once. */
  const send = async (pending: PromiseLike<Response>): Promise<Response> => {
    const response = await pending;
    figures.requests += 1;
    if (response.status >= 500) {
      figures.serverErrors += 1;
      throw new Error(`5xx: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  };
  const as = (who: Pelaku | 'anonim', method: 'get' | 'put' | 'post' | 'delete', url: string) => {
    const call = app.http()[method](url);
    return who === 'anonim' ? call : call.set('Authorization', `Bearer ${staff[who].token}`);
  };

  const upload = async (who: Pelaku, content: Buffer, filename: string, contentType: string): Promise<Uploaded> => {
    const response = await send(as(who, 'post', '/upload').attach('files', content, { filename, contentType }));
    if (response.status !== 201) throw new Error(`upload ${response.status}: ${JSON.stringify(response.body)}`);
    const [file] = response.body as Uploaded[];
    uploaded.push(file.id);
    return { ...file, url: file.url.split('?')[0] };
  };

  const storedBytes = (file: Uploaded): Buffer => fs.readFileSync(storedPath(app.strapi, file.url));
  const auditCount = async (model: string, documentId: string): Promise<number> =>
    Number(
      (
        (await app.strapi.db.connection('sop_audit').where({ model, document_id: documentId, ke: 'berkas_diunduh' }).count({ n: '*' }).first()) as {
          n: number | string;
        }
      ).n
    );

  beforeAll(async () => {
    app = await startApp();
    for (const who of PELAKU) staff[who] = await createAdminSession(app, ROLE_OF[who]);
    await app.strapi.plugin('upload').service('upload').setSettings({ sizeOptimization: false, responsiveDimensions: true, autoOrientation: false });

    lampiran = await upload('operator', pdf('lampiran rahasia'), 'lampiran-rahasia.pdf', 'application/pdf');
    beritaId = await walkBeritaTo(
      app,
      { operator: staff.operator, kasi: staff.kasi, kabid: staff.kabid, kadis: staff.kadis, caraka: staff.caraka },
      'ditugaskan_ke_caraka',
      { sifat: 'rahasia', lampiran: [lampiran.id] }
    );
    copies = (await sopView(app, staff.caraka, 'berita', beritaId)).body.data.distribusi;
    expect(copies).toHaveLength(2);

    kriptogramFile = await upload('sandiman', pdf('kriptogram rahasia'), 'kriptogram.pdf', 'application/pdf');
    kriptogramId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'ditugaskan_deskripsi', {
      klasifikasi: 'rahasia',
      berkasKriptogram: kriptogramFile.id,
    });

    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 180, b: 150 } } })
      .jpeg()
      .toBuffer();
    bukti = await upload('caraka', photo, 'tanda-terima.jpg', 'image/jpeg');
    const receipt = await send(
      transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan Wali Kota', bukti: bukti.id } })
    );
    expect(receipt.status).toBe(200);

    const logoPng = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 10, g: 90, b: 160, alpha: 1 } } })
      .png()
      .toBuffer();
    logo = await upload('kasi', logoPng, 'logo-kota.png', 'image/png');
    const instansi = await app.strapi.documents('api::instansi.instansi').findFirst({});
    await app.strapi.documents('api::instansi.instansi').update({ documentId: instansi!.documentId, data: { logo: logo.id } as never });

    for (const file of [lampiran, kriptogramFile, bukti, logo]) bytesOf[file.id] = storedBytes(file);
  });

  afterAll(async () => {
    if (app) {
      const service = app.strapi.plugin('upload').service('upload');
      for (const id of uploaded) {
        const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
        if (file) await service.remove(file);
      }
      // One line of figures for the report: requests sent, 5xx seen, leaks seen.
      // eslint-disable-next-line no-console
      console.log(`[berkas] permintaan ${figures.requests}, 5xx ${figures.serverErrors}, bocor ${figures.leaks}`);
    }
    await app?.destroy();
  });

  it('stores every upload outside public/: nothing under /uploads, for anyone', async () => {
    for (const file of [lampiran, kriptogramFile, bukti, logo]) {
      expect(file.url.startsWith('/berkas/')).toBe(true);
      expect(fs.existsSync(path.join(app.strapi.dirs.static.public, 'uploads', `${file.hash}${file.ext}`))).toBe(false);
      for (const who of [...PELAKU, 'anonim'] as const) {
        const response = await send(as(who, 'get', `/uploads/${file.hash}${file.ext}`));
        expect(response.status).toBe(404);
      }
    }
  });

  it('serves no private file without login, with or without a Bearer header on the public route', async () => {
    for (const file of [lampiran, kriptogramFile, bukti]) {
      for (const who of [...PELAKU, 'anonim'] as const) {
        const response = await send(as(who, 'get', file.url));
        if (response.status === 200) figures.leaks += 1;
        expect(response.status).toBe(401);
        expect(response.body.error.message).toMatch(/tidak publik/);
      }
      const forged = await send(as('anonim', 'get', `${file.url}?token=1.9999999999.${'A'.repeat(43)}`));
      expect(forged.status).toBe(401);
    }
  });

  /** Who may download each file (GET /sop/berkas/:id/unduh), from the records' own rules. */
  const EXPECTED: Record<'lampiran' | 'kriptogram' | 'bukti', Record<Pelaku, boolean>> = {
    // the berita read grant on `lampiran`: not the Caraka (field list), nor roles without berita
    lampiran: {
      operator: true,
      sandiman: false,
      sandimanLain: false,
      kasi: true,
      kabid: true,
      kadis: true,
      caraka: false,
      petugas: false,
      pejabat: false,
      superAdmin: true,
    },
    // Rahasia kriptogram: need to know (the assigned Sandiman, the Kasi); Super Admin neither
    kriptogram: {
      operator: false,
      sandiman: true,
      sandimanLain: false,
      kasi: true,
      kabid: false,
      kadis: false,
      caraka: false,
      petugas: false,
      pejabat: false,
      superAdmin: false,
    },
    // the distribusi read grant
    bukti: {
      operator: true,
      sandiman: true,
      sandimanLain: true,
      kasi: true,
      kabid: true,
      kadis: true,
      caraka: true,
      petugas: false,
      pejabat: false,
      superAdmin: true,
    },
  };

  it.each(['lampiran', 'kriptogram', 'bukti'] as const)(
    'downloads the %s file only for the roles its record allows (bytes intact), audited when Rahasia',
    async (which) => {
      const file = { lampiran, kriptogram: kriptogramFile, bukti }[which];
      const audited =
        which === 'kriptogram'
          ? { model: 'kriptogram', id: kriptogramId }
          : which === 'lampiran'
            ? { model: 'berita', id: beritaId }
            : { model: 'distribusi', id: copies[0].documentId };
      for (const who of PELAKU) {
        const before = await auditCount(audited.model, audited.id);
        const response = await send(
          as(who, 'get', `/sop/berkas/${file.id}/unduh`)
            .buffer(true)
            .parse((res, done) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => done(null, Buffer.concat(chunks)));
            })
        );
        const after = await auditCount(audited.model, audited.id);
        if (EXPECTED[which][who]) {
          expect([who, response.status]).toEqual([who, 200]);
          expect(Buffer.compare(response.body as Buffer, bytesOf[file.id])).toBe(0);
          expect(response.headers['cache-control']).toBe('private, no-store');
          // the berita and the copy's berita are Rahasia, the kriptogram too: one audit row per download
          expect(after).toBe(before + 1);
        } else {
          if (response.status === 200) figures.leaks += 1;
          expect([who, response.status]).toEqual([who, 403]);
          expect(JSON.parse((response.body as Buffer).toString()).error.message).toMatch(/berwenang|hanya untuk/);
          expect(after).toBe(before);
        }
      }
      const anon = await send(as('anonim', 'get', `/sop/berkas/${file.id}/unduh`));
      expect(anon.status).toBe(401);
      const verify = await send(as('kasi', 'get', '/sop/audit/verify'));
      expect(verify.body.data.ok).toBe(true);
    }
  );

  it('the audit row names who downloaded a Rahasia file and when', async () => {
    const rows = (await app.strapi.db.connection('sop_audit').where({ model: 'kriptogram', document_id: kriptogramId, ke: 'berkas_diunduh' })) as {
      aktor_id: number;
      catatan: string;
      dari: string;
    }[];
    expect(rows.map((row) => row.aktor_id).sort()).toEqual([staff.sandiman.id, staff.kasi.id].sort());
    expect(rows[0]).toMatchObject({ dari: 'ditugaskan_deskripsi', catatan: `Berkas #${kriptogramFile.id} (berkasKriptogram) diunduh.` });
  });

  it('signed links from the content manager work only for their user and file, and the record rule still applies', async () => {
    const view = await send(as('operator', 'get', `/content-manager/collection-types/api::berita.berita/${beritaId}`));
    expect(view.status).toBe(200);
    const signed = String(view.body.data.lampiran[0].url);
    expect(signed).toMatch(/^\/berkas\/.+\?token=/);
    const viaLink = await send(app.http().get(signed).buffer(true));
    expect(viaLink.status).toBe(200);
    expect(Buffer.compare(viaLink.body as Buffer, bytesOf[lampiran.id])).toBe(0);
    // the token is bound to the file name
    const token = signed.split('token=')[1];
    const other = await send(app.http().get(`${bukti.url}?token=${token}`));
    expect(other.status).toBe(401);
    // the Kabid reads the kriptogram record, so gets a link, but has no need to know its Rahasia file
    const kabidView = await send(as('kabid', 'get', `/content-manager/collection-types/api::kriptogram.kriptogram/${kriptogramId}`));
    const kabidLink = String(kabidView.body.data.berkasKriptogram.url);
    expect(kabidLink).toMatch(/\?token=/);
    const refused = await send(app.http().get(kabidLink));
    if (refused.status === 200) figures.leaks += 1;
    expect(refused.status).toBe(403);
  });

  it('lists in the media library only the files each role uploaded itself', async () => {
    const owner: Record<number, Pelaku> = { [lampiran.id]: 'operator', [kriptogramFile.id]: 'sandiman', [bukti.id]: 'caraka', [logo.id]: 'kasi' };
    for (const who of PELAKU) {
      const response = await send(as(who, 'get', '/upload/files?pageSize=100'));
      if (who === 'kabid' || who === 'kadis' || who === 'petugas' || who === 'pejabat') {
        expect([who, response.status]).toEqual([who, 403]);
        continue;
      }
      expect([who, response.status]).toEqual([who, 200]);
      const ids = (response.body.results as { id: number }[]).map((file) => file.id);
      for (const [id, uploader] of Object.entries(owner)) {
        const listed = ids.includes(Number(id));
        if (who === 'superAdmin' || who === uploader) continue;
        if (listed) figures.leaks += 1;
        expect([who, Number(id), listed]).toEqual([who, Number(id), false]);
      }
      if (who !== 'superAdmin') {
        const others = (response.body.results as { createdBy?: { id: number } }[]).filter(
          (file) => file.createdBy && file.createdBy.id !== staff[who].id
        );
        expect(others).toEqual([]);
      }
      const one = await send(as(who, 'get', `/upload/files/${kriptogramFile.id}`));
      expect([who, one.status]).toEqual([who, who === 'sandiman' || who === 'superAdmin' ? 200 : 403]);
    }
    expect((await send(as('anonim', 'get', '/upload/files'))).status).toBe(401);
  });

  it('refuses to replace, delete, move or re-describe a used file through the media library, for every role', async () => {
    const folder = await send(as('superAdmin', 'post', '/upload/folders').send({ name: 'Arsip', parent: null }));
    expect(folder.status).toBe(201);
    const folderId = folder.body.data.id as number;
    const attacks = (id: number) => [
      {
        name: 'ganti isi',
        call: (who: Pelaku | 'anonim') =>
          as(who, 'post', `/upload/files/${id}/replace`).attach('files', pdf('palsu'), { filename: 'palsu.pdf', contentType: 'application/pdf' }),
      },
      {
        name: 'ganti isi (POST /upload?id=)',
        call: (who: Pelaku | 'anonim') =>
          as(who, 'post', `/upload?id=${id}`).attach('files', pdf('palsu'), { filename: 'palsu.pdf', contentType: 'application/pdf' }),
      },
      {
        name: 'ubah keterangan',
        call: (who: Pelaku | 'anonim') => as(who, 'put', `/upload/files/${id}`).send({ fileInfo: { name: 'palsu.pdf', caption: 'x' } }),
      },
      {
        name: 'ubah keterangan massal',
        call: (who: Pelaku | 'anonim') => as(who, 'post', '/upload/actions/bulk-update').send({ updates: [{ id, fileInfo: { name: 'palsu.pdf' } }] }),
      },
      { name: 'hapus', call: (who: Pelaku | 'anonim') => as(who, 'delete', `/upload/files/${id}`) },
      {
        name: 'hapus massal',
        call: (who: Pelaku | 'anonim') => as(who, 'post', '/upload/actions/bulk-delete').send({ fileIds: [id], folderIds: [] }),
      },
      {
        name: 'pindah ke folder',
        call: (who: Pelaku | 'anonim') =>
          as(who, 'post', '/upload/actions/bulk-move').send({ fileIds: [id], folderIds: [], destinationFolderId: folderId }),
      },
    ];
    for (const file of [lampiran, kriptogramFile, bukti]) {
      const rowBefore = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
      for (const attack of attacks(file.id)) {
        for (const who of [...PELAKU, 'anonim'] as const) {
          const response = await send(attack.call(who));
          if (response.status < 300) figures.leaks += 1;
          expect([attack.name, who, response.status]).toEqual([attack.name, who, who === 'anonim' ? 401 : 403]);
        }
      }
      const rowAfter = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
      expect(rowAfter).toEqual(rowBefore);
      expect(Buffer.compare(storedBytes(file), bytesOf[file.id])).toBe(0);
    }
    // the uploader is told why, in Indonesian
    const own = await send(as('caraka', 'delete', `/upload/files/${bukti.id}`));
    expect(own.body.error.message).toMatch(/sudah dipakai oleh langkah SOP yang tercatat/);
    // deleting the folder a used file sits in takes it along: refused as well
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: bukti.id }, data: { folderPath: folder.body.data.path } });
    const withFolder = await send(as('superAdmin', 'post', '/upload/actions/bulk-delete').send({ fileIds: [], folderIds: [folderId] }));
    expect(withFolder.status).toBe(403);
    expect(await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: bukti.id } })).not.toBeNull();
  });

  it('refuses to detach or swap the lampiran of a registered berita in the content manager', async () => {
    const spare = await upload('operator', pdf('pengganti'), 'pengganti.pdf', 'application/pdf');
    const swap = await send(cmUpdate(app, staff.operator, 'api::berita.berita', beritaId, { lampiran: [spare.id] }));
    expect(swap.status).toBe(403);
    expect(swap.body.error.message).toMatch(/tidak dapat dilepas atau diganti/);
    const row = await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId }, populate: ['lampiran'] });
    expect((row as { lampiran: { id: number }[] }).lampiran.map((file) => file.id)).toEqual([lampiran.id]);
    // a file still free (not used by any step) stays the uploader's to delete
    const removed = await send(as('operator', 'delete', `/upload/files/${spare.id}`));
    expect(removed.status).toBe(200);
    // but not another role's: a Caraka cannot bulk-delete the Operator's free upload
    const free = await upload('operator', pdf('bebas'), 'bebas.pdf', 'application/pdf');
    const foreign = await send(as('caraka', 'post', '/upload/actions/bulk-delete').send({ fileIds: [free.id], folderIds: [] }));
    expect(foreign.status).toBe(403);
    expect(await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: free.id } })).not.toBeNull();
  });

  it("one proof file serves one receipt: reuse, a lampiran, or another user's upload is a 400 in Indonesian", async () => {
    const reuse = await send(
      transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', {
        data: { diterimaOleh: 'Sekretaris Dinas Kesehatan', bukti: bukti.id },
      })
    );
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toMatch(/sudah menjadi bukti tanda terima salinan lain; satu berkas bukti hanya untuk satu tanda terima/);
    const asLampiran = await send(
      transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', {
        data: { diterimaOleh: 'Sekretaris Dinas Kesehatan', bukti: lampiran.id },
      })
    );
    expect(asLampiran.status).toBe(400);
    expect(asLampiran.body.error.message).toMatch(/sudah dilampirkan pada naskah lain/);
    const foreignFile = await upload(
      'operator',
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
      'foto.jpg',
      'image/jpeg'
    );
    const foreign = await send(
      transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', {
        data: { diterimaOleh: 'Sekretaris Dinas Kesehatan', bukti: foreignFile.id },
      })
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/bukan unggahan Anda/);
    const copy = await app.strapi.db
      .query('api::distribusi.distribusi')
      .findOne({ where: { documentId: copies[1].documentId }, populate: ['bukti'] });
    expect(copy).toMatchObject({ tahap: 'ditugaskan', bukti: null });
    // the Caraka's own fresh photo is accepted
    const fresh = await upload(
      'caraka',
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#345' } })
        .jpeg()
        .toBuffer(),
      'tt-2.jpg',
      'image/jpeg'
    );
    const ok = await send(
      transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', {
        data: { diterimaOleh: 'Sekretaris Dinas Kesehatan', bukti: fresh.id },
      })
    );
    expect(ok.status).toBe(200);
  });

  it('refuses an upload that attaches itself to a recorded copy (a second receipt photo), for every role', async () => {
    const copy = (await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId: copies[0].documentId } })) as { id: number };
    const linksBefore = await app.strapi.db
      .connection('files_related_mph')
      .where({ related_type: 'api::distribusi.distribusi', related_id: copy.id });
    for (const who of [...PELAKU, 'anonim'] as const) {
      const response = await send(
        as(who, 'post', '/upload')
          .field('ref', 'api::distribusi.distribusi')
          .field('refId', String(copy.id))
          .field('field', 'bukti')
          .attach('files', pdf('bukti kedua'), { filename: 'bukti-kedua.pdf', contentType: 'application/pdf' })
      );
      if (response.status < 300) figures.leaks += 1;
      // roles without a media right are refused by Strapi, the others by the guard
      const expected = who === 'anonim' ? 401 : 403;
      expect([who, response.status]).toEqual([who, expected]);
    }
    const refused = await send(
      as('caraka', 'post', '/upload')
        .field('ref', 'api::distribusi.distribusi')
        .field('refId', String(copy.id))
        .field('field', 'bukti')
        .attach('files', pdf('bukti kedua'), { filename: 'bukti-kedua.pdf', contentType: 'application/pdf' })
    );
    expect(refused.body.error.message).toMatch(/tidak dapat dilampirkan langsung pada naskah SOP/);
    const linksAfter = await app.strapi.db.connection('files_related_mph').where({ related_type: 'api::distribusi.distribusi', related_id: copy.id });
    expect(linksAfter).toEqual(linksBefore);
  });

  it("refuses to attach a colleague's fresh upload to one's own record (it would become readable through it)", async () => {
    const scan = await upload('sandiman', pdf('pindaian kriptogram'), 'pindaian.pdf', 'application/pdf');
    const taken = await send(cmUpdate(app, staff.operator, 'api::berita.berita', beritaId, { lampiran: [lampiran.id, scan.id] }));
    expect(taken.status).toBe(403);
    expect(taken.body.error.message).toMatch(/bukan unggahan Anda/);
    const links = await app.strapi.db.connection('files_related_mph').where({ file_id: scan.id });
    expect(links).toEqual([]);
    const stillPrivate = await send(as('operator', 'get', `/sop/berkas/${scan.id}/unduh`));
    expect(stillPrivate.status).toBe(403);
    // one's own upload attaches as before
    const own = await upload('operator', pdf('lampiran tambahan'), 'tambahan.pdf', 'application/pdf');
    const added = await send(cmUpdate(app, staff.operator, 'api::berita.berita', beritaId, { lampiran: [lampiran.id, own.id] }));
    expect(added.status).toBe(200);
  });

  it('refuses "upload from URL" to everyone: the server fetches no address a user names (no SSRF)', async () => {
    const before = Number(await app.strapi.db.query('plugin::upload.file').count({}));
    for (const who of [...PELAKU, 'anonim'] as const) {
      const response = await send(as(who, 'post', '/upload/actions/upload-from-urls').send({ urls: ['http://127.0.0.1:1/rahasia.txt'] }));
      if (response.status < 300) figures.leaks += 1;
      expect([who, response.status]).toEqual([who, who === 'anonim' ? 401 : 403]);
    }
    const refused = await send(as('operator', 'post', '/upload/actions/upload-from-urls').send({ urls: ['http://127.0.0.1:1/rahasia.txt'] }));
    expect(refused.body.error.message).toMatch(/Unggah dari alamat web tidak tersedia/);
    expect(Number(await app.strapi.db.query('plugin::upload.file').count({}))).toBe(before);
  });

  it('keeps the public logo public: the published standar pelayanan page shows it, anyone loads it', async () => {
    const page = await send(app.http().get(`/standar-pelayanan/${SLUG_BERITA_BIASA}`));
    expect(page.status).toBe(200);
    const src = /<img class="kop-logo" src="([^"]+)"/.exec(page.text)?.[1];
    expect(src).toBe(logo.url);
    const image = await send(app.http().get(src!).buffer(true));
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=300');
    expect(Buffer.compare(image.body as Buffer, bytesOf[logo.id])).toBe(0);
  });

  it('moves files an older release left in public/uploads into the private store', async () => {
    const bytes = pdf('lama');
    const name = `lama_${Date.now()}`;
    fs.writeFileSync(path.join(app.strapi.dirs.static.public, 'uploads', `${name}.pdf`), bytes);
    const row = (await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'lama.pdf', hash: name, ext: '.pdf', mime: 'application/pdf', size: 0.2, url: `/uploads/${name}.pdf`, provider: 'local' },
    })) as { id: number };
    uploaded.push(row.id);
    expect((await send(app.http().get(`/uploads/${name}.pdf`))).status).toBe(200); // precondition: served publicly
    await moveLegacyUploads(app.strapi);
    const moved = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: row.id } })) as { url: string; provider: string };
    expect(moved.url).toBe(`/berkas/${name}.pdf`);
    expect(fs.existsSync(path.join(app.strapi.dirs.static.public, 'uploads', `${name}.pdf`))).toBe(false);
    expect((await send(app.http().get(`/uploads/${name}.pdf`))).status).toBe(404);
    expect((await send(app.http().get(moved.url))).status).toBe(401);
    const own = await send(as('superAdmin', 'get', `/sop/berkas/${row.id}/unduh`).buffer(true));
    expect(Buffer.compare(own.body as Buffer, bytes)).toBe(0);
  });

  it('answered every request without a 5xx and leaked nothing', () => {
    expect(figures.serverErrors).toBe(0);
    expect(figures.leaks).toBe(0);
    expect(figures.requests).toBeGreaterThan(300);
  });
});
