'use strict';
/**
 * Indexes that keep the office's frequent queries flat as the tables grow (issue 7;
 * measured by `npm run bench` at 10,000 and 1,000,000 berita).
 *
 *   *_daftar_agenda_idx   content-manager list of a year's agenda book: filter tahunAgenda +
 *                         tahap, sort by urutAgenda (Strapi adds `id` as the tie-breaker)
 *   *_tahap_tenggat_idx   a worklist: filter tahap, sort by tenggat (most urgent first)
 *   *_tenggat_terbuka_idx the daily overdue digest (src/sop/digest.ts):
 *                         `tenggat < now AND tahap NOT IN (<final states>) ORDER BY tenggat, id`.
 *                         A partial index over the open records only: PostgreSQL proves the
 *                         query's NOT IN implies the index predicate (also when a final state is
 *                         added later); a (tahap, tenggat) index cannot serve NOT IN on PostgreSQL 15.
 *                         SQLite does not use it with bound parameters and scans — fine at the
 *                         size of an office's embedded database, and the digest runs once a day.
 *   *_waktu_diterima_idx  the buku agenda of a date range (GET /sop/agenda/:buku, filter on
 *                         waktuDiterima) and the berita list as it opens (newest first)
 *   pengaduan_nomor_tiket_idx
 *                         the public ticket lookup (GET /api/pengaduan/lacak/:nomorTiket)
 *
 * No index is added to `sop_audit`: the app creates it at bootstrap with
 * `sop_audit_record_idx (model, document_id)`, which serves the history of one record (a
 * dozen rows, sorted in memory by urutan), and the unique indexes on urutan and hash.
 *
 * How Strapi 5 runs this file: user migrations in `database/migrations/*.js` of the app root
 * (not compiled, not `dist/`) run once per database, in file-name order, inside a transaction,
 * BEFORE Strapi syncs the tables with the content types, and are recorded in
 * `strapi_migrations`. On an existing database the tables are there and the indexes are made at
 * once. On a new database they are not yet: the same statements then run right after that boot's
 * schema sync (Strapi's `strapi::content-types.afterSync` hook). Every statement is
 * `CREATE INDEX IF NOT EXISTS` (PostgreSQL and SQLite alike) and a table or column that is
 * missing is skipped, so running it again is harmless. Strapi's schema sync only drops indexes
 * it created itself, so these survive later syncs.
 *
 * On PostgreSQL CREATE INDEX inside the migration's transaction blocks writes to the table while
 * it builds (about 1 s per index per million rows on the bench machine); on a large production
 * table, create the same indexes with CREATE INDEX CONCURRENTLY before upgrading and this
 * migration finds them there.
 */

const BERITA_FINAL = ['diarsipkan', 'batal'];
const KRIPTOGRAM_FINAL = ['diarsipkan'];
const PENGADUAN_FINAL = ['selesai', 'ditolak'];

const INDEXES = [
  { table: 'berita', name: 'berita_daftar_agenda_idx', columns: ['tahun_agenda', 'tahap', 'urut_agenda', 'id'] },
  { table: 'berita', name: 'berita_tahap_tenggat_idx', columns: ['tahap', 'tenggat'] },
  { table: 'berita', name: 'berita_tenggat_terbuka_idx', columns: ['tenggat', 'id'], openOnly: { column: 'tahap', finals: BERITA_FINAL } },
  { table: 'berita', name: 'berita_waktu_diterima_idx', columns: ['waktu_diterima', 'id'] },

  { table: 'kriptogram', name: 'kriptogram_daftar_agenda_idx', columns: ['tahun_agenda', 'tahap', 'urut_agenda', 'id'] },
  { table: 'kriptogram', name: 'kriptogram_tahap_tenggat_idx', columns: ['tahap', 'tenggat'] },
  {
    table: 'kriptogram',
    name: 'kriptogram_tenggat_terbuka_idx',
    columns: ['tenggat', 'id'],
    openOnly: { column: 'tahap', finals: KRIPTOGRAM_FINAL },
  },
  { table: 'kriptogram', name: 'kriptogram_waktu_diterima_idx', columns: ['waktu_diterima', 'id'] },

  { table: 'pengaduan', name: 'pengaduan_tahap_tenggat_idx', columns: ['tahap', 'tenggat'] },
  {
    table: 'pengaduan',
    name: 'pengaduan_tenggat_terbuka_idx',
    columns: ['tenggat', 'id'],
    openOnly: { column: 'tahap', finals: PENGADUAN_FINAL },
  },
  { table: 'pengaduan', name: 'pengaduan_nomor_tiket_idx', columns: ['nomor_tiket'] },
];

const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;

/** The statement for one index; identifiers quoted by knex, the partial predicate as literals (DDL takes no bind parameters). */
const createStatement = (knex, index) => {
  const columns = index.columns.map(() => '??').join(', ');
  const where = index.openOnly ? ` where ?? not in (${index.openOnly.finals.map(literal).join(', ')})` : '';
  const bindings = [index.name, index.table, ...index.columns, ...(index.openOnly ? [index.openOnly.column] : [])];
  return knex.raw(`create index if not exists ?? on ?? (${columns})${where}`, bindings);
};

/** Creates every index whose table and columns exist; returns the indexes skipped for a missing table. */
const createIndexes = async (knex, log = () => undefined) => {
  const missing = [];
  for (const index of INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) {
      missing.push(index);
      continue;
    }
    const needed = [...index.columns, ...(index.openOnly ? [index.openOnly.column] : [])];
    let complete = true;
    for (const column of needed) {
      if (!(await knex.schema.hasColumn(index.table, column))) complete = false;
    }
    if (!complete) {
      log(`[migrasi] indeks ${index.name} dilewati: kolom ${needed.join(', ')} tidak lengkap pada tabel ${index.table}`);
      continue;
    }
    await createStatement(knex, index);
  }
  return missing;
};

module.exports = {
  INDEXES,
  createIndexes,

  async up(knex, db) {
    const missing = await createIndexes(knex);
    if (missing.length === 0) return;
    // A new database: the content-type tables appear in this boot's schema sync, which runs
    // after the migrations. Finish the job right after it.
    const app = global.strapi;
    if (!app || typeof app.hook !== 'function') return;
    app.hook('strapi::content-types.afterSync').register(async () => {
      const connection = (db && db.connection) || app.db.connection;
      const log = (message) => app.log.warn(message);
      const still = await createIndexes(connection, log);
      for (const index of still) log(`[migrasi] indeks ${index.name} dilewati: tabel ${index.table} tidak ada`);
    });
  },
};
