/**
 * Issue 14, group commit of public complaints (PostgreSQL; `simpanBersama` in
 * src/api/pengaduan/lib/intake.ts): unkeyed complaints that arrive while a statement is in flight
 * are written together by the next one — consecutive tickets in arrival order, one row, one sealed
 * first audit row and one head each, one counter draw for the group — and a complaint the database
 * refuses fails alone: its group is written again one by one, and no number is lost.
 */
import type { Knex } from 'knex';
import { readAuditFor, verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { openDatabase } from '../helpers/faults';

const UID = 'api::pengaduan.pengaduan';
const ISI = 'Antrean di loket pelayanan sangat panjang dan nomor antrean tidak dipanggil berurutan.';
const DITOLAK = 'Pelapor Ditolak Pemicu';

type Query = { sql: string; options?: { name?: string; values?: unknown[] } };

describe('group commit of public complaints (PostgreSQL)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let other: Knex;

  const kirim = (nama: string, key?: string) => {
    const request = app.http().post('/api/pengaduan').set('Content-Type', 'application/json');
    return (key ? request.set('Idempotency-Key', key) : request).send(JSON.stringify({ data: { nama, kontak: '0812-3456-7890', isi: ISI } }));
  };
  const angka = (nomor: string): number => Number(/^ADU-\d{4}-(\d{6,})$/.exec(nomor)?.[1]);
  const tahunIni = async (): Promise<number> => {
    const row = (await other('sop_agenda_counter').where({ buku: 'pengaduan' }).orderBy('tahun', 'desc').first()) as { tahun: number };
    return Number(row.tahun);
  };
  const terakhir = async (tahun: number): Promise<number> =>
    Number(((await other('sop_agenda_counter').where({ buku: 'pengaduan', tahun }).first()) as { terakhir: number }).terakhir);

  /**
   * Sends `names` at once while another connection holds the ticket counter's row: the first
   * complaint's statement waits in PostgreSQL, the rest queue in the server; then the row is let go.
   * Returns the answers (in `names` order) and the complaint statements sent meanwhile.
   */
  const serentak = async (names: string[]) => {
    const tahun = await tahunIni();
    const statements: Query[] = [];
    const listener = (query: Query) => {
      if (/sop_agenda_counter/.test(query.sql)) statements.push(query);
    };
    app.strapi.db.connection.on('query', listener);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const blocker = other.transaction(async (trx) => {
      await trx.raw('select terakhir from sop_agenda_counter where buku = ? and tahun = ? for update', ['pengaduan', tahun]);
      await held;
    });
    try {
      const answers = Promise.all(names.map((nama) => kirim(nama)));
      // the first statement waits on the row; give the others time to reach the queue
      for (let waited = 0; ; waited += 50) {
        const { rows } = (await other.raw(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
        )) as { rows: { n: number }[] };
        if (rows[0].n >= 1) break;
        if (waited > 10000) throw new Error('the first complaint never waited on the counter row');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      release();
      await blocker;
      return { answers: await answers, statements };
    } finally {
      release();
      app.strapi.db.connection.off('query', listener);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database, env: { PENGADUAN_RATE_LIMIT: '1000' } });
    other = openDatabase(database);
    // the first complaint makes the year's counter row
    expect((await kirim('Pelapor Pertama')).status).toBe(201);
  });

  afterAll(async () => {
    await app?.stop();
    await other?.destroy();
    await database?.drop();
    delete process.env.PENGADUAN_RATE_LIMIT;
  });

  it('writes complaints that arrive together in one statement: consecutive tickets in arrival order, each its own row and audit stream', async () => {
    const tahun = await tahunIni();
    const before = await terakhir(tahun);
    const names = Array.from({ length: 24 }, (_, i) => `Pelapor Kelompok ${i}`);
    const { answers, statements } = await serentak(names);
    expect(answers.map((answer) => answer.status)).toEqual(names.map(() => 201));

    // fewer statements than complaints, and one drew many numbers at once (its third value is how many)
    expect(statements.length).toBeLessThan(names.length);
    const drawn = statements.map((statement) => (statement.sql.includes('values ($1, $2, 1)') ? 1 : Number(statement.options?.values?.[2])));
    expect(drawn.reduce((sum, n) => sum + n, 0)).toBe(names.length);
    expect(Math.max(...drawn)).toBeGreaterThanOrEqual(10);
    const group = statements[drawn.indexOf(Math.max(...drawn))];
    expect(group.options?.name).toMatch(/^meja_pengaduan_[0-9a-f]{16}$/);
    expect(group.sql).not.toMatch(/\?/);

    // gap-free: the counter moved by exactly the complaints filed, every number used once
    const nomor = answers.map((answer) => angka(answer.body.data.nomorTiket as string));
    expect([...nomor].sort((a, b) => a - b)).toEqual(nomor.map((_, i) => before + 1 + i));
    expect(await terakhir(tahun)).toBe(before + names.length);

    // in the group, tickets follow the rows' order of arrival (row ids)
    const rows = (await app.strapi.db.query(UID).findMany({
      where: { nama: { $in: names } },
      select: ['id', 'nama', 'nomorTiket', 'documentId', 'tahap'],
      orderBy: { id: 'asc' },
    })) as { id: number; nama: string; nomorTiket: string; documentId: string; tahap: string }[];
    expect(rows).toHaveLength(names.length);
    expect(rows.map((row) => angka(row.nomorTiket))).toEqual(rows.map((_, i) => before + 1 + i));
    for (const answer of answers) {
      const row = rows.find((one) => one.nomorTiket === answer.body.data.nomorTiket)!;
      expect(names[answers.indexOf(answer)]).toBe(row.nama);
      const audit = await readAuditFor(app.strapi.db.connection, 'pengaduan', row.documentId);
      expect(audit.map((entry) => [entry.urutan, entry.dari, entry.ke, entry.aktorNama])).toEqual([[1, null, row.tahap, 'Pelapor']]);
      const head = (await other('sop_audit_head').where({ model: 'pengaduan', document_id: row.documentId }).first()) as { urutan: number; hash: string };
      expect([Number(head.urutan), head.hash]).toEqual([1, audit[0].hash]);
    }
    expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true });

    // the tracking code each was given opens its own complaint
    const [first] = answers;
    const lacak = await app
      .http()
      .get(`/api/pengaduan/lacak/${first.body.data.nomorTiket as string}`)
      .query({ kode: first.body.data.kodeLacak as string });
    expect(lacak.status).toBe(200);
    expect(lacak.body.data.nomorTiket).toBe(first.body.data.nomorTiket);
  });

  it('lets a complaint the database refuses fail alone: the rest are written one by one, no number lost', async () => {
    await other.raw(`create or replace function tolak_uji() returns trigger language plpgsql as $$
      begin
        if new.nama = '${DITOLAK}' then raise exception 'ditolak oleh pemicu uji' using errcode = '23514'; end if;
        return new;
      end $$`);
    await other.raw('create trigger tolak_uji before insert on pengaduan for each row execute function tolak_uji()');
    try {
      const tahun = await tahunIni();
      const before = await terakhir(tahun);
      const names = Array.from({ length: 12 }, (_, i) => (i === 7 ? DITOLAK : `Pelapor Sendiri ${i}`));
      const { answers, statements } = await serentak(names);
      expect(answers.map((answer) => answer.status)).toEqual(names.map((nama) => (nama === DITOLAK ? 500 : 201)));
      // the group was tried once whole, then each of its members on its own
      expect(statements.some((statement) => !statement.sql.includes('values ($1, $2, 1)'))).toBe(true);

      const filed = names.filter((nama) => nama !== DITOLAK);
      const nomor = answers.filter((answer) => answer.status === 201).map((answer) => angka(answer.body.data.nomorTiket as string));
      expect([...nomor].sort((a, b) => a - b)).toEqual(filed.map((_, i) => before + 1 + i));
      expect(await terakhir(tahun)).toBe(before + filed.length);
      expect(await other('pengaduan').where({ nama: DITOLAK }).count({ n: '*' })).toEqual([{ n: '0' }]);
      expect(await verifyAuditTrail(app.strapi.db.connection)).toMatchObject({ ok: true });
    } finally {
      await other.raw('drop trigger if exists tolak_uji on pengaduan');
      await other.raw('drop function if exists tolak_uji()');
    }
  });

  it('files a keyed complaint on its own statement, never in a group', async () => {
    const { answers, statements } = await (async () => {
      const collected: Query[] = [];
      const listener = (query: Query) => {
        if (/sop_agenda_counter/.test(query.sql)) collected.push(query);
      };
      app.strapi.db.connection.on('query', listener);
      try {
        const result = await Promise.all([kirim('Pelapor Berkunci A', 'kunci-kelompok-a'), kirim('Pelapor Berkunci B', 'kunci-kelompok-b')]);
        return { answers: result, statements: collected };
      } finally {
        app.strapi.db.connection.off('query', listener);
      }
    })();
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(statements).toHaveLength(2);
    for (const statement of statements) expect(statement.sql).toMatch(/values \(\$1, \$2, 1\)/);
  });
});
