import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AUDIT_HEAD_TABLE, AUDIT_TABLE, ensureAuditTables } from './audit';
import { schemaSnapshot } from './schema';

// The audit trail lives in ./audit; these names stay importable from here.

export const AGENDA_COUNTER_TABLE = 'sop_agenda_counter';
/** One row per local date on which the overdue digest went out, so several server processes send it once. */
export const DIGEST_RUN_TABLE = 'sop_digest_run';

/** Tables Strapi does not manage: the append-only audit trail (./audit) and the agenda counters; one catalog query when they exist. */
export const ensureSopTables = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const schema = await schemaSnapshot(knex, [AUDIT_TABLE, AUDIT_HEAD_TABLE, AGENDA_COUNTER_TABLE, DIGEST_RUN_TABLE]);
  await ensureAuditTables(knex, strapi.log, schema);
  if (!schema.has(AGENDA_COUNTER_TABLE)) {
    await knex.schema.createTable(AGENDA_COUNTER_TABLE, (table) => {
      table.string('buku', 40).notNullable();
      table.integer('tahun').notNullable();
      table.integer('terakhir').notNullable().defaultTo(0);
      table.primary(['buku', 'tahun']);
    });
  }
  if (!schema.has(DIGEST_RUN_TABLE)) {
    await knex.schema.createTable(DIGEST_RUN_TABLE, (table) => {
      table.string('tanggal', 10).primary();
      table.string('waktu', 40).notNullable();
    });
  }
};

/**
 * The counter upsert of `nextAgendaNumber` as SQL and bindings (`returning terakhir`), for a
 * caller that writes the number in the same statement — on PostgreSQL a data-modifying CTE
 * feeding the record's update, so nothing waits on the application while the row is locked
 * (the complaint ticket, issue 14). Same rules: per book and year, gap-free, locked until commit.
 */
export const agendaNumberSql = (buku: string, tahun: number): { sql: string; bindings: [string, number] } => ({
  sql: `insert into ${AGENDA_COUNTER_TABLE} (buku, tahun, terakhir) values (?, ?, 1)
       on conflict (buku, tahun) do update set terakhir = ${AGENDA_COUNTER_TABLE}.terakhir + 1
       returning terakhir`,
  bindings: [buku, tahun],
});

/**
 * `jumlah` (a whole number ≥ 1) consecutive numbers of an agenda book for a year in one upsert,
 * for a caller that writes several records in one statement (the complaints of a group commit,
 * issue 14). Same rules as agendaNumberSql: locked until commit, gap-free, given back whole on a
 * rollback. `returning terakhir` is the LAST number drawn: the numbers are `terakhir - jumlah + 1`
 * … `terakhir`. Bound values only. Throws a RangeError for a `jumlah` that is not a whole number ≥ 1.
 */
export const agendaNumbersSql = (buku: string, tahun: number, jumlah: number): { sql: string; bindings: [string, number, number, number] } => {
  if (!Number.isInteger(jumlah) || jumlah < 1) throw new RangeError(`Jumlah nomor agenda tidak sah: ${jumlah}`);
  return {
    sql: `insert into ${AGENDA_COUNTER_TABLE} (buku, tahun, terakhir) values (?, ?, ?)
       on conflict (buku, tahun) do update set terakhir = ${AGENDA_COUNTER_TABLE}.terakhir + ?
       returning terakhir`,
    bindings: [buku, tahun, jumlah, jumlah],
  };
};

/**
 * The next number of an agenda book for a year, inside the caller's transaction: the
 * counter row stays locked until commit, so numbers are unique and gap-free across
 * concurrent requests and server processes, and a rolled-back step gives its number back.
 * One statement (an upsert that returns the new value), so the lock is taken by the same
 * round trip that reads the number; callers draw it as the last work of their transaction
 * (issue 14: the lock is held from here to the commit, so everything before it stays unlocked).
 */
export const nextAgendaNumber = async (trx: Knex.Transaction, buku: string, tahun: number): Promise<number> => {
  const draw = agendaNumberSql(buku, tahun);
  const result = (await trx.raw(draw.sql, draw.bindings)) as { rows?: { terakhir: number }[] } | { terakhir: number }[];
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  if (rows.length !== 1) throw new Error(`Penghitung agenda ${buku}/${tahun} tidak mengembalikan nomor.`);
  return Number(rows[0].terakhir);
};
