import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { installAuditFault, removeAuditFault } from '../helpers/faults';
import { ROLE, transit, walkBeritaTo } from '../helpers/sop';

/**
 * Fault: a transition whose transaction fails in the middle — after the record was
 * claimed (tahap, versi) and its effects ran (agenda number drawn, kartu kendali
 * created), at the very last write, the audit row. A trigger makes that insert fail,
 * deterministically, on SQLite and on PostgreSQL alike. Nothing of the step may
 * remain: state, version, effects and audit row commit together or not at all; once
 * the fault is removed the same step succeeds.
 */

const UID = 'api::berita.berita';

describe('fault: a transition cut by a database failure leaves no half-state', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  /** Everything a berita step can touch, read straight from the tables. */
  const snapshot = async (documentId: string) => {
    const knex = app.strapi.db.connection;
    const berita = (await app.strapi.db.query(UID).findOne({ where: { documentId }, populate: ['kartuKendali'] })) as {
      tahap: string;
      versi: number;
      nomorAgenda: string | null;
      urutAgenda: number | null;
      kartuKendali: { documentId: string } | null;
    };
    const audit = await knex('sop_audit').where({ model: 'berita', document_id: documentId }).orderBy('urutan');
    const head = await knex('sop_audit_head').select('urutan', 'hash').where({ model: 'berita', document_id: documentId }).first();
    const auditTotal = Number((await knex('sop_audit').count({ n: '*' }))[0].n);
    const kartuTotal = Number((await knex('kartu_kendali').count({ n: '*' }))[0].n);
    const counters = await knex('sop_agenda_counter').select('buku', 'tahun', 'terakhir').orderBy(['buku', 'tahun']);
    return {
      tahap: berita.tahap,
      versi: Number(berita.versi),
      nomorAgenda: berita.nomorAgenda,
      urutAgenda: berita.urutAgenda,
      kartuKendali: berita.kartuKendali?.documentId ?? null,
      audit: audit.map((row: { urutan: number; ke: string }) => `${row.urutan}:${row.ke}`),
      head,
      auditTotal,
      kartuTotal,
      counters: counters.map((row: { buku: string; tahun: number; terakhir: number }) => `${row.buku}/${row.tahun}=${row.terakhir}`),
    };
  };

  const withFault = async <T>(work: () => Promise<T>): Promise<T> => {
    await installAuditFault(app.strapi.db.connection, app.database.client);
    try {
      return await work();
    } finally {
      await removeAuditFault(app.strapi.db.connection, app.database.client);
    }
  };

  it('diteruskan_ke_kasi: claim and kartu kendali roll back with the failed audit insert; then it goes through', async () => {
    const documentId = await walkBeritaTo(app, { operator: staff.operator }, 'diagendakan');
    const before = await snapshot(documentId);
    expect(before).toMatchObject({ tahap: 'diagendakan', kartuKendali: null });

    const failed = await withFault(() => transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: { pengolah: 'Oki' } }));
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain('fault injected');
    expect(await snapshot(documentId)).toEqual(before);

    const done = await transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: { pengolah: 'Oki' } });
    expect(done.status).toBe(200);
    const after = await snapshot(documentId);
    expect(after).toMatchObject({
      tahap: 'diteruskan_ke_kasi',
      versi: before.versi + 1,
      auditTotal: before.auditTotal + 1,
      kartuTotal: before.kartuTotal + 1,
    });
    expect(after.kartuKendali).not.toBeNull();
    expect(after.audit).toHaveLength(before.audit.length + 1);
    expect(after.audit[after.audit.length - 1]).toMatch(/:diteruskan_ke_kasi$/);
  });

  it('diagendakan: the drawn agenda number is given back, so the next one leaves no gap', async () => {
    const documentId = await walkBeritaTo(app, { operator: staff.operator }, 'dicetak');
    const before = await snapshot(documentId);
    expect(before).toMatchObject({ tahap: 'dicetak', nomorAgenda: null });

    const failed = await withFault(() => transit(app, staff.operator, 'berita', documentId, 'diagendakan'));
    expect(failed.status).toBe(500);
    expect(await snapshot(documentId)).toEqual(before);

    const done = await transit(app, staff.operator, 'berita', documentId, 'diagendakan');
    expect(done.status).toBe(200);
    const after = await snapshot(documentId);
    // the first test's berita took number 1; this one gets 2 — not 3
    expect(after).toMatchObject({ tahap: 'diagendakan', versi: before.versi + 1, urutAgenda: 2, auditTotal: before.auditTotal + 1 });
  });

  it('leaves the audit chain whole', async () => {
    const verdict = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.operator.token}`);
    expect(verdict.status).toBe(200);
    expect(verdict.body.data).toMatchObject({ ok: true });
  });
});
