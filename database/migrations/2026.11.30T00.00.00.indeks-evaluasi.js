'use strict';
/**
 * Indexes for the quarterly evaluation (GET /sop/evaluasi, issue 16; measured by bench/evaluasi.js).
 *
 *   *_updated_at_idx   records received before a past quarter that were finished only after its
 *                      end were open at that end: the evaluation finds them by `updated_at >= end`
 *                      (src/evaluasi/load.ts). Without the index that is a scan of the whole table.
 *
 * The records of the quarter itself are found by `*_waktu_diterima_idx`, the ones still open by
 * `*_tenggat_terbuka_idx` (both from 2026.11.23T00.00.00.indeks-daftar-dan-tenggat.js), their trails
 * by `sop_audit`'s stream index. Runs like that migration: once per database, `CREATE INDEX IF NOT
 * EXISTS`, a missing table skipped now and indexed right after the first schema sync.
 */

const INDEXES = [
  { table: 'berita', name: 'berita_updated_at_idx', columns: ['updated_at'] },
  { table: 'kriptogram', name: 'kriptogram_updated_at_idx', columns: ['updated_at'] },
  { table: 'pengaduan', name: 'pengaduan_updated_at_idx', columns: ['updated_at'] },
];

/** Creates every index whose table and columns exist; returns the indexes skipped for a missing table. */
const createIndexes = async (knex) => {
  const missing = [];
  for (const index of INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) {
      missing.push(index);
      continue;
    }
    let complete = true;
    for (const column of index.columns) {
      if (!(await knex.schema.hasColumn(index.table, column))) complete = false;
    }
    if (!complete) continue;
    await knex.raw(`create index if not exists ?? on ?? (${index.columns.map(() => '??').join(', ')})`, [index.name, index.table, ...index.columns]);
  }
  return missing;
};

module.exports = {
  INDEXES,
  createIndexes,

  async up(knex, db) {
    const missing = await createIndexes(knex);
    if (missing.length === 0) return;
    const app = global.strapi;
    if (!app || typeof app.hook !== 'function') return;
    app.hook('strapi::content-types.afterSync').register(async () => {
      const connection = (db && db.connection) || app.db.connection;
      const still = await createIndexes(connection);
      for (const index of still) app.log.warn(`[migrasi] indeks ${index.name} dilewati: tabel ${index.table} tidak ada`);
    });
  },
};
