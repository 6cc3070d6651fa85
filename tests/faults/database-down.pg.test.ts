import type { Knex } from 'knex';
import { verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { complaint, freePort, openDatabase, readComplaints, requestJson, sleep, ticketNumber, type HttpOutcome } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { ROLE, walkBeritaTo } from '../helpers/sop';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

/**
 * PostgreSQL only (jest.config.js matches *.pg.test.ts only when TEST_DATABASE=postgres).
 *
 * The machine's PostgreSQL cluster is shared and is never stopped: the server reaches
 * it through a TCP proxy the test cuts — every open connection dropped, new ones
 * refused — which is what the server sees when PostgreSQL goes down.
 *
 * The server under test runs in its own process, as in production (inside jest's
 * sandbox, errors raised by Node's own sockets fail `instanceof Error`, which would
 * make the in-process server misreport them). The in-process app, connected directly,
 * only prepares users and records.
 */
describe('fault: PostgreSQL unreachable under load', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let server: ServerProcess;
  let db: Knex;
  let operator: AdminSession;
  let exitedEarly: string | null = null;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '1000000' } });
    await startServer();
    // The test's own view of the database, not through the proxy.
    db = openDatabase(app.database, { port: 5432 });
    operator = await createAdminSession(app, ROLE.operator);
  });

  /** The server under test, in its own process, reaching PostgreSQL through the proxy. */
  const startServer = async () => {
    exitedEarly = null;
    server = await startServerProcess(await freePort(), { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(proxy.port) });
    server.child.once('exit', (code, signal) => {
      exitedEarly = `server process exited (${code ?? signal})`;
    });
  };

  afterAll(async () => {
    await proxy?.resume();
    exitedEarly = exitedEarly ?? 'stopped';
    await server?.stop();
    await db?.destroy();
    await app?.destroy();
    await proxy?.close();
  });

  const post = () => requestJson(`${server.url}/api/pengaduan`, 'POST', complaint(Date.now()));
  const healthStatus = async () => (await requestJson(`${server.url}/api/health`, 'GET')).status;

  it('answers 503 (health and writes) while it is down, serves again by itself, loses no acknowledged write', async () => {
    type Phase = 'before' | 'down' | 'after';
    type Answer = { phase: Phase | 'spanning'; status: number; nomorTiket?: string };
    const answers: Answer[] = [];
    const health: { phase: Phase; status: number }[] = [];
    let phase: Phase = 'before';
    let running = true;

    // 16 clients posting complaints back to back for the whole test
    const workers = Array.from({ length: 16 }, async () => {
      while (running && !exitedEarly) {
        const at = phase;
        const response = await post();
        const body = 'body' in response ? (response.body as { data?: { nomorTiket?: string } }) : undefined;
        // sent in one window and answered in the next: counted apart
        answers.push({ phase: at === phase ? at : 'spanning', status: response.status, nomorTiket: body?.data?.nomorTiket });
        if (response.status !== 201) await sleep(50);
      }
    });

    await sleep(1500);
    await proxy.cut();
    phase = 'down';
    const downUntil = Date.now() + 4000;
    while (Date.now() < downUntil) {
      health.push({ phase, status: await healthStatus() });
      await sleep(200);
    }

    await proxy.resume();
    phase = 'after';
    const resumedAt = Date.now();
    let recoveredAfter = -1;
    while (Date.now() - resumedAt < 30_000 && !exitedEarly) {
      const status = await healthStatus();
      health.push({ phase, status });
      if (status === 200) {
        recoveredAfter = Date.now() - resumedAt;
        break;
      }
      await sleep(200);
    }
    // keep the load on until writes are acknowledged again
    const writesBack = Date.now();
    while (
      answers.filter((answer) => answer.phase === 'after' && answer.status === 201).length < 50 &&
      Date.now() - writesBack < 30_000 &&
      !exitedEarly
    ) {
      await sleep(100);
    }
    running = false;
    await Promise.all(workers);

    const count = (which: Answer['phase'], status: number) => answers.filter((answer) => answer.phase === which && answer.status === status).length;
    const statuses = [...new Set(answers.map((answer) => answer.status))].sort();
    // eslint-disable-next-line no-console
    console.log(
      `database down: ${answers.length} POSTs — before: ${count('before', 201)}×201; while down: ${count('down', 503)}×503, ` +
        `${count('down', 201)}×201; after: ${count('after', 201)}×201, ${count('after', 503)}×503; ` +
        `health while down: ${health
          .filter((h) => h.phase === 'down')
          .map((h) => h.status)
          .join(',')}; healthy ${recoveredAfter} ms after the resume`
    );

    expect(exitedEarly).toBeNull();
    expect(recoveredAfter).toBeGreaterThanOrEqual(0);
    expect(recoveredAfter).toBeLessThan(30_000);
    // health: 503 for the whole outage
    const downHealth = health.filter((h) => h.phase === 'down').map((h) => h.status);
    expect(downHealth.length).toBeGreaterThan(5);
    expect(new Set(downHealth)).toEqual(new Set([503]));
    // writes: refused with 503 while down — never a bare 500 — and accepted again after
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    expect(count('down', 503)).toBeGreaterThan(0);
    expect(count('down', 201)).toBe(0);
    expect(count('before', 201)).toBeGreaterThan(0);
    expect(count('after', 201)).toBeGreaterThanOrEqual(50);

    // every acknowledged write is in the database, once, complete
    const acknowledged = answers.filter((answer) => answer.status === 201).map((answer) => String(answer.nomorTiket));
    const { rows, auditedIds } = await readComplaints(db);
    const tickets = new Set(rows.map((row) => row.nomor_tiket));
    expect(acknowledged.filter((ticket) => !tickets.has(ticket))).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(rows.filter((row) => !row.nomor_tiket || !row.kode_lacak_hash || !auditedIds.has(row.document_id))).toEqual([]);
    const numbers = rows.map((row) => ticketNumber(String(row.nomor_tiket))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true });
  });

  it('a transition whose connection dies mid-transaction leaves no half-state, answers 503, and goes through afterwards', async () => {
    // independent of the first case: a server that did not survive it is started afresh
    if (exitedEarly) await startServer();
    const documentId = await walkBeritaTo(app, { operator }, 'diagendakan');
    const state = async () => {
      const row = (await db('berita').where({ document_id: documentId }).first()) as { id: number; tahap: string; versi: number };
      const kartu = await db('kartu_kendali').count({ n: '*' }).first();
      const audit = await db('sop_audit').where({ model: 'berita', document_id: documentId }).count({ n: '*' }).first();
      const head = await db('sop_audit_head').select('urutan', 'hash').where({ model: 'berita', document_id: documentId }).first();
      return { tahap: row.tahap, versi: Number(row.versi), kartu: Number(kartu?.n), audit: Number(audit?.n), head };
    };
    const before = await state();
    // The session serving the transition terminates itself at its last write (the audit
    // insert), after the claim and the kartu kendali: a database failure mid-transaction.
    await db.raw(`create or replace function meja_fault_kill() returns trigger language plpgsql as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`);
    await db.raw('create trigger meja_fault_kill before insert on sop_audit for each row execute function meja_fault_kill()');
    const transit = () =>
      requestJson(
        `${server.url}/sop/berita/${documentId}/transisi`,
        'POST',
        { ke: 'diteruskan_ke_kasi' },
        { Authorization: `Bearer ${operator.token}` }
      );
    let failed: HttpOutcome | undefined;
    try {
      failed = await transit();
    } finally {
      await db.raw('drop trigger if exists meja_fault_kill on sop_audit');
      await db.raw('drop function if exists meja_fault_kill()');
    }
    expect(failed?.status).toBe(503);
    expect(await state()).toEqual(before);

    const done = await transit();
    expect(done.status).toBe(200);
    const after = await state();
    expect(after).toMatchObject({ tahap: 'diteruskan_ke_kasi', versi: before.versi + 1, kartu: before.kartu + 1, audit: before.audit + 1 });
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true });
    expect(exitedEarly).toBeNull();
  });
});
