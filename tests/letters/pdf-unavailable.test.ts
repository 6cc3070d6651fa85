import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { unduh } from './unduh';

/** Without LibreOffice, `?format=pdf` answers 501 and says how to install it (the conversion itself: pdf.e2e.ts). */
describe('PDF without LibreOffice', () => {
  let app: TestApp;
  const staff: BeritaStaff = {};
  let ids: { berita: string };

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    ids = { berita: await walkBeritaTo(app, staff, 'diteruskan_ke_kasi') };
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('answers 501 with the installation hint when LibreOffice is absent (SOFFICE_PATH pointing nowhere)', async () => {
    const previous = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    try {
      for (const url of [
        `/sop/berita/${ids.berita}/dokumen/kartu-kendali?format=pdf`,
        '/sop/agenda/surat-masuk?dari=2026-11-01&sampai=2026-11-30&format=pdf',
      ]) {
        const response = await unduh(app, staff.kasi!, url);
        expect(response.status).toBe(501);
        expect(response.json?.error).toMatchObject({ status: 501, name: 'NotImplementedError' });
        expect(response.json?.error?.message).toMatch(/memerlukan LibreOffice/);
        expect(response.json?.error?.message).toMatch(/apt-get install -y libreoffice-writer-nogui/);
      }
      // .docx still works
      expect((await unduh(app, staff.kasi!, `/sop/berita/${ids.berita}/dokumen/kartu-kendali`)).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = previous;
    }
  });
});
