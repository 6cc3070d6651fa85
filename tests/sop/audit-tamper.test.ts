import type { Knex } from 'knex';
import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';

const TABLE = 'sop_audit';

type AuditDbRow = { id: number; urutan: number; ke: string; catatan: string | null; aktor_nama: string; hash: string; [column: string]: unknown };
type Verdict = { ok: boolean; count: number; head: string; rusak?: { urutan: number; alasan: string } };

/** Tampering done the way an intruder with database access would: plain SQL on the audit table. */
describe('audit trail tamper detection (SQL on sop_audit)', () => {
  let app: TestApp;
  let knex: Knex;
  const staff: BeritaStaff = {};
  let original: AuditDbRow[];
  let originalHead: string;
  let second: string;

  const verify = async (): Promise<Verdict> => {
    const response = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi!.token}`);
    expect(response.status).toBe(200);
    return response.body.data as Verdict;
  };

  const rows = async (): Promise<AuditDbRow[]> => (await knex(TABLE).select('*').orderBy('id', 'asc')) as AuditDbRow[];
  const byUrutan = (urutan: number): AuditDbRow => original.find((row) => row.urutan === urutan)!;

  /** One character changed in the middle of the text. */
  const flip = (text: string): string => {
    const at = Math.floor(text.length / 2);
    return `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`;
  };

  /** Puts the table and its recorded head back exactly as they were (same ids, same contents). */
  const restore = async (): Promise<void> => {
    await knex.transaction(async (trx) => {
      await trx(TABLE).delete();
      await trx(TABLE).insert(original);
      await trx('sop_audit_head').where({ id: 1 }).update({ urutan: 11, hash: originalHead });
    });
  };

  beforeAll(async () => {
    app = await startApp();
    knex = app.strapi.db.connection;
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });

    // each registration through the content manager is an audit row too ('dibuat')
    await walkBeritaTo(app, staff, 'diparaf_kadis'); // urutan 1 (dibuat), 2–8
    second = await walkBeritaTo(app, staff, 'diterima', { perihal: 'Berita kedua' }); // 9 (dibuat)
    const checked = await transit(app, staff.operator!, 'berita', second, 'diperiksa', { catatan: 'Lampiran lengkap dan terbaca' }); // 10
    expect(checked.status).toBe(200);
    const voided = await transit(app, staff.operator!, 'berita', second, 'batal', { catatan: 'Salah alamat, dikembalikan ke pengirim' }); // 11
    expect(voided.status).toBe(200);

    original = await rows();
    const before = await verify();
    expect(before).toMatchObject({ ok: true, count: 11 });
    originalHead = before.head;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  afterEach(async () => {
    await restore();
    expect(await verify()).toEqual({ ok: true, count: 11, head: originalHead });
  });

  it('the chain is 11 rows of two registrations and real transitions, stored in urutan order', () => {
    expect(original.map((row) => row.urutan)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([byUrutan(1).ke, byUrutan(9).ke]).toEqual(['dibuat', 'dibuat']);
    expect(byUrutan(6).aktor_nama).toBe('Kasi Persandian');
    expect(byUrutan(10).catatan).toBe('Lampiran lengkap dan terbaca');
  });

  it.each([
    ['catatan', 10],
    ['catatan', 11],
    ['ke', 2],
    ['aktor_nama', 6],
    ['waktu', 1],
    ['hash', 3],
  ] as const)('one character of %s in row %i flipped → that row is the first broken link', async (column, urutan) => {
    const value = String(byUrutan(urutan)[column]);
    await knex(TABLE).where({ urutan }).update({ [column]: flip(value) });
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, count: 11, rusak: { urutan } });
    expect(verdict.rusak!.alasan).toMatch(/hash/);
  });

  it.each([1, 4, 8])('row %i deleted → its position is the first broken link', async (urutan) => {
    await knex(TABLE).where({ urutan }).delete();
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, count: 10, rusak: { urutan } });
    expect(verdict.rusak!.alasan).toContain(`ditemukan di posisi ${urutan}`);
  });

  it('the last row deleted → its position is named (the recorded head still points past it)', async () => {
    await knex(TABLE).where({ urutan: 11 }).delete();
    expect(await verify()).toMatchObject({ ok: false, count: 10, rusak: { urutan: 11, alasan: expect.stringContaining('terakhir hilang') } });
  });

  it('the last row deleted, then a new step appended: the gap stays visible; restoring the row heals it', async () => {
    await knex(TABLE).where({ urutan: 11 }).delete();
    await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Berita ketiga' }); // urutan 12 (dibuat), 13
    expect(await verify()).toMatchObject({ ok: false, count: 12, rusak: { urutan: 11, alasan: expect.stringContaining('urutan 12') } });
    await knex(TABLE).insert(byUrutan(11));
    const healed = await verify();
    expect(healed).toMatchObject({ ok: true, count: 13 });
  });

  it('two rows swapped by id (stored order changed) → the first moved position', async () => {
    const [a, b] = [byUrutan(3), byUrutan(6)];
    await knex.transaction(async (trx) => {
      await trx(TABLE).where({ id: a.id }).update({ id: -1 });
      await trx(TABLE).where({ id: b.id }).update({ id: a.id });
      await trx(TABLE).where({ id: -1 }).update({ id: b.id });
    });
    expect((await rows()).map((row) => row.urutan)).toEqual([1, 2, 6, 4, 5, 3, 7, 8, 9, 10, 11]);
    expect(await verify()).toMatchObject({ ok: false, count: 11, rusak: { urutan: 3, alasan: expect.stringContaining('urutan 6 ditemukan di posisi 3') } });
  });

  it('two rows swapped by content (ids kept) → the first moved position', async () => {
    const [a, b] = [byUrutan(2), byUrutan(7)];
    const content = ({ id: _id, ...rest }: AuditDbRow) => rest;
    await knex.transaction(async (trx) => {
      await trx(TABLE).where({ id: a.id }).update({ urutan: -a.urutan, hash: 'sementara' });
      await trx(TABLE).where({ id: b.id }).update(content(a));
      await trx(TABLE).where({ id: a.id }).update(content(b));
    });
    expect((await rows()).map((row) => row.urutan)).toEqual([1, 7, 3, 4, 5, 6, 2, 8, 9, 10, 11]);
    expect(await verify()).toMatchObject({ ok: false, count: 11, rusak: { urutan: 2 } });
  });

  it('an edited row rehashed by the intruder is still caught at the next link', async () => {
    const { auditHash } = await import('../../src/domain/audit-chain');
    const row = byUrutan(4);
    const edited: AuditDbRow = { ...row, aktor_nama: 'Orang Lain' };
    const hash = auditHash(
      {
        urutan: edited.urutan,
        model: String(edited.model),
        documentId: String(edited.document_id),
        dari: (edited.dari as string | null) ?? null,
        ke: edited.ke,
        aktorId: edited.aktor_id === null ? null : Number(edited.aktor_id),
        aktorNama: edited.aktor_nama,
        aktorPeran: String(edited.aktor_peran),
        waktu: String(edited.waktu),
        catatan: edited.catatan,
        digest: String(edited.digest),
      },
      String(edited.prev_hash)
    );
    await knex(TABLE).where({ id: row.id }).update({ aktor_nama: 'Orang Lain', hash });
    expect(await verify()).toMatchObject({ ok: false, rusak: { urutan: 5, alasan: expect.stringContaining('sebelumnya') } });
  });

  it('concurrent steps on many records still form one valid chain ending at the recorded head', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push(await walkBeritaTo(app, staff, 'diterima', { perihal: `Serentak ${i + 1}` }));
    const responses = await Promise.all(ids.map((documentId) => transit(app, staff.operator!, 'berita', documentId, 'diperiksa')));
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 200));
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: true, count: 51 }); // 11 + 20 registrations + 20 steps
    expect(await knex('sop_audit_head').where({ id: 1 }).first()).toMatchObject({ urutan: 51, hash: verdict.head });
  });
});
