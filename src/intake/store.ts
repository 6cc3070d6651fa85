import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { schemaSnapshot } from '../plugins/sop/server/src/index';

/**
 * One row per message the intake has seen, keyed by `dedupeKey` (unique): what became of it
 * (`berita` with its documentId, or `gagal` with the reason and the raw bytes kept aside).
 * The unique key is what makes intake exactly-once across retries, crashes and processes.
 */
export const INTAKE_MESSAGE_TABLE = 'sop_intake_pesan';
/** Lease rows (one per mailbox) so that one server process at a time reads a mailbox. */
export const INTAKE_LEASE_TABLE = 'sop_intake_lease';
/** One row (id 1): the intake's last poll as every server process sees it. */
export const INTAKE_STATUS_TABLE = 'sop_intake_status';

type Db = Knex | Knex.Transaction;

/** Creates the intake's tables when missing (bootstrap). */
export const ensureIntakeTables = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const schema = await schemaSnapshot(knex, [INTAKE_MESSAGE_TABLE, INTAKE_LEASE_TABLE, INTAKE_STATUS_TABLE]);
  if (!schema.has(INTAKE_MESSAGE_TABLE)) {
    await knex.schema.createTable(INTAKE_MESSAGE_TABLE, (table) => {
      table.increments('id').primary();
      table.string('kunci', 80).notNullable().unique();
      table.string('sha256', 64).notNullable();
      table.text('message_id');
      table.string('hasil', 10).notNullable();
      table.string('berita_document_id', 64);
      table.text('alasan');
      table.string('perihal', 300);
      table.string('nama_berkas', 255);
      table.binary('mentah');
      table.string('sumber', 10).notNullable();
      table.string('waktu', 40).notNullable();
      table.index(['hasil'], 'sop_intake_pesan_hasil_idx');
    });
  }
  if (!schema.has(INTAKE_LEASE_TABLE)) {
    await knex.schema.createTable(INTAKE_LEASE_TABLE, (table) => {
      table.string('nama', 200).primary();
      table.string('pemilik', 200).notNullable();
      table.bigInteger('berakhir').notNullable();
    });
  }
  if (!schema.has(INTAKE_STATUS_TABLE)) {
    await knex.schema.createTable(INTAKE_STATUS_TABLE, (table) => {
      table.integer('id').primary();
      table.string('terakhir_berhasil', 40);
      table.integer('menunggu').notNullable().defaultTo(0);
      table.text('galat');
      table.string('diperbarui', 40).notNullable();
    });
  }
};

/** The outcome recorded for a key, or null when the message was never seen. */
export const findIntakeRecord = async (
  db: Db,
  kunci: string
): Promise<{ hasil: 'berita' | 'gagal'; berita_document_id: string | null; alasan: string | null } | null> =>
  ((await db(INTAKE_MESSAGE_TABLE).select('hasil', 'berita_document_id', 'alasan').where({ kunci }).first()) as
    { hasil: 'berita' | 'gagal'; berita_document_id: string | null; alasan: string | null } | undefined) ?? null;

/**
 * Takes (or renews) the lease `nama` for `pemilik` until now + `ttlMs`: succeeds when the
 * lease is free, expired, or already this owner's. One statement (insert … on conflict …
 * do update … where), atomic on SQLite and PostgreSQL alike. Returns true when held.
 */
export const acquireLease = async (db: Knex, nama: string, pemilik: string, ttlMs: number, now = Date.now()): Promise<boolean> => {
  await db.raw(
    `insert into ${INTAKE_LEASE_TABLE} (nama, pemilik, berakhir) values (?, ?, ?)
     on conflict (nama) do update set pemilik = excluded.pemilik, berakhir = excluded.berakhir
     where ${INTAKE_LEASE_TABLE}.pemilik = excluded.pemilik or ${INTAKE_LEASE_TABLE}.berakhir < ?`,
    [nama, pemilik, now + ttlMs, now]
  );
  const row = (await db(INTAKE_LEASE_TABLE).select('pemilik').where({ nama }).first()) as { pemilik: string } | undefined;
  return row?.pemilik === pemilik;
};

/** Gives the lease back (on shutdown) so another process need not wait for it to expire. */
export const releaseLease = async (db: Knex, nama: string, pemilik: string): Promise<void> => {
  await db(INTAKE_LEASE_TABLE).where({ nama, pemilik }).delete();
};

export type IntakeStatusRow = { terakhirBerhasil: string | null; menunggu: number; galat: string | null };

/** Writes the shared status row (fields left undefined keep their value). */
export const writeIntakeStatus = async (db: Knex, change: Partial<IntakeStatusRow>): Promise<void> => {
  const row: Record<string, unknown> = { id: 1, diperbarui: new Date().toISOString() };
  if (change.terakhirBerhasil !== undefined) row.terakhir_berhasil = change.terakhirBerhasil;
  if (change.menunggu !== undefined) row.menunggu = change.menunggu;
  if (change.galat !== undefined) row.galat = change.galat;
  await db(INTAKE_STATUS_TABLE).insert(row).onConflict('id').merge();
};

/** The shared status row (defaults when the intake never ran). */
export const readIntakeStatus = async (db: Knex): Promise<IntakeStatusRow> => {
  const row = (await db(INTAKE_STATUS_TABLE).select('terakhir_berhasil', 'menunggu', 'galat').where({ id: 1 }).first()) as
    { terakhir_berhasil: string | null; menunggu: number; galat: string | null } | undefined;
  return { terakhirBerhasil: row?.terakhir_berhasil ?? null, menunggu: Number(row?.menunggu ?? 0), galat: row?.galat ?? null };
};

export type IntakeFailure = {
  id: number;
  alasan: string;
  perihal: string | null;
  namaBerkas: string | null;
  sumber: string;
  waktu: string;
  ukuran: number;
};

/** Messages kept aside because they could not become a berita, newest first (at most `limit`). */
export const listIntakeFailures = async (db: Knex, limit = 100): Promise<{ jumlah: number; data: IntakeFailure[] }> => {
  const counted = (await db(INTAKE_MESSAGE_TABLE).where({ hasil: 'gagal' }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  const rows = (await db(INTAKE_MESSAGE_TABLE)
    .select('id', 'alasan', 'perihal', 'nama_berkas', 'sumber', 'waktu', 'mentah')
    .where({ hasil: 'gagal' })
    .orderBy('id', 'desc')
    .limit(limit)) as {
    id: number;
    alasan: string;
    perihal: string | null;
    nama_berkas: string | null;
    sumber: string;
    waktu: string;
    mentah: Buffer | null;
  }[];
  return {
    jumlah: Number(counted?.n ?? 0),
    data: rows.map((row) => ({
      id: Number(row.id),
      alasan: row.alasan,
      perihal: row.perihal,
      namaBerkas: row.nama_berkas,
      sumber: row.sumber,
      waktu: row.waktu,
      ukuran: row.mentah ? row.mentah.length : 0,
    })),
  };
};

/** The raw bytes of a message kept aside, or null. */
export const readIntakeFailureRaw = async (db: Knex, id: number): Promise<{ mentah: Buffer; namaBerkas: string | null } | null> => {
  const row = (await db(INTAKE_MESSAGE_TABLE).select('mentah', 'nama_berkas').where({ id, hasil: 'gagal' }).first()) as
    { mentah: Buffer | null; nama_berkas: string | null } | undefined;
  return row?.mentah ? { mentah: Buffer.from(row.mentah), namaBerkas: row.nama_berkas } : null;
};
