import type { Knex } from 'knex';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { applyTestEnvironment } from '../helpers/env';
import { complaint, freePort, openDatabase, readComplaints, requestJson, ticketNumber, type HttpOutcome } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Fault (issue 10 item 1): SIGTERM while requests are in flight. The server process must
 * be gone within 15 s with in-flight work rolled back (sigterm-lock.pg.test.ts: also when
 * transactions cannot finish):
 * every 201 stored once, nothing half-written, ticket numbers gap-free, no connection of
 * the server left in the database; started again, it serves at once.
 */
describe('fault: SIGTERM during in-flight work', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let db: Knex | undefined;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    applyTestEnvironment({ ...database.env, PENGADUAN_RATE_LIMIT: '1000000' });
    port = await freePort();
    server = await startServerProcess(port);
    db = openDatabase(database);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await database?.drop();
  });

  const url = () => `http://127.0.0.1:${port}/api/pengaduan`;

  /** Sends SIGTERM and resolves with the milliseconds until the process exited, and its exit code. */
  const terminate = async (victim: ServerProcess): Promise<{ ms: number; code: number | null }> => {
    const exited = new Promise<number | null>((resolve) => victim.child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    victim.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000))),
    ]);
    clearTimeout(timer);
    if (code === 'still running') {
      victim.child.kill('SIGKILL');
      throw new Error('the server ignored SIGTERM for 30 s');
    }
    return { ms: Date.now() - started, code };
  };

  const serverConnections = async (): Promise<{ state: string | null; n: number }[]> =>
    (
      await db!.raw(
        `select state, count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by state`
      )
    ).rows as { state: string | null; n: number }[];

  it('stops within 15 s while 100 complaints are in flight; every acknowledged one is stored, nothing half-written', async () => {
    expect((await requestJson(url(), 'POST', complaint(0))).status).toBe(201);
    const victim = server!;
    let answered = 0;
    let stop: Promise<{ ms: number; code: number | null }> | undefined;
    const outcomes: HttpOutcome[] = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        requestJson(url(), 'POST', complaint(i + 1)).then((outcome) => {
          answered += outcome.status === 0 ? 0 : 1;
          if (answered === 10 && !stop) stop = terminate(victim);
          return outcome;
        })
      )
    );
    const { ms, code } = await stop!;
    const acknowledged = outcomes.filter((o) => o.status === 201).length;
    // eslint-disable-next-line no-console
    console.log(
      `SIGTERM under load (${database.client}): exited in ${ms} ms with code ${code}; ${acknowledged} answered 201, ${outcomes.filter((o) => o.status === 0).length} without an answer, other ${JSON.stringify(outcomes.filter((o) => o.status !== 0 && o.status !== 201).map((o) => o.status))}`
    );
    expect(ms).toBeLessThan(15_000);
    expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);

    const { rows, auditedIds } = await readComplaints(db!);
    const tickets = rows.map((row) => String(row.nomor_tiket));
    for (const outcome of outcomes) {
      if (outcome.status === 201)
        expect(tickets.filter((t) => t === (outcome.body as { data: { nomorTiket: string } }).data.nomorTiket)).toHaveLength(1);
    }
    expect(rows.filter((row) => !row.nomor_tiket || !row.kode_lacak_hash || !auditedIds.has(row.document_id))).toEqual([]);
    expect(tickets.map(ticketNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(await verifyAuditTrail(db!)).toMatchObject({ ok: true, count: rows.length });
    if (database.client === 'postgres') expect(await serverConnections()).toEqual([]);

    server = await startServerProcess(port);
    expect((await requestJson(`http://127.0.0.1:${port}/api/health`, 'GET')).status).toBe(200);
    expect((await requestJson(url(), 'POST', complaint(500))).status).toBe(201);
  });
});
