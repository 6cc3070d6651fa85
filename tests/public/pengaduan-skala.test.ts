/**
 * Issue 14, complaint throughput: on PostgreSQL a public complaint is ONE bound, autocommitted
 * statement (ticket draw, row, first audit row and head, idempotency key) — no BEGIN/COMMIT, a
 * named prepared statement that PostgreSQL parses once per connection;
 * tickets stay gap-free under concurrency and a statement that fails consumes no number; the
 * hari-libur list is read once per burst and a write is seen at once; the audit rows it writes
 * verify like appendAudit's (also through `npm run audit:verify` and a checkpoint). SQLite keeps its transaction: the same outcomes are checked there.
 * Runs on SQLite and PostgreSQL.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { readAuditFor, verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { startApp, type TestApp } from '../helpers/app';

const UID = 'api::pengaduan.pengaduan';
const LIBUR = 'api::hari-libur.hari-libur';
const ISI = 'Antrean di loket pelayanan sangat panjang dan nomor antrean tidak dipanggil berurutan.';
// Monday 2026-03-09, 09.15 WIB: a working day, so the first deadline falls on a later working day
const SENIN = new Date('2026-03-09T02:15:00.000Z');

type Query = { sql: string; bindings?: unknown[]; options?: { name?: string; values?: unknown[] } };
/** The values a statement binds: knex's bindings, or node-pg's `values` the complaint statement passes itself (its text formatted once). */
const boundValues = (query: Query): unknown[] => [...(query.bindings ?? []), ...(query.options?.values ?? [])];

describe('pengaduan at scale: one statement per complaint, gap-free tickets, cached holidays', () => {
  let app: TestApp;
  const postgres = (): boolean => app.strapi.db.dialect.client === 'postgres';

  const kirim = (nama = 'Rahmat Hidayat', key?: string) => {
    const request = app.http().post('/api/pengaduan').set('Content-Type', 'application/json');
    return (key ? request.set('Idempotency-Key', key) : request).send(JSON.stringify({ data: { nama, kontak: '0812-3456-7890', isi: ISI } }));
  };
  const angka = (nomor: string): number => Number(/^ADU-\d{4}-(\d{6,})$/.exec(nomor)?.[1]);
  const count = async (table: string): Promise<number> => {
    const [row] = (await app.strapi.db.connection(table).count({ n: '*' })) as { n: number | string }[];
    return Number(row.n);
  };
  /** Every SQL statement the app sends while `work` runs. */
  const watch = async <T>(work: () => Promise<T>): Promise<{ result: T; queries: Query[] }> => {
    const queries: Query[] = [];
    const listener = (query: Query) => queries.push(query);
    app.strapi.db.connection.on('query', listener);
    try {
      return { result: await work(), queries };
    } finally {
      app.strapi.db.connection.off('query', listener);
    }
  };

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  it('files a public complaint in one bound statement on PostgreSQL, with no BEGIN or COMMIT', async () => {
    await kirim(); // warm: the workflow version, service hours and holidays are read once per process
    const { result, queries } = await watch(async () => {
      const tiket: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await kirim();
        expect(response.status).toBe(201);
        tiket.push(response.body.data.nomorTiket as string);
      }
      return tiket;
    });
    const draws = queries.filter((query) => /sop_agenda_counter/.test(query.sql));
    expect(draws).toHaveLength(5);
    const writes = queries.filter((query) => /^\s*(with|insert|update|delete)\b/i.test(query.sql));
    if (postgres()) {
      // everything of a complaint is that one statement: the ticket, the row, the audit row and head
      expect(writes).toHaveLength(5);
      for (const statement of writes) {
        expect(statement.sql).toMatch(/insert into "?pengaduan"? /);
        expect(statement.sql).toMatch(/insert into sop_audit /);
        expect(statement.sql).toMatch(/insert into sop_audit_head /);
        // bound, not inlined: the tracking code's hash and the document id travel as parameters
        expect(statement.sql).not.toMatch(/'h2:/);
        expect(boundValues(statement).some((value) => typeof value === 'string' && value.startsWith('h2:'))).toBe(true);
        // and the text has a numbered parameter for each of them, no `?` left for knex
        const parameters = new Set(statement.sql.match(/\$\d+/g));
        expect(parameters.size).toBe(boundValues(statement).length);
        expect(statement.sql).not.toMatch(/\?/);
      }
      expect(queries.filter((query) => /^\s*(begin|commit|start transaction)/i.test(query.sql))).toEqual([]);
      // a named prepared statement: one name for the one text, and PostgreSQL holds it prepared on
      // the connections that ran it (pg_prepared_statements is per session: ask every pool connection)
      const names = new Set(writes.map((statement) => statement.options?.name));
      expect([...names]).toEqual([expect.stringMatching(/^meja_pengaduan_[0-9a-f]{16}$/)]);
      const [name] = [...names] as string[];
      type PgConnection = { query: (sql: string) => Promise<{ rows: { name: string; statement: string }[] }> };
      const client = app.strapi.db.connection.client as {
        acquireConnection: () => Promise<PgConnection>;
        releaseConnection: (connection: PgConnection) => Promise<unknown>;
        pool: { numUsed: () => number; numFree: () => number };
      };
      const open = client.pool.numUsed() + client.pool.numFree();
      const connections = await Promise.all(Array.from({ length: open }, () => client.acquireConnection()));
      try {
        const prepared = (await Promise.all(connections.map((connection) => connection.query('select name, statement from pg_prepared_statements'))))
          .flatMap((answer) => answer.rows)
          .filter((row) => row.name === name);
        expect(prepared.length).toBeGreaterThanOrEqual(1);
        for (const row of prepared) expect(row.statement).toMatch(/insert into sop_audit_head /);
      } finally {
        await Promise.all(connections.map((connection) => client.releaseConnection(connection)));
      }
    } else {
      // SQLite keeps its transaction (one writer): the same statements as before, committed together
      expect(queries.filter((query) => /^\s*begin/i.test(query.sql)).length).toBeGreaterThanOrEqual(5);
    }
    // consecutive tickets, each with its one sealed audit row and a head at urutan 1
    expect(result.map(angka)).toEqual(result.map((_, i) => angka(result[0]) + i));
    for (const nomorTiket of result) {
      const row = (await app.strapi.db.query(UID).findOne({ where: { nomorTiket }, select: ['documentId', 'tahap'] })) as {
        documentId: string;
        tahap: string;
      };
      const audit = await readAuditFor(app.strapi.db.connection, 'pengaduan', row.documentId);
      expect(audit.map((entry) => [entry.urutan, entry.dari, entry.ke, entry.aktorNama])).toEqual([[1, null, row.tahap, 'Pelapor']]);
      const head = (await app.strapi.db.connection('sop_audit_head').where({ model: 'pengaduan', document_id: row.documentId }).first()) as {
        urutan: number;
        hash: string;
      };
      expect([Number(head.urutan), head.hash]).toEqual([1, audit[0].hash]);
    }
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true });
  });

  it('keeps concurrent complaints gap-free: consecutive tickets, one row, one audit row and one number each', async () => {
    const before = { rows: await count('pengaduan'), audit: await count('sop_audit') };
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => kirim(`Pelapor Serentak ${i}`)));
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const nomor = responses.map((response) => angka(response.body.data.nomorTiket as string)).sort((a, b) => a - b);
    expect(nomor).toEqual(nomor.map((_, i) => nomor[0] + i));
    const tahun = Number(/^ADU-(\d{4})-/.exec(responses[0].body.data.nomorTiket as string)?.[1]);
    const counter = (await app.strapi.db.connection('sop_agenda_counter').where({ buku: 'pengaduan', tahun }).first()) as { terakhir: number };
    expect(Number(counter.terakhir)).toBe(nomor[nomor.length - 1]);
    expect(await count('pengaduan')).toBe(before.rows + 24);
    expect(await count('sop_audit')).toBe(before.audit + 24);
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true });

    // `npm run audit:verify`, offline as an operator runs it: the chain verifies, a checkpoint is written and matches
    const auditVerify = (...args: string[]) => {
      const result = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'audit-verify.js'), ...args], {
        cwd: path.join(__dirname, '..', '..'),
        encoding: 'utf8',
        timeout: 60000,
        env: process.env,
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pengaduan-skala-'));
    try {
      const checkpoint = path.join(tmp, 'titik-periksa.json');
      const written = auditVerify('--tulis', checkpoint);
      expect(written.output).toContain('Rantai utuh');
      expect(written.status).toBe(0);
      expect(JSON.parse(fs.readFileSync(checkpoint, 'utf8'))).toMatchObject({ jumlah: await count('sop_audit') });
      expect(auditVerify(checkpoint)).toMatchObject({ status: 0, output: expect.stringContaining('Cocok dengan titik periksa') });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('consumes no number, and writes nothing, when the last part of the statement fails (the idempotency key)', async () => {
    const knex = app.strapi.db.connection;
    const sebelum = await kirim();
    expect(sebelum.status).toBe(201);
    const before = { rows: await count('pengaduan'), audit: await count('sop_audit'), head: await count('sop_audit_head') };
    // Refuses every new idempotency key: the draw, the row and the audit rows pass, the key's insert fails.
    if (postgres()) await knex.raw(`alter table pengaduan_idempotensi add constraint uji_tolak_kunci check (dibuat = 'tidak pernah') not valid`);
    else await knex.raw(`create trigger uji_tolak_kunci before insert on pengaduan_idempotensi begin select raise(abort, 'uji'); end`);
    try {
      const gagal = await kirim('Rahmat Hidayat', 'kunci-yang-gagal');
      expect(gagal.status).toBe(500);
    } finally {
      if (postgres()) await knex.raw('alter table pengaduan_idempotensi drop constraint uji_tolak_kunci');
      else await knex.raw('drop trigger uji_tolak_kunci');
    }
    expect({ rows: await count('pengaduan'), audit: await count('sop_audit'), head: await count('sop_audit_head') }).toEqual(before);
    const sesudah = await kirim('Rahmat Hidayat', 'kunci-yang-gagal');
    expect(sesudah.status).toBe(201);
    expect(angka(sesudah.body.data.nomorTiket as string)).toBe(angka(sebelum.body.data.nomorTiket as string) + 1);
    // the key's row now names the ticket: a repeat answers with it
    const ulang = await kirim('Rahmat Hidayat', 'kunci-yang-gagal');
    expect([ulang.status, ulang.body.data.nomorTiket]).toEqual([201, sesudah.body.data.nomorTiket]);
    expect(await verifyAuditTrail(knex)).toMatchObject({ ok: true });
  });

  it('reads the hari-libur list once per burst, and sees this process\u2019s own holiday write at once', async () => {
    setClock(SENIN);
    try {
      const tenggat = async (): Promise<string> => {
        const response = await kirim();
        expect(response.status).toBe(201);
        const row = (await app.strapi.db.query(UID).findOne({ where: { nomorTiket: response.body.data.nomorTiket }, select: ['tenggatPengakuan'] })) as {
          tenggatPengakuan: string;
        };
        return new Date(row.tenggatPengakuan).toISOString();
      };
      const { result: pertama, queries } = await watch(async () => {
        const tenggatPertama = await tenggat();
        for (let i = 0; i < 9; i += 1) expect(await tenggat()).toBe(tenggatPertama);
        return tenggatPertama;
      });
      // ten complaints, not ten reads of the list (it is kept for 2 s)
      expect(queries.filter((query) => /from "?hari_libur/.test(query.sql)).length).toBeLessThan(10);

      // A holiday on the day after filing, written through the document service (the content manager's path):
      // the next complaint's deadline moves one working day later at once, not after the cache's 2 s.
      const libur = (await app.strapi.documents(LIBUR as never).create({ data: { tanggal: '2026-03-10', nama: 'Libur uji skala', jenis: 'cuti_bersama' } as never })) as {
        documentId: string;
      };
      const kedua = await tenggat();
      expect(new Date(kedua).getTime()).toBeGreaterThan(new Date(pertama).getTime());
      await app.strapi.documents(LIBUR as never).delete({ documentId: libur.documentId });
      expect(await tenggat()).toBe(pertama);
    } finally {
      setClock(null);
    }
  });
});
