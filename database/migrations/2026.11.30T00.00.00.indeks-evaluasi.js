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

const { indexMigration } = require('../indeks');

const INDEXES = [
  { table: 'berita', name: 'berita_updated_at_idx', columns: ['updated_at'] },
  { table: 'kriptogram', name: 'kriptogram_updated_at_idx', columns: ['updated_at'] },
  { table: 'pengaduan', name: 'pengaduan_updated_at_idx', columns: ['updated_at'] },
];

module.exports = indexMigration(INDEXES);
