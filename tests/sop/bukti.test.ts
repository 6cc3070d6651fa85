import fs from 'fs';
import sharp from 'sharp';
import { storedPath } from '../../src/files/storage';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

type StoredFile = {
  id: number;
  url: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string }> | null;
};

describe('receipt proof (data.bukti) normalised with sharp', () => {
  let app: TestApp;
  const staff: BeritaStaff = {};
  let copies: { documentId: string }[];
  const uploaded: number[] = [];

  // Files are stored privately (BERKAS_DIR), not in public/uploads.
  const diskPath = (url: string): string => storedPath(app.strapi, url);
  const fileRow = async (id: number): Promise<StoredFile> =>
    (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as StoredFile;

  /** Uploads through the admin panel's own endpoint (POST /upload with the admin token). */
  const upload = async (session: AdminSession, content: Buffer, filename: string, contentType: string): Promise<StoredFile> => {
    const response = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${session.token}`)
      .attach('files', content, { filename, contentType });
    if (response.status !== 201 && response.status !== 200) throw new Error(`upload ${response.status}: ${JSON.stringify(response.body)}`);
    const [file] = response.body as StoredFile[];
    uploaded.push(file.id);
    return file;
  };

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    // Strapi's own size optimisation would sometimes re-encode (and so strip) the upload;
    // with it off, what reaches the receipt is the photo exactly as the phone made it.
    await app.strapi.plugin('upload').service('upload').setSettings({ sizeOptimization: false, responsiveDimensions: true, autoOrientation: false });

    const documentId = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    const view = await sopView(app, staff.caraka!, 'berita', documentId);
    copies = view.body.data.distribusi;
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

  const receipt = (documentId: string, bukti: unknown) =>
    transit(app, staff.caraka!, 'distribusi', documentId, 'diterima', { data: { diterimaOleh: 'Bagus, ajudan Wali Kota', bukti } });

  it('refuses an unknown file id and a file that is neither an image nor a PDF (400), changing nothing', async () => {
    const unknown = await receipt(copies[0].documentId, 999999);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Berkas bukti #999999 tidak ditemukan/);

    const text = await upload(staff.caraka!, Buffer.from('bukan foto tanda terima\n'), 'catatan.txt', 'text/plain');
    const wrongType = await receipt(copies[0].documentId, text.id);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/harus berupa foto \(JPEG, PNG, atau WebP\) atau pindaian PDF/);

    const copy = await app.strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId: copies[0].documentId } });
    expect(copy).toMatchObject({ tahap: 'ditugaskan', diterimaOleh: null });
  });

  it('re-encodes a JPEG photo: EXIF gone from the stored bytes, orientation applied, file row updated', async () => {
    // 800×600 pixels, EXIF orientation 6 (shown rotated 90°), and EXIF text that must not survive
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 210, g: 190, b: 160 } } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'rahasia-exif', Make: 'KameraUji' } } })
      .toBuffer();
    const file = await upload(staff.caraka!, photo, 'tanda-terima.jpg', 'image/jpeg');
    const before = fs.readFileSync(diskPath(file.url));
    // precondition: the upload kept the metadata, so what follows is our doing
    expect(before.includes('rahasia-exif')).toBe(true);
    expect((await sharp(before).metadata()).orientation).toBe(6);

    const response = await receipt(copies[0].documentId, file.id);
    expect(response.status).toBe(200);

    const stored = fs.readFileSync(diskPath(file.url));
    expect(stored.includes('rahasia-exif')).toBe(false);
    expect(stored.includes('KameraUji')).toBe(false);
    const metadata = await sharp(stored).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([600, 800]);

    const row = await fileRow(file.id);
    // the upload answer carries a signed link (`?token=…`) to the stored URL
    expect(row).toMatchObject({ url: file.url.split('?')[0], mime: 'image/jpeg', width: 600, height: 800 });
    expect(Number(row.size)).toBeCloseTo(stored.length / 1024, 2);
    for (const variant of Object.values(row.formats ?? {})) {
      expect(fs.readFileSync(diskPath(variant.url)).includes('rahasia-exif')).toBe(false);
    }

    const copy = await app.strapi.db
      .query('api::distribusi.distribusi')
      .findOne({ where: { documentId: copies[0].documentId }, populate: ['bukti'] });
    expect(copy).toMatchObject({ tahap: 'diterima', diterimaOleh: 'Bagus, ajudan Wali Kota', bukti: { id: file.id } });
  });

  it('accepts a PDF scan as it is', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
    );
    const file = await upload(staff.caraka!, pdf, 'tanda-terima.pdf', 'application/pdf');
    const response = await receipt(copies[1].documentId, file.id);
    expect(response.status).toBe(200);
    expect(fs.readFileSync(diskPath(file.url)).equals(pdf)).toBe(true);
  });
});
