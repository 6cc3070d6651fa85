'use strict';
/**
 * Bulk seed of the `berita` table in plain SQL (INSERT … SELECT generate_series), used by
 * bench/list-query.js to grow the table to 10,000 or 1,000,000 rows in seconds.
 *
 * Shape of the data — an office with ten years of history and a bounded amount of work in
 * flight, which is what makes the admin list query and the SOP steps measurable as the
 * table grows:
 *   - rows are spread evenly over BENCH_YEARS (10) agenda years ending at the current year;
 *     each year's agenda numbers run 1, 2, 3 … (nomorAgenda `0001/2026`, the app's default);
 *   - every row of a past year, and all but the last BENCH_INFLIGHT (500) rows of the
 *     current year, is `diarsipkan` (1 in 100 `batal`);
 *   - the last BENCH_INFLIGHT rows of the current year are spread over the eleven open
 *     states `diterima` … `tanda_terima_diserahkan` (rows before `diagendakan` have no
 *     agenda number yet), each with a `tenggat` one day after receipt;
 *   - each berita has one recipient (component `naskah.penerima` through `berita_cmps`),
 *     so the list's component populate reads real rows;
 *   - the agenda counter of the current year continues after the seeded numbers, so the
 *     SOP steps measured afterwards draw fresh, unique numbers.
 */
const OPEN_STATES = [
  'diterima',
  'diperiksa',
  'dicetak',
  'diagendakan',
  'diteruskan_ke_kasi',
  'diparaf_kasi',
  'diparaf_kabid',
  'diparaf_kadis',
  'ditugaskan_ke_caraka',
  'didistribusikan',
  'tanda_terima_diserahkan',
];
const FIRST_WITH_AGENDA = OPEN_STATES.indexOf('diagendakan');

/**
 * Seeds `rows` berita (plus one recipient each) into an empty schema made by the app.
 * Returns { rows, year, years, inflight, perYear, seconds }.
 */
const seedBerita = async (
  client,
  { rows, year, years = Number(process.env.BENCH_YEARS || 10), inflight = Number(process.env.BENCH_INFLIGHT || 500) }
) => {
  const started = Date.now();
  const perYear = Math.ceil(rows / years);
  const open = Math.min(inflight, perYear, rows);
  const states = `ARRAY[${OPEN_STATES.map((state) => `'${state}'`).join(',')}]::varchar[]`;
  // $1 rows, $2 per year, $3 first year, $4 first in-flight row number
  const params = [rows, perYear, year - years + 1, rows - open + 1];
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
       SELECT i,
              ($3::int + (i - 1) / $2::int) AS tahun,
              ((i - 1) % $2::int) + 1 AS urut,
              CASE WHEN i >= $4::int THEN (i - $4::int) % ${OPEN_STATES.length} + 1 ELSE 0 END AS open_state
         FROM generate_series(1, $1::int) AS g(i)`,
      params
    );
    await client.query(
      `INSERT INTO berita (document_id, nomor_agenda, perihal, pengirim, waktu_diterima, nomor_surat, tanggal_surat,
                           isi_ringkas, sifat, derajat_kecepatan, jumlah_cetak, tahap, tenggat, tahun_agenda, urut_agenda,
                           catatan, versi, created_at, updated_at, published_at, locale)
       SELECT substr(md5('meja-bench-' || s.i), 1, 24),
              CASE WHEN s.open_state = 0 OR s.open_state > ${FIRST_WITH_AGENDA} THEN lpad(s.urut::text, 4, '0') || '/' || s.tahun END,
              'Berita uji skala nomor ' || s.i,
              (ARRAY['Badan Siber dan Sandi Negara','Sekretariat Daerah Provinsi','Kementerian Dalam Negeri','Diskominfo Provinsi'])[1 + s.i % 4],
              w.waktu,
              'B-' || s.i || '/BENCH/' || s.tahun,
              w.waktu::date,
              'Berita hasil pengisian massal untuk pengukuran skala.',
              CASE WHEN s.i % 20 = 0 THEN 'terbatas' ELSE 'biasa' END,
              (ARRAY['biasa','segera','amat_segera'])[1 + s.i % 3],
              1,
              CASE WHEN s.open_state > 0 THEN (${states})[s.open_state]
                   WHEN s.i % 100 = 0 THEN 'batal' ELSE 'diarsipkan' END,
              w.waktu + interval '1 day',
              CASE WHEN s.open_state = 0 OR s.open_state > ${FIRST_WITH_AGENDA} THEN s.tahun END,
              CASE WHEN s.open_state = 0 OR s.open_state > ${FIRST_WITH_AGENDA} THEN s.urut END,
              NULL,
              CASE WHEN s.open_state > 0 THEN s.open_state - 1 ELSE ${OPEN_STATES.length} END,
              w.waktu, w.waktu, w.waktu, NULL
         FROM bench_seed s
        CROSS JOIN LATERAL (SELECT make_timestamp(s.tahun, 1, 2, 8, 0, 0) + (s.urut - 1) * (interval '320 days' / $1::int) AS waktu) w
        ORDER BY s.i`,
      [perYear]
    );
    // One recipient per berita: component rows first, then the links, both in id order.
    const {
      rows: [{ first: firstCmp }],
    } = await client.query(`SELECT COALESCE(MAX(id), 0) + 1 AS first FROM components_naskah_penerima`);
    await client.query(
      `INSERT INTO components_naskah_penerima (nama, jabatan, kategori, saluran)
       SELECT 'Kepala OPD ' || (b.id % 40), 'Kepala Dinas', 'kepala_opd', 'caraka' FROM berita b ORDER BY b.id`
    );
    await client.query(
      `INSERT INTO berita_cmps (entity_id, cmp_id, component_type, field, "order")
       SELECT b.id, $1::int + row_number() OVER (ORDER BY b.id) - 1, 'naskah.penerima', 'penerima', 1 FROM berita b ORDER BY b.id`,
      [firstCmp]
    );
    await client.query(
      `INSERT INTO sop_agenda_counter (buku, tahun, terakhir)
       SELECT 'surat-masuk', tahun_agenda, MAX(urut_agenda) FROM berita WHERE tahun_agenda IS NOT NULL GROUP BY tahun_agenda
       ON CONFLICT (buku, tahun) DO UPDATE SET terakhir = GREATEST(sop_agenda_counter.terakhir, EXCLUDED.terakhir)`
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // The steady state of a long-lived table: autovacuum has set the visibility map and the statistics.
  for (const table of ['berita', 'berita_cmps', 'components_naskah_penerima', 'sop_agenda_counter']) {
    await client.query(`VACUUM ANALYZE ${table}`);
  }
  return { rows, year, years, inflight: open, perYear, seconds: Math.round((Date.now() - started) / 100) / 10 };
};

module.exports = { seedBerita, OPEN_STATES };
