import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { sealEntry, verifyChain, GENESIS_HASH, type AuditEntry, type AuditRow, type ChainHead, type ChainVerdict } from '../domain/audit-chain';

export const AUDIT_TABLE = 'sop_audit';
/** One row (id 1): the urutan and hash of the last appended audit row, the chain's anchor. */
export const AUDIT_HEAD_TABLE = 'sop_audit_head';
export const AGENDA_COUNTER_TABLE = 'sop_agenda_counter';
/** One row per local date on which the overdue digest went out, so several server processes send it once. */
export const DIGEST_RUN_TABLE = 'sop_digest_run';

type Db = Knex | Knex.Transaction;

/** Tables Strapi does not manage: the append-only audit trail and the agenda counters. */
export const ensureSopTables = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(AUDIT_TABLE))) {
    await knex.schema.createTable(AUDIT_TABLE, (table) => {
      table.increments('id').primary();
      table.integer('urutan').notNullable().unique();
      table.string('model', 40).notNullable();
      table.string('document_id', 64).notNullable();
      table.string('dari', 60);
      table.string('ke', 60).notNullable();
      table.integer('aktor_id');
      table.string('aktor_nama', 200).notNullable();
      table.string('aktor_peran', 300).notNullable();
      table.string('waktu', 40).notNullable();
      table.text('catatan');
      table.string('digest', 64).notNullable();
      table.string('prev_hash', 64).notNullable();
      table.string('hash', 64).notNullable().unique();
      table.index(['model', 'document_id'], 'sop_audit_record_idx');
    });
  }
  if (!(await knex.schema.hasTable(AUDIT_HEAD_TABLE))) {
    await knex.schema.createTable(AUDIT_HEAD_TABLE, (table) => {
      table.integer('id').primary();
      table.integer('urutan').notNullable();
      table.string('hash', 64).notNullable();
    });
    // A trail written before the anchor existed is anchored at its current end.
    const last = (await knex(AUDIT_TABLE).select('urutan', 'hash').orderBy('urutan', 'desc').first()) as ChainHead | undefined;
    if (last) await knex(AUDIT_HEAD_TABLE).insert({ id: 1, urutan: Number(last.urutan), hash: last.hash });
  }
  if (!(await knex.schema.hasTable(AGENDA_COUNTER_TABLE))) {
    await knex.schema.createTable(AGENDA_COUNTER_TABLE, (table) => {
      table.string('buku', 40).notNullable();
      table.integer('tahun').notNullable();
      table.integer('terakhir').notNullable().defaultTo(0);
      table.primary(['buku', 'tahun']);
    });
  }
  if (!(await knex.schema.hasTable(DIGEST_RUN_TABLE))) {
    await knex.schema.createTable(DIGEST_RUN_TABLE, (table) => {
      table.string('tanggal', 10).primary();
      table.string('waktu', 40).notNullable();
    });
  }
};

const isPostgres = (db: Db): boolean => (db.client.config.client as string).startsWith('pg') || db.client.config.client === 'postgres';

type AuditDbRow = {
  urutan: number;
  model: string;
  document_id: string;
  dari: string | null;
  ke: string;
  aktor_id: number | null;
  aktor_nama: string;
  aktor_peran: string;
  waktu: string;
  catatan: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
};

const fromDb = (row: AuditDbRow): AuditRow => ({
  urutan: Number(row.urutan),
  model: row.model,
  documentId: row.document_id,
  dari: row.dari,
  ke: row.ke,
  aktorId: row.aktor_id === null ? null : Number(row.aktor_id),
  aktorNama: row.aktor_nama,
  aktorPeran: row.aktor_peran,
  waktu: row.waktu,
  catatan: row.catatan,
  digest: row.digest,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const readAuditHead = async (db: Db): Promise<ChainHead | null> => {
  const row = (await db(AUDIT_HEAD_TABLE).select('urutan', 'hash').where({ id: 1 }).first()) as ChainHead | undefined;
  return row ? { urutan: Number(row.urutan), hash: row.hash } : null;
};

/**
 * Appends one row to the hash chain inside the caller's transaction. On PostgreSQL a
 * transaction-scoped advisory lock serialises appenders across server processes
 * (SQLite already has a single writer). The new row chains from the recorded head,
 * not from whatever row is last now, so rows cut off the end stay a visible gap.
 */
export const appendAudit = async (trx: Knex.Transaction, entry: Omit<AuditEntry, 'urutan'>): Promise<AuditRow> => {
  if (isPostgres(trx)) await trx.raw('select pg_advisory_xact_lock(?)', [7_260_001]);
  const last =
    (await readAuditHead(trx)) ??
    ((await trx(AUDIT_TABLE).select('urutan', 'hash').orderBy('urutan', 'desc').first()) as ChainHead | undefined);
  const sealed = sealEntry({ ...entry, urutan: last ? Number(last.urutan) + 1 : 1 }, last?.hash ?? GENESIS_HASH);
  await trx(AUDIT_TABLE).insert({
    urutan: sealed.urutan,
    model: sealed.model,
    document_id: sealed.documentId,
    dari: sealed.dari,
    ke: sealed.ke,
    aktor_id: sealed.aktorId,
    aktor_nama: sealed.aktorNama,
    aktor_peran: sealed.aktorPeran,
    waktu: sealed.waktu,
    catatan: sealed.catatan,
    digest: sealed.digest,
    prev_hash: sealed.prevHash,
    hash: sealed.hash,
  });
  await trx(AUDIT_HEAD_TABLE).insert({ id: 1, urutan: sealed.urutan, hash: sealed.hash }).onConflict('id').merge();
  return sealed;
};

/** The whole chain in stored order (by row id, so reordering is visible to verification). */
export const readAuditChain = async (db: Db): Promise<AuditRow[]> =>
  ((await db(AUDIT_TABLE).select('*').orderBy('id', 'asc')) as AuditDbRow[]).map(fromDb);

/**
 * Verifies the trail end to end against its recorded head. Rows and head are read in
 * one snapshot, so a step committing meanwhile is not mistaken for tampering.
 */
export const verifyAuditTrail = async (knex: Knex): Promise<ChainVerdict> =>
  knex.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('set transaction isolation level repeatable read, read only');
    const head = await readAuditHead(trx);
    return verifyChain(await readAuditChain(trx), { head });
  });

export const readAuditFor = async (db: Db, model: string, documentId: string): Promise<AuditRow[]> =>
  ((await db(AUDIT_TABLE).select('*').where({ model, document_id: documentId }).orderBy('urutan', 'asc')) as AuditDbRow[]).map(
    fromDb
  );

/**
 * The next number of an agenda book for a year, inside the caller's transaction: the
 * counter row stays locked until commit, so numbers are unique and gap-free across
 * concurrent requests and server processes, and a rolled-back step gives its number back.
 */
export const nextAgendaNumber = async (trx: Knex.Transaction, buku: string, tahun: number): Promise<number> => {
  await trx.raw(`insert into ${AGENDA_COUNTER_TABLE} (buku, tahun, terakhir) values (?, ?, 0) on conflict (buku, tahun) do nothing`, [
    buku,
    tahun,
  ]);
  await trx(AGENDA_COUNTER_TABLE).where({ buku, tahun }).increment('terakhir', 1);
  const row = (await trx(AGENDA_COUNTER_TABLE).select('terakhir').where({ buku, tahun }).first()) as { terakhir: number };
  return Number(row.terakhir);
};
