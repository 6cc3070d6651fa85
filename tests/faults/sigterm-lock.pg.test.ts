import type { Knex } from 'knex';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { applyTestEnvironment } from '../helpers/env';
import { complaint, freePort, openDatabase, readComplaints, requestJson, sleep } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Fault (issue 10 item 1), PostgreSQL: SIGTERM while five complaints wait for a lock the test
 * holds elsewhere, so none of them can finish — since session 12's group commit, two statements
 * wait on the lock and the rest wait in the server's line, which is closed (503) at shutdown. The server is gone within
 * 15 s all the same, the five are rolled back (nothing committed once the lock is
 * released), none of its connections is left in the database, and it serves again when
 * started. (SQLite has one writer and better-sqlite3 waits for a lock synchronously, up
 * to its busy timeout: the case does not arise there.)
 */
describe('fault: SIGTERM while transactions wait for a lock (PostgreSQL)', () => {
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

  /** Sessions of the server (everything on the test database but the test's own connections). */
  const serverConnections = async (ours: number[]): Promise<{ state: string | null; n: number }[]> =>
    (
      await db!.raw(
        `select state, count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and not (pid = any(?)) group by state`,
        [ours]
      )
    ).rows as { state: string | null; n: number }[];

  it('stops within 15 s and rolls the blocked transactions back', async () => {
    expect((await requestJson(url(), 'POST', complaint(0))).status).toBe(201);
    const before = (await readComplaints(db!)).rows.length;
    const blocker = await db!.transaction();
    await blocker.raw('select * from sop_agenda_counter for update');
    const blockerPid = Number((await blocker.raw('select pg_backend_pid() as pid')).rows[0].pid);
    const victim = server!;
    const pending = Array.from({ length: 5 }, (_, i) => requestJson(url(), 'POST', complaint(600 + i)));
    // group commit (src/api/pengaduan/lib/antrean.ts): two statements of grouped complaints wait on
    // the lock (PENULIS_MAKS), the other complaints wait in the server's line for a free one
    let waiting = 0;
    for (let i = 0; i < 100 && waiting < 2; i += 1) {
      await sleep(100);
      waiting = (await db!.raw(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))
        .rows[0].n;
    }
    expect(waiting).toBe(2);
    await sleep(300);

    const exited = new Promise<number | null>((resolve) => victim.child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    victim.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000))),
    ]);
    clearTimeout(timer);
    if (code === 'still running') victim.child.kill('SIGKILL');
    const ms = Date.now() - started;
    const outcomes = await Promise.all(pending);
    // The server's sessions end although the lock is still held: their transactions are rolled back, not left waiting.
    let afterExit = await serverConnections([blockerPid]);
    for (let i = 0; i < 50 && afterExit.length > 0; i += 1) {
      await sleep(100);
      afterExit = await serverConnections([blockerPid]);
    }
    await blocker.rollback();
    // eslint-disable-next-line no-console
    console.log(
      `SIGTERM with 5 blocked transactions: exited in ${ms} ms with code ${code}; answers ${JSON.stringify(outcomes.map((o) => o.status))}`
    );
    expect(code).not.toBe('still running');
    expect(ms).toBeLessThan(15_000);
    expect(afterExit).toEqual([]);
    expect(outcomes.filter((o) => o.status === 201)).toEqual([]);
    await sleep(200);
    expect((await readComplaints(db!)).rows.length).toBe(before);
    expect(await verifyAuditTrail(db!)).toMatchObject({ ok: true, count: before });

    server = await startServerProcess(port);
    expect((await requestJson(url(), 'POST', complaint(700))).status).toBe(201);
  });
});
