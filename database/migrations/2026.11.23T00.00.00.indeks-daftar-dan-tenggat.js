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
 * How Strapi runs it, and what to do on a large production table: database/indeks.js.
 */

const { indexMigration } = require('../indeks');

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

module.exports = indexMigration(INDEXES);
