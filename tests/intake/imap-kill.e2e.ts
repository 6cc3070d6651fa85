import type { Knex } from 'knex';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { eventually, startDovecot, type Dovecot } from '../helpers/dovecot';
import { applyTestEnvironment } from '../helpers/env';
import { freePort, openDatabase } from '../helpers/faults';
import { numberedMail } from '../helpers/sanapati-mail';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

const TOTAL = 200;

/**
 * Fault: the server process is killed (SIGKILL) while it takes 200 messages from the
 * mailbox, then started again. Whatever moment the kill hit — between fetch and commit,
 * or between commit and move — there are exactly 200 berita afterwards, each with its
 * audit row, and all 200 messages sit in Diproses.
 */
describe('fault: kill -9 of the server during intake of 200 messages', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let db: Knex | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot();
    database = await createTestDatabase();
    applyTestEnvironment({ ...database.env, ...dovecot.env({ SANAPATI_IMAP_POLL_SECONDS: '2' }) });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await database?.drop();
    await dovecot?.stop();
  });

  it('loses nothing and doubles nothing', async () => {
    await dovecot.append(
      'INBOX',
      Array.from({ length: TOTAL }, (_, i) => ({ raw: numberedMail(i + 1, 'kill') }))
    );
    expect(await dovecot.count('INBOX')).toBe(TOTAL);
    const port = await freePort();
    server = await startServerProcess(port);
    db = openDatabase(database);
    const committed = async () => Number(((await db!('berita').count({ n: '*' }).first()) as { n: number | string }).n);

    // Pull the plug once a fair share has committed and most are still waiting.
    await eventually('40 berita committed', async () => (await committed()) >= 40, 120000);
    const victim = server;
    const exited = new Promise<void>((resolve) => victim.child.once('exit', () => resolve()));
    victim.child.kill('SIGKILL');
    await exited;
    expect(victim.child.signalCode).toBe('SIGKILL');
    const atKill = { committed: await committed(), moved: await dovecot.count('Diproses'), waiting: await dovecot.count('INBOX') };
    // eslint-disable-next-line no-console
    console.log(`kill -9: ${atKill.committed} berita committed, ${atKill.moved} moved, ${atKill.waiting} still in INBOX`);
    expect(atKill.waiting).toBeGreaterThan(0);

    // Start again on the same database and mailbox; the dead process's lease runs out, the new one takes over.
    const restarted = Date.now();
    server = await startServerProcess(port);
    await eventually('INBOX emptied after restart', async () => (await dovecot.count('INBOX')) === 0, 180000);
    // eslint-disable-next-line no-console
    console.log(`after restart: INBOX empty in ${Date.now() - restarted} ms (lease of the killed process expires first)`);

    expect(await dovecot.count('Diproses')).toBe(TOTAL);
    const rows = (await db('berita').select('document_id', 'perihal', 'tahap', 'eml_sha_256', 'message_id')) as {
      document_id: string;
      perihal: string;
      tahap: string;
      eml_sha_256: string | null;
      message_id: string | null;
    }[];
    expect(rows).toHaveLength(TOTAL);
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(TOTAL);
    expect(new Set(rows.map((row) => row.perihal))).toEqual(new Set(Array.from({ length: TOTAL }, (_, i) => `Berita uji kill nomor ${i + 1}`)));
    expect(rows.filter((row) => row.tahap !== 'diterima' || !row.eml_sha_256)).toEqual([]);
    const ledger = (await db('sop_intake_pesan').select('hasil', 'berita_document_id')) as { hasil: string; berita_document_id: string }[];
    expect(ledger).toHaveLength(TOTAL);
    expect(new Set(ledger.map((row) => row.berita_document_id))).toEqual(new Set(rows.map((row) => row.document_id)));
    const audited = (await db('sop_audit').select('document_id').where({ model: 'berita', ke: 'diterima' })) as { document_id: string }[];
    expect(audited.map((row) => row.document_id).sort()).toEqual(rows.map((row) => row.document_id).sort());
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true, count: TOTAL });
  });
});
