#!/usr/bin/env node
'use strict';
/**
 * The quarterly evaluation page (GET /sop/evaluasi, issue 16) as the berita table grows.
 *
 *   node bench/evaluasi.js                     # BENCH_ROWS=1000000 (the issue's size; minutes of seeding)
 *   BENCH_ROWS=20000 node bench/evaluasi.js    # a short run
 *
 * For each size in BENCH_ROWS: creates a scratch PostgreSQL database, boots the compiled app
 * (dist/, NODE_ENV=production; compiled first unless BENCH_SKIP_COMPILE=1) in its own process
 * (bench/server.js), bulk-seeds the `berita` table in SQL (bench/seed.js: ten agenda years, rows
 * from 2 January to mid-November of each year, 1 in 100 voided, the last 500 of this year open)
 * and, for every berita of the measured quarter (Triwulan II of this year), its audit trail in
 * SQL (INSERT … SELECT generate_series): the eleven steps of the main line 20 minutes apart, by the
 * roles that take them, or one void step. Trails of the other quarters are not seeded: the page
 * reads only the quarter's records and their trails (through the audit table's stream index), so
 * they would change only the table's size. Then requests the page as the Kasi BENCH_N times (20)
 * one at a time after BENCH_WARMUP (3), and the .xlsx export BENCH_EXPORT_N times (3); prints
 * the first request apart (`coldMs`: it computes the quarter, the others find it kept while no audit
 * row is added and the calendar stays) with the server's CPU time for it, p50 / p95 / max in ms against the goal (the first
 * request and the p95 within 2 s) and one JSON line; exits 1 when the goal is not met. Drops the database afterwards.
 * Settings: BENCH_ROWS, BENCH_N, BENCH_WARMUP, BENCH_EXPORT_N, BENCH_POSTGRES_URL, BENCH_SKIP_COMPILE.
 */
const crypto = require('crypto');
const os = require('os');
const bench = require('./transitions');
const { seedBerita } = require('./seed');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name]);
const SIZES = env('BENCH_ROWS', '1000000')
  .split(',')
  .map((value) => Number(value.trim().replace(/_/g, '')))
  .filter((value) => Number.isInteger(value) && value > 0);
const N = Number(env('BENCH_N', 20));
const WARMUP = Number(env('BENCH_WARMUP', 3));
const EXPORT_N = Number(env('BENCH_EXPORT_N', 3));
const TRIWULAN = 2;
const GOAL_MS = 2000;
const round = (value) => Math.round(value * 10) / 10;

const jakartaYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));

/** The main line of the berita SOP: [dari, ke, role name] in order. */
const MAIN_LINE = [
  ['diterima', 'diperiksa', 'Operator Transmisi Sandi'],
  ['diperiksa', 'dicetak', 'Operator Transmisi Sandi'],
  ['dicetak', 'diagendakan', 'Operator Transmisi Sandi'],
  ['diagendakan', 'diteruskan_ke_kasi', 'Operator Transmisi Sandi'],
  ['diteruskan_ke_kasi', 'diparaf_kasi', 'Kepala Seksi Persandian dan Keamanan Informasi'],
  ['diparaf_kasi', 'diparaf_kabid', 'Kepala Bidang Aplikasi dan Persandian'],
  ['diparaf_kabid', 'diparaf_kadis', 'Kepala Dinas'],
  ['diparaf_kadis', 'ditugaskan_ke_caraka', 'Kepala Seksi Persandian dan Keamanan Informasi'],
  ['ditugaskan_ke_caraka', 'didistribusikan', 'Caraka'],
  ['didistribusikan', 'tanda_terima_diserahkan', 'Caraka'],
  ['tanda_terima_diserahkan', 'diarsipkan', 'Operator Transmisi Sandi'],
];

/** The quarter's bounds in UTC (WIB = UTC+7): [start, end). */
const quarterBounds = (year, quarter) => ({
  start: new Date(Date.UTC(year, (quarter - 1) * 3, 1) - 7 * 3600_000),
  end: new Date(Date.UTC(year, quarter * 3, 1) - 7 * 3600_000),
});

/**
 * The audit trail of every berita received in [start, end): the main line for archived ones,
 * one void step for voided ones (seeded rows only have those two final states in a past quarter).
 * Returns { berita, rows, seconds }.
 */
const seedTrails = async (client, { start, end }) => {
  const started = Date.now();
  const steps = `(VALUES ${MAIN_LINE.map(([dari, ke, peran], index) => `(${index + 1}, '${dari}', '${ke}', '${peran}')`).join(', ')}) AS s(urutan, dari, ke, peran)`;
  const iso = (expression) => `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const seal = (expression) => `md5(${expression}) || md5(${expression} || ':2')`;
  await client.query('BEGIN');
  try {
    const archived = await client.query(
      `INSERT INTO sop_audit (model, document_id, urutan, dari, ke, aktor_id, aktor_nama, aktor_peran, waktu, catatan, digest, prev_hash, hash, kunci)
       SELECT 'berita', b.document_id, s.urutan, s.dari, s.ke, 1, 'Pegawai Bench', s.peran,
              ${iso("b.waktu_diterima + s.urutan * interval '20 minutes'")}, NULL,
              ${seal("'d:' || b.document_id || s.urutan")}, ${seal("'p:' || b.document_id || s.urutan")}, ${seal("'h:' || b.document_id || s.urutan")}, 'bench'
         FROM berita b CROSS JOIN ${steps}
        WHERE b.waktu_diterima >= $1 AND b.waktu_diterima < $2 AND b.tahap = 'diarsipkan'`,
      [start, end]
    );
    const voided = await client.query(
      `INSERT INTO sop_audit (model, document_id, urutan, dari, ke, aktor_id, aktor_nama, aktor_peran, waktu, catatan, digest, prev_hash, hash, kunci)
       SELECT 'berita', b.document_id, 1, 'diterima', 'batal', 1, 'Pegawai Bench', 'Operator Transmisi Sandi',
              ${iso("b.waktu_diterima + interval '30 minutes'")}, 'Dibatalkan (bench)',
              ${seal("'d:' || b.document_id")}, ${seal("'p:' || b.document_id")}, ${seal("'h:' || b.document_id")}, 'bench'
         FROM berita b
        WHERE b.waktu_diterima >= $1 AND b.waktu_diterima < $2 AND b.tahap = 'batal'`,
      [start, end]
    );
    const {
      rows: [{ n }],
    } = await client.query(`SELECT count(*)::int AS n FROM berita WHERE waktu_diterima >= $1 AND waktu_diterima < $2`, [start, end]);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE sop_audit');
    return { berita: n, rows: archived.rowCount + voided.rowCount, seconds: round((Date.now() - started) / 1000) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/** The server process's CPU time so far (user + system, ms). */
const serverCpuMs = (child) => bench.askServer(child, 'cpu').then((message) => message.ms);

const summary = (latencies) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(bench.percentile(sorted, 50)),
    p95: round(bench.percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
};

/** One size: database, server, seed, measurements; always dropped. */
const measureSize = async (rows, log) => {
  const { Client } = require('pg');
  const database = `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const port = await bench.freePort();
  const url = new URL(bench.ADMIN_URL);
  url.pathname = `/${database}`;
  const year = jakartaYear();
  let server = null;
  let client = null;
  await bench.withAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
  try {
    server = await bench.startServer(bench.serverEnvironment(database, port));
    client = new Client({ connectionString: url.toString() });
    await client.connect();
    log(`[${rows.toLocaleString('en')} rows] seeding berita in SQL …`);
    const seed = await seedBerita(client, { rows, year });
    const trails = await seedTrails(client, quarterBounds(year, TRIWULAN));
    log(
      `[${rows.toLocaleString('en')} rows] seeded in ${seed.seconds} s; Triwulan ${TRIWULAN} ${year}: ${trails.berita} berita, ${trails.rows} audit rows (${trails.seconds} s)`
    );
    const call = bench.makeClient(port, 1);
    const kasi = server.users.find((user) => user.key === 'kasi');
    const login = await call('POST', '/admin/login', { body: { email: kasi.email, password: kasi.password } });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    const token = login.body.data.token;
    const page = `/sop/evaluasi?tahun=${year}&triwulan=${TRIWULAN}`;
    const latencies = [];
    let figures = null;
    let coldMs = null;
    let coldCpuMs = null;
    for (let i = 0; i < WARMUP + N; i += 1) {
      const cpuBefore = i === 0 ? await serverCpuMs(server.child) : 0;
      const response = await call('GET', page, { token });
      if (i === 0) coldCpuMs = round((await serverCpuMs(server.child)) - cpuBefore);
      if (response.status !== 200) throw new Error(`GET ${page}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      // the first request computes the quarter; the next ones find it kept (src/evaluasi/load.ts muatEvaluasiTersimpan)
      if (i === 0) coldMs = round(response.ms);
      if (i >= WARMUP) latencies.push(response.ms);
      figures = response.body.data.layanan.find((row) => row.model === 'berita');
    }
    const exports = [];
    for (let i = 0; i < EXPORT_N; i += 1) {
      const response = await call('GET', `${page}&format=xlsx`, { token });
      if (response.status !== 200) throw new Error(`xlsx export: ${response.status}`);
      exports.push(response.ms);
    }
    const rss = await bench.serverRss(server.child);
    return {
      rows,
      year,
      triwulan: TRIWULAN,
      quarterBerita: trails.berita,
      auditRows: trails.rows,
      seedSeconds: seed.seconds,
      coldMs,
      coldCpuMs,
      load: os.loadavg().map((value) => round(value)),
      page: summary(latencies),
      xlsx: summary(exports),
      berita: figures,
      serverRssMb: Math.round(rss / 1048576),
    };
  } finally {
    if (client) await client.end().catch(() => undefined);
    if (server) await bench.stopServer(server.child).catch(() => undefined);
    await bench.withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
};

/** Every size in turn; returns { sizes: [...] } (see measureSize). */
const runEvaluasiBench = async ({ sizes = SIZES, log = console.log } = {}) => {
  const results = [];
  for (const rows of sizes) results.push(await measureSize(rows, log));
  return { benchmark: 'evaluasi', goalMs: GOAL_MS, n: N, sizes: results };
};

/** The summary lines of a result. */
const formatEvaluasi = (result) =>
  [
    'rows        quarter berita  audit rows   first (computed)  its server CPU   page p50   page p95   page max   xlsx p50   goal (first and p95 <= 2000 ms)',
    ...result.sizes.map(
      (size) =>
        `${size.rows.toLocaleString('en').padEnd(11)} ${String(size.quarterBerita).padStart(14)} ${String(size.auditRows).padStart(11)} ${String(size.coldMs).padStart(18)} ${String(size.coldCpuMs).padStart(15)} ` +
        `${String(size.page.p50).padStart(10)} ${String(size.page.p95).padStart(10)} ${String(size.page.max).padStart(10)} ${String(size.xlsx.p50).padStart(10)}   ${size.page.p95 <= GOAL_MS && size.coldMs <= GOAL_MS ? 'met' : 'NOT met'}`
    ),
  ].join('\n');

const main = async () => {
  if (process.env.BENCH_SKIP_COMPILE !== '1') {
    // @strapi/strapi reads `.env` when loaded; the production-like values go in first.
    Object.assign(process.env, bench.serverEnvironment('meja_bench_compile', 0));
    const { compileStrapi } = require('@strapi/strapi');
    console.log('compiling the app to dist/ …');
    await compileStrapi({ appDir: bench.APP_DIR });
  }
  const result = await runEvaluasiBench();
  console.log('');
  console.log(formatEvaluasi(result));
  console.log(
    `node ${process.version} · ${os.cpus().length} CPU · load ${os
      .loadavg()
      .map((value) => round(value))
      .join('/')}`
  );
  console.log(JSON.stringify(result));
  if (result.sizes.some((size) => size.page.p95 > GOAL_MS || size.coldMs > GOAL_MS)) process.exitCode = 1;
};

module.exports = { runEvaluasiBench, formatEvaluasi, seedTrails, quarterBounds, jakartaYear };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
