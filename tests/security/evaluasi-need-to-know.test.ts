import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, ROLE } from '../helpers/sop';

/**
 * `GET /sop/evaluasi` is open to every leader (Kasi, Kabid, Kepala Dinas, Pejabat Pengaduan).
 * Its overdue table (`terlambat`) names records one by one — documentId, nomor, perihal — of
 * every SOP, whether or not the leader may read that content type: the Pejabat Pengaduan has
 * no read grant on berita (src/domain/roles.ts), yet is told a late berita's subject.
 */
describe('security: the quarterly evaluation names no record a leader may not read', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  let beritaId: string;

  type Butir = { model: string; documentId: string; nomor: string | null; perihal: string | null };
  const terlambat = async (session: AdminSession): Promise<Butir[]> => {
    const response = await app.http().get('/sop/evaluasi?tahun=2026&triwulan=4').set('Authorization', `Bearer ${session.token}`);
    expect(response.status).toBe(200);
    return response.body.data.terlambat as Butir[];
  };

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.pejabat = await createAdminSession(app, ROLE.pejabatPengaduan);
    staff.superAdmin = await createAdminSession(app, 'Super Admin');
    // Received on Monday 2 Nov 2026 and left open: overdue in the fourth quarter.
    const berita = await cmCreate(app, staff.operator, 'api::berita.berita', {
      ...BERITA_CONTOH,
      perihal: 'Rencana pengamanan kunjungan Presiden (RAHASIA)',
      sifat: 'rahasia',
      waktuDiterima: '2026-11-02T02:00:00.000Z',
    });
    expect(berita.status).toBeLessThan(300);
    beritaId = String(berita.body.data.documentId);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('precondition: Super Admin, who may read it, sees the overdue berita', async () => {
    const ids = (await terlambat(staff.superAdmin)).map((butir) => butir.documentId);
    expect(ids).toContain(beritaId);
  });

  it("the Pejabat Pengaduan (no read grant on berita) is not told a berita's perihal or id", async () => {
    const rows = await terlambat(staff.pejabat);
    expect(JSON.stringify(rows)).not.toContain('kunjungan Presiden');
    expect(rows.filter((butir) => butir.model === 'berita').map((butir) => butir.documentId)).not.toContain(beritaId);
  });
});
