import crypto from 'crypto';
import knexFactory, { type Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { applyTestEnvironment } from '../helpers/env';
import { checkCheckpoint } from '../../src/plugins/sop/server/src/engine/audit-seal';
import {
  appendAudit,
  auditKeys,
  createAuditCheckpoint,
  ensureAuditTables,
  readAuditRows,
  useAuditKeySource,
  verifyAuditTrail,
} from '../../src/plugins/sop/server/src/services/audit';
import { auditKeySecret } from '../../src/config/secrets';

const entry = (documentId: string) => ({
  model: 'berita',
  documentId,
  dari: 'diterima',
  ke: 'diperiksa',
  aktorId: 1,
  aktorNama: 'Oki Operator',
  aktorPeran: 'Operator Transmisi Sandi',
  waktu: new Date().toISOString(),
  catatan: null,
  digest: '0'.repeat(64),
});

/**
 * PostgreSQL only: a transaction can hold a smaller audit row id than one already
 * committed. A checkpoint taken meanwhile must wait for it (without blocking anyone),
 * or it would count a set of rows that later grows under it — a false alarm.
 */
describe('audit checkpoint boundary with transactions in flight (PostgreSQL)', () => {
  let database: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // the test makes its tables itself
    applyTestEnvironment(database.env);
    process.env.AUDIT_KEY = crypto.randomBytes(32).toString('base64');
    // without a running Strapi, the engine is handed the app's key reader as the app's register phase does
    useAuditKeySource(auditKeySecret);
    knex = knexFactory({
      client: 'pg',
      connection: {
        host: database.env.DATABASE_HOST,
        port: Number(database.env.DATABASE_PORT),
        database: database.env.DATABASE_NAME,
        user: database.env.DATABASE_USERNAME,
        password: database.env.DATABASE_PASSWORD,
      },
      pool: { min: 0, max: 6 },
    });
    await ensureAuditTables(knex, { info: () => undefined, warn: () => undefined });
  });

  afterAll(async () => {
    await knex?.destroy();
    await database?.drop();
  });

  it('waits for an earlier id still in flight, blocks no appender, and then covers it', async () => {
    await knex.transaction((trx) => appendAudit(trx, entry('a')));
    const slow = await knex.transaction();
    await appendAudit(slow, entry('b')); // a smaller id, not committed yet
    await knex.transaction((trx) => appendAudit(trx, entry('c'))); // a larger id, committed
    let settled = false;
    const pending = createAuditCheckpoint(knex, new Date(), 10_000).then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled).toBe(false);
    // appenders are not blocked meanwhile, on another record or the same one as before
    await knex.transaction((trx) => appendAudit(trx, entry('d')));
    await knex.transaction((trx) => appendAudit(trx, entry('a')));
    await slow.commit();
    const { checkpoint, verdict } = await pending;
    expect(verdict.ok).toBe(true);
    const rows = await readAuditRows(knex);
    const covered = rows.filter((row) => row.id <= checkpoint!.batasId);
    expect(covered.map((row) => row.documentId)).toContain('b');
    expect(checkpoint!.jumlah).toBe(covered.length);
    expect(checkCheckpoint(checkpoint, rows, auditKeys())).toEqual({ ok: true });
    expect(await verifyAuditTrail(knex)).toMatchObject({ ok: true, count: 5 });
  });

  it('gives up with a clear message when a transaction stays open past the limit', async () => {
    const early = await knex.transaction();
    await appendAudit(early, entry('e'));
    await knex.transaction((trx) => appendAudit(trx, entry('f')));
    await expect(createAuditCheckpoint(knex, new Date(), 300)).rejects.toThrow(/Titik periksa audit belum dapat dibuat: 1 transaksi/);
    await early.rollback();
    expect((await createAuditCheckpoint(knex, new Date(), 5_000)).checkpoint).toMatchObject({ jumlah: 6 });
  });

  it("writes a new record's first row with its head in one statement, chains later rows to it, and refuses it for a record that has a stream", async () => {
    await knex.transaction((trx) => appendAudit(trx, entry('g'), { baru: true }));
    await knex.transaction((trx) => appendAudit(trx, entry('g')));
    const rows = (await readAuditRows(knex)).filter((row) => row.documentId === 'g');
    expect(rows.map((row) => row.urutan)).toEqual([1, 2]);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(await knex('sop_audit_head').where({ model: 'berita', document_id: 'g' }).first()).toMatchObject({ urutan: 2, hash: rows[1].hash });
    // a record whose stream exists is no new record: the head's key refuses it and nothing is written
    await expect(knex.transaction((trx) => appendAudit(trx, entry('g'), { baru: true }))).rejects.toThrow(/duplicate key|unique/i);
    expect((await readAuditRows(knex)).filter((row) => row.documentId === 'g')).toHaveLength(2);
    expect(await verifyAuditTrail(knex)).toMatchObject({ ok: true });
  });
});
