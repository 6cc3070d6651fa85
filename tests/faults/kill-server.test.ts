import type { Knex } from 'knex';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { applyTestEnvironment } from '../helpers/env';
import { complaint, freePort, openDatabase, readComplaints, requestJson, ticketNumber, type HttpOutcome } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Fault: the server process is killed (SIGKILL, no shutdown of any kind) while 200
 * complaint POSTs are being sent by 16 clients, then started again. Every request that was answered
 * 201 must be in the database; nothing may be half-written (a complaint without its
 * ticket, its tracking-code hash or its audit row); ticket numbers stay gap-free,
 * since a transaction cut short gives its number back.
 */
describe('fault: kill -9 of the server during 200 complaint POSTs', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let db: Knex | undefined;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The server processes inherit this environment: this database, fresh secrets, a lifted rate limit.
    applyTestEnvironment({ ...database.env, PENGADUAN_RATE_LIMIT: '1000000' });
    port = await freePort();
    server = await startServerProcess(port);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await database?.drop();
  });

  it('keeps every acknowledged complaint and nothing half-written', async () => {
    const url = `http://127.0.0.1:${port}/api/pengaduan`;
    const first = await requestJson(url, 'POST', complaint(0));
    expect(first.status).toBe(201);

    const victim = server!;
    let answered = 0;
    let killedAt = -1;
    const exited = new Promise<void>((resolve) => victim.child.once('exit', () => resolve()));
    // 16 clients, each sending its next complaint when the last is answered, 200 in all, so that
    // complaints are in flight whenever the plug is pulled. (All 200 sent at once were, since the
    // group commit, sometimes all answered before the kill took effect.)
    const outcomes: HttpOutcome[] = [];
    let next = 0;
    const client = async (): Promise<void> => {
      while (next < 200) {
        const i = next;
        next += 1;
        const outcome = await requestJson(url, 'POST', complaint(i + 1));
        outcomes.push(outcome);
        answered += outcome.status === 0 ? 0 : 1;
        // Pull the plug once some answers are out and the other clients' complaints are in flight.
        if (answered === 25 && killedAt < 0) {
          killedAt = Date.now();
          victim.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    await exited;
    expect(killedAt).toBeGreaterThan(0);
    expect(victim.child.signalCode).toBe('SIGKILL');

    const acknowledged = outcomes
      .filter((outcome): outcome is HttpOutcome & { status: 201; body: { data: { nomorTiket: string } } } => outcome.status === 201)
      .map((outcome) => outcome.body.data.nomorTiket);
    const unanswered = outcomes.filter((outcome) => outcome.status === 0).length;
    const other = outcomes.filter((outcome) => outcome.status !== 0 && outcome.status !== 201);
    // eslint-disable-next-line no-console
    console.log(`kill -9: ${acknowledged.length} answered 201, ${unanswered} without an answer, ${other.length} other`);
    expect(other.map((outcome) => outcome.status)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    expect(unanswered).toBeGreaterThan(0);

    // Start again on the same database: it comes up and takes complaints.
    server = await startServerProcess(port);
    const after = await requestJson(url, 'POST', complaint(1000));
    expect(after.status).toBe(201);
    const afterTicket = (after as { body: { data: { nomorTiket: string } } }).body.data.nomorTiket;

    db = openDatabase(database);
    const { rows, auditedIds } = await readComplaints(db);
    const tickets = rows.map((row) => row.nomor_tiket);
    // eslint-disable-next-line no-console
    console.log(
      `after restart: ${rows.length} complaints stored (${rows.length - acknowledged.length - 2} committed without an answer reaching the client)`
    );
    // every 201 is there, exactly once
    for (const nomorTiket of [(first as { body: { data: { nomorTiket: string } } }).body.data.nomorTiket, ...acknowledged, afterTicket]) {
      expect(tickets.filter((ticket) => ticket === nomorTiket)).toHaveLength(1);
    }
    // nothing half-written: ticket, code hash, first state and audit row on every row
    const halfWritten = rows.filter(
      (row) => !row.nomor_tiket || !row.kode_lacak_hash || row.tahap !== 'diterima' || !auditedIds.has(row.document_id)
    );
    expect(halfWritten).toEqual([]);
    expect(auditedIds.size).toBe(rows.length);
    // unique and gap-free ticket numbers (rolled-back numbers were given back)
    const numbers = tickets.map((ticket) => ticketNumber(String(ticket))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    // unanswered requests may or may not have committed
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length + 2);
    expect(rows.length).toBeLessThanOrEqual(202);
    const verdict = await verifyAuditTrail(db);
    expect(verdict).toMatchObject({ ok: true, count: rows.length });
  });
});
