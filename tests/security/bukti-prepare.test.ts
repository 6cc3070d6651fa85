import fs from 'fs';
import sharp from 'sharp';
import { storedPath } from '../../src/files/storage';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

/**
 * Attacks on the receipt proof (`data.bukti`) of `POST /sop/distribusi/:id/transisi`, now that
 * `prepareDistribusiInput` checks and strips the file BEFORE the step's transaction (and before
 * the record, the role and the state are checked).
 */
describe('security: data.bukti prepared before the step', () => {
  let app: TestApp;
  const staff: BeritaStaff = {};
  let copies: { documentId: string }[];
  const uploaded: number[] = [];

  const upload = async (session: AdminSession, content: Buffer, filename: string, contentType: string) => {
    const response = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${session.token}`)
      .attach('files', content, { filename, contentType });
    if (response.status !== 201 && response.status !== 200) throw new Error(`upload ${response.status}: ${JSON.stringify(response.body)}`);
    const [file] = response.body as { id: number; url: string }[];
    uploaded.push(file.id);
    return file;
  };

  const exifPhoto = () =>
    sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 180, b: 150 } } })
      .jpeg({ quality: 95 })
      .withMetadata({ exif: { IFD0: { Copyright: 'lokasi-rahasia-exif', Make: 'KameraUji' } } })
      .toBuffer();

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    await app.strapi.plugin('upload').service('upload').setSettings({ sizeOptimization: false, responsiveDimensions: false, autoOrientation: false });
    const documentId = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    copies = (await sopView(app, staff.caraka!, 'berita', documentId)).body.data.distribusi;
    expect(copies).toHaveLength(2);
  });

  afterAll(async () => {
    if (app) {
      const service = app.strapi.plugin('upload').service('upload');
      for (const id of uploaded) {
        const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
        if (file) await service.remove(file);
      }
    }
    await app?.destroy();
  });

  // The field type `berkas` accepts an id as a number OR a string of digits (engine/ids.ts positiveId),
  // but prepareDistribusiInput only acts on `typeof bukti === 'number'`: a string id skips the type
  // check and the EXIF/GPS stripping, and the in-transaction check (assertBuktiFree) looks only at
  // ownership, so the receipt is recorded with the photo's metadata intact — or with any file at all.
  it('a string file id is stripped of its EXIF like a numeric one', async () => {
    const file = await upload(staff.caraka!, await exifPhoto(), 'tanda-terima.jpg', 'image/jpeg');
    const disk = storedPath(app.strapi, file.url);
    expect(fs.readFileSync(disk).includes('lokasi-rahasia-exif')).toBe(true);

    const response = await transit(app, staff.caraka!, 'distribusi', copies[0].documentId, 'diterima', {
      data: { diterimaOleh: 'Bagus, ajudan', bukti: String(file.id) },
    });
    if (response.status === 200) {
      expect(fs.readFileSync(disk).includes('lokasi-rahasia-exif')).toBe(false);
    } else {
      expect(response.status).toBe(400);
    }
  });

  it('a string file id of a text file is refused as proof, like a numeric one', async () => {
    const text = await upload(staff.caraka!, Buffer.from('bukan foto tanda terima\n'), 'bukti.txt', 'text/plain');
    const response = await transit(app, staff.caraka!, 'distribusi', copies[1].documentId, 'diterima', {
      data: { diterimaOleh: 'Bagus, ajudan', bukti: String(text.id) },
    });
    expect(response.status).toBe(400);
    const copy = await app.strapi.db
      .query('api::distribusi.distribusi')
      .findOne({ where: { documentId: copies[1].documentId }, populate: ['bukti'] });
    expect(copy?.bukti ?? null).toBeNull();
  });

  // The file checks run before the record is loaded and before the role is checked, so anyone who
  // may read distribusi (Kabid here, who never records a receipt) learns, for any file id, whether it
  // exists and whether it is attached to a record — on a copy that does not even exist.
  it('no file oracle: a Kabid posting a receipt on a copy that does not exist learns nothing of the file', async () => {
    const attached = (await app.strapi.db
      .query('api::distribusi.distribusi')
      .findOne({ where: { documentId: copies[0].documentId }, populate: ['bukti'] })) as { bukti: { id: number } | null };
    const someFileId = attached.bukti?.id ?? uploaded[0];
    const answers = await Promise.all(
      [someFileId, 999_999].map((bukti) =>
        transit(app, staff.kabid!, 'distribusi', 'tidak-ada-salinan-ini', 'diterima', { data: { diterimaOleh: 'Siapa saja', bukti } })
      )
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toMatch(/Berkas|bukti/i);
    }
  });
});
