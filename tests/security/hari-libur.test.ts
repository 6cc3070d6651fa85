/**
 * The holidays behind every deadline and the quarterly evaluation (component 13 of the service
 * standard): a holiday already past is history — the Operator and the Kasi, whose work the
 * evaluation measures, may add, move or delete only tomorrow's and later ones (today's minutes have
 * begun to count: session 7); Super Admin corrects the past; every write is an audit row (found by the session-5 insider review).
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, cmUpdate, ROLE } from '../helpers/sop';
import { localDate } from '../../src/domain/calendar';

const UID = 'api::hari-libur.hari-libur';

const addDays = (tanggal: string, days: number): string => {
  const date = new Date(`${tanggal}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('hari libur: the past is changed only by Super Admin, and every change is audited', () => {
  let app: TestApp;
  const staff: Record<'superAdmin' | 'operator' | 'kasi', AdminSession> = {} as never;
  const today = localDate(new Date());
  const auditRows = async (documentId: string) =>
    (await app.strapi.db.connection('sop_audit').select('ke', 'model').where({ document_id: documentId })) as { ke: string; model: string }[];
  const remove = (session: AdminSession, documentId: string) =>
    app.http().delete(`/content-manager/collection-types/${UID}/${documentId}`).set('Authorization', `Bearer ${session.token}`);

  beforeAll(async () => {
    app = await startApp();
    staff.superAdmin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('lets the Operator add, move and delete a coming holiday, each write an audit row', async () => {
    const created = await cmCreate(app, staff.operator, UID, { tanggal: addDays(today, 10), nama: 'Cuti bersama', jenis: 'cuti_bersama' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect((await cmUpdate(app, staff.operator, UID, documentId, { tanggal: addDays(today, 11) })).status).toBe(200);
    expect((await remove(staff.operator, documentId)).status).toBe(200);
    const rows = await auditRows(documentId);
    expect(rows.map((row) => row.ke)).toEqual(['dibuat', 'diubah', 'dihapus']);
  });

  it('refuses the Operator and the Kasi a past holiday — adding one, moving one into or out of the past, deleting one — with the reason', async () => {
    const past = addDays(today, -20);
    for (const session of [staff.operator, staff.kasi]) {
      const added = await cmCreate(app, session, UID, { tanggal: past, nama: 'Libur susulan', jenis: 'libur_daerah' });
      expect(added.status).toBe(403);
      expect(added.body.error.message).toContain('hanya Super Admin');
    }
    const kept = await cmCreate(app, staff.superAdmin, UID, { tanggal: past, nama: 'Libur daerah', jenis: 'libur_daerah' });
    expect(kept.status).toBe(201);
    const keptId = kept.body.data.documentId as string;
    expect((await cmUpdate(app, staff.kasi, UID, keptId, { tanggal: addDays(today, 30) })).status).toBe(403);
    expect((await remove(staff.operator, keptId)).status).toBe(403);
    const bulk = await app
      .http()
      .post(`/content-manager/collection-types/${UID}/actions/bulkDelete`)
      .set('Authorization', `Bearer ${staff.operator.token}`)
      .send({ documentIds: [keptId] });
    expect(bulk.status).toBe(403);
    expect(await app.strapi.db.query(UID as never).findOne({ where: { documentId: keptId } })).toMatchObject({ nama: 'Libur daerah' });

    const coming = await cmCreate(app, staff.operator, UID, { tanggal: addDays(today, 5), nama: 'Libur nasional', jenis: 'libur_nasional' });
    expect(coming.status).toBe(201);
    const moved = await cmUpdate(app, staff.operator, UID, coming.body.data.documentId as string, { tanggal: addDays(today, -3) });
    expect(moved.status).toBe(403);

    // Super Admin corrects the past, audited
    expect((await cmUpdate(app, staff.superAdmin, UID, keptId, { nama: 'Libur daerah (koreksi)' })).status).toBe(200);
    expect((await remove(staff.superAdmin, keptId)).status).toBe(200);
    expect((await auditRows(keptId)).map((row) => row.ke)).toEqual(['dibuat', 'diubah', 'dihapus']);
  });
});
