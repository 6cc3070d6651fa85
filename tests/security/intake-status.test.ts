import { writeIntakeStatus } from '../../src/intake/store';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE } from '../helpers/sop';

/**
 * `GET /sop/intake` (src/sop-routes.ts) checks no role, unlike `/sop/intake/gagal` and
 * `/sop/intake/eml` (Operator only): its `galat` is the mailbox poller's sentence, which names
 * the Sanapati mailbox account, its IMAP server and the raw error
 * (src/intake/mailbox.ts describeIntakeError), and the reason the last message was set aside.
 * The route is in no cell of the access matrix (src/access/access-matrix.ts ROUTE_MATRIX).
 */
describe('security: the mailbox status is the Operator’s', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  const GALAT = 'Pengambilan pesan dari kotak surat sanapati-dinas@imap.pemkot.test:993 gagal: Command failed (uji).';

  beforeAll(async () => {
    app = await startApp();
    for (const [key, role] of Object.entries({
      operator: ROLE.operator,
      author: 'Author',
      editor: 'Editor',
      caraka: ROLE.caraka,
      petugas: ROLE.petugasPengaduan,
    })) {
      staff[key] = await createAdminSession(app, role);
    }
    await writeIntakeStatus(app.strapi.db.connection, { galat: GALAT });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const status = (who: string) => app.http().get('/sop/intake').set('Authorization', `Bearer ${staff[who].token}`);

  it('precondition: the Operator reads the poller’s error', async () => {
    const response = await status('operator');
    expect(response.status).toBe(200);
    expect(response.body.data.galat).toContain('sanapati-dinas@imap.pemkot.test');
  });

  it.each(['author', 'editor', 'caraka', 'petugas'])('%s is not told the mailbox account, server or error', async (who) => {
    const response = await status(who);
    expect(JSON.stringify(response.body)).not.toContain('sanapati-dinas@imap.pemkot.test');
  });
});
