#!/usr/bin/env node
'use strict';
/**
 * Admin list query and SOP transition latency as the berita table grows (issue 7).
 *
 *   node bench/list-query.js            # BENCH_ROWS=10000,1000000 by default
 *
 * For each size in BENCH_ROWS: creates a scratch PostgreSQL database, boots the compiled app
 * (dist/, NODE_ENV=production — run `npm run build` first, or let `npm run bench` do it) in its
 * own process (bench/server.js; the boot runs the migrations in database/migrations) and bulk-seeds
 * the `berita` table in SQL (bench/seed.js). Then, taking turns between the sizes in BENCH_ROUNDS
 * rounds (so a busy machine weighs on every size alike), measures:
 *   list      the content-manager list the admin panel requests as the Kasi: agenda year + tahap
 *             filter, sort by agenda number, 25 rows — exactly the query string the panel builds
 *             (qs.stringify of page, pageSize, sort, filters[$and]); and three more list views
 *             (a past year's archive, a tahap worklist sorted by tenggat, the list as it opens);
 *             one request at a time
 *   sql       the overdue digest query and a stretch of the buku agenda, as the app sends them (pg)
 *   steps     registration + the operator's four SOP steps (bench/transitions.js), p50/p95
 * and, unless BENCH_COMPARE_INDEXES=0, drops the berita indexes of the migration and measures
 * again ("without indexes"). Drops the databases afterwards. Prints a table and one JSON line;
 * growth ratios are largest size / smallest size.
 *
 * Settings: BENCH_ROWS (10000,1000000), BENCH_LIST_N (200 requests per list view and size),
 * BENCH_NOINDEX_N (40, the same without indexes), BENCH_TRANSITION_N (100 berita per size),
 * BENCH_ROUNDS (4), BENCH_CONCURRENCY (4, for the steps), BENCH_COMPARE_INDEXES (1),
 * BENCH_POSTGRES_URL.
 */
const crypto = require('crypto');
const os = require('os');
const path = require('path');
const qs = require('qs');
const bench = require('./transitions');
const { seedBerita } = require('./seed');

const MIGRATION = require(path.join(bench.APP_DIR, 'database', 'migrations', '2026.11.23T00.00.00.indeks-daftar-dan-tenggat.js'));
const UID = 'api::berita.berita';
const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name]);
const SIZES = env('BENCH_ROWS', '10000,1000000')
  .split(',')
  .map((value) => Number(value.trim().replace(/_/g, '')))
  .filter((value) => Number.isInteger(value) && value > 0);
const LIST_N = Number(env('BENCH_LIST_N', 200));
const NOINDEX_N = Number(env('BENCH_NOINDEX_N', 40));
const TRANSITION_N = Number(env('BENCH_TRANSITION_N', 100));
const CONCURRENCY = Number(env('BENCH_CONCURRENCY', 4));
const COMPARE = env('BENCH_COMPARE_INDEXES', '1') !== '0';
const ROUNDS = Number(env('BENCH_ROUNDS', 4));
const round = (value) => Math.round(value * 10) / 10;

/** The list views, as the admin panel's ListViewPage requests them (page/pageSize/sort first, then the filters). */
const listViews = (year) => ({
  daftar: {
    label: `list: ${year} + diparaf_kasi, sort urutAgenda, 25`,
    query: {
      page: '1',
      pageSize: '25',
      sort: 'urutAgenda:ASC',
      filters: { $and: [{ tahunAgenda: { $eq: String(year) } }, { tahap: { $eq: 'diparaf_kasi' } }] },
    },
  },
  arsip: {
    label: `list: ${year - 1} + diarsipkan, sort urutAgenda, 25`,
    query: {
      page: '1',
      pageSize: '25',
      sort: 'urutAgenda:ASC',
      filters: { $and: [{ tahunAgenda: { $eq: String(year - 1) } }, { tahap: { $eq: 'diarsipkan' } }] },
    },
  },
  tugas: {
    label: 'list: diteruskan_ke_kasi, sort tenggat, 25',
    query: { page: '1', pageSize: '25', sort: 'tenggat:ASC', filters: { $and: [{ tahap: { $eq: 'diteruskan_ke_kasi' } }] } },
  },
  bawaan: {
    label: 'list as it opens: sort waktuDiterima DESC, 10',
    query: { page: '1', pageSize: '10', sort: 'waktuDiterima:DESC' },
  },
});

const listPath = (query) => `/content-manager/collection-types/${UID}?${qs.stringify(query, { encode: true })}`;

const latencySummary = (latencies, extra = {}) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, ...extra };
  return {
    n: sorted.length,
    p50: round(bench.percentile(sorted, 50)),
    p95: round(bench.percentile(sorted, 95)),
    p99: round(bench.percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
    ...extra,
  };
};

/** The SQL the app sends for the overdue digest (src/sop/digest.ts) and one day of the buku agenda (src/letters/registry.ts). */
const SQL_QUERIES = {
  digest: {
    label: 'sql: overdue digest (berita)',
    text: `select "t0"."document_id", "t0"."tahap", "t0"."tenggat", "t0"."nomor_agenda", "t0"."perihal", "t0"."id" from "public"."berita" as "t0"
            where ("t0"."tenggat" < $1 and "t0"."tahap" not in ($2, $3)) order by "t0"."tenggat" asc, "t0"."id" asc`,
    values: () => [new Date(), 'diarsipkan', 'batal'],
  },
  agenda: {
    label: 'sql: buku agenda, a range of ~50 berita',
    text: `select "t0".* from "public"."berita" as "t0"
            where ("t0"."nomor_agenda" is not null and ("t0"."waktu_diterima" >= $1 and "t0"."waktu_diterima" < $2))`,
    // From 1 October of the year, as long as ~50 seeded berita take to arrive (seed.js spreads a year's rows over 320 days),
    // so the result has the same size at every table size and only the lookup is compared.
    values: ({ year, perYear }) => {
      const from = Date.UTC(year, 9, 1) - 7 * 3600e3;
      return [new Date(from), new Date(from + (50 * 320 * 86400e3) / perYear)];
    },
  },
};

const STEP_ROWS = ['registrasi (content manager)', ...bench.STEPS, 'all transitions'];

const stepFigures = (raw) => {
  const rows = STEP_ROWS.map((step) => bench.summarise(step, raw[step].latencies, raw[step].wall, raw[step].errors));
  const byStep = Object.fromEntries(rows.map((row) => [row.step, row]));
  const all = byStep['all transitions'];
  const registration = byStep['registrasi (content manager)'];
  return {
    p50: all.p50,
    p95: all.p95,
    p99: all.p99,
    errors: rows.reduce((sum, row) => sum + row.errors, 0),
    registrationP50: registration.p50,
    registrationP95: registration.p95,
    steps: rows,
  };
};

const login = async (call, user) => {
  const response = await call('POST', '/admin/login', { body: { email: user.email, password: user.password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.token;
};

const jakartaYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));

/** A scratch database with the production server on it and `rows` seeded berita. */
const prepareSize = async (rows, log, prepared) => {
  const { Client } = require('pg');
  const database = `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const port = await bench.freePort();
  const url = new URL(bench.ADMIN_URL);
  url.pathname = `/${database}`;
  const size = { rows, database, year: jakartaYear(), server: null, client: null };
  await bench.withAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
  prepared.push(size); // from here on, released in any case
  size.server = await bench.startServer(bench.serverEnvironment(database, port));
  size.client = new Client({ connectionString: url.toString() });
  await size.client.connect();
  log(`[${rows.toLocaleString('en')} rows] seeding berita in SQL …`);
  size.seed = await seedBerita(size.client, { rows, year: size.year });
  const {
    rows: [stats],
  } = await size.client.query(`select count(*)::int as n, pg_size_pretty(pg_total_relation_size('berita')) as bytes from berita`);
  size.count = stats.n;
  size.tableSize = stats.bytes;
  log(`[${rows.toLocaleString('en')} rows] seeded in ${size.seed.seconds} s (berita ${stats.bytes} with indexes)`);
  size.call = bench.makeClient(port, CONCURRENCY);
  size.kasi = await login(
    size.call,
    size.server.users.find((user) => user.key === 'kasi')
  );
  size.operator = await login(
    size.call,
    size.server.users.find((user) => user.key === 'operator')
  );
};

const releaseSize = async (size) => {
  if (size.client) await size.client.end().catch(() => undefined);
  if (size.server) await bench.stopServer(size.server.child).catch(() => undefined);
  await bench.withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${size.database} WITH (FORCE)`));
};

/** Pooled raw figures of one size, filled round by round. */
const emptyTally = () => ({ list: {}, sql: {}, steps: Object.fromEntries(STEP_ROWS.map((step) => [step, { latencies: [], wall: 0, errors: 0 }])) });

/** One round on one size: each list view and SQL query `listN` times one at a time (latency, not throughput), then the SOP steps. */
const measureRound = async (size, tally, { listN, listWarmup, stepsN, stepsWarmup }) => {
  for (const [key, view] of Object.entries(listViews(size.year))) {
    const entry = (tally.list[key] = tally.list[key] || { label: view.label, latencies: [], errors: 0 });
    const target = listPath(view.query);
    for (let i = 0; i < listWarmup + listN; i += 1) {
      const response = await size.call('GET', target, { token: size.kasi });
      if (response.status !== 200) {
        entry.errors += 1;
        if (entry.errors === 1) console.error(`list ${key} failed: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
        continue;
      }
      if (i >= listWarmup) entry.latencies.push(response.ms);
      entry.total = response.body.pagination.total;
      entry.rows = response.body.results.length;
    }
  }
  for (const [key, spec] of Object.entries(SQL_QUERIES)) {
    const entry = (tally.sql[key] = tally.sql[key] || { label: spec.label, latencies: [] });
    const values = spec.values({ year: size.year, perYear: size.seed.perYear });
    const warmup = Math.min(listWarmup, 5);
    for (let i = 0; i < warmup + listN; i += 1) {
      const started = process.hrtime.bigint();
      const result = await size.client.query(spec.text, values);
      if (i >= warmup) entry.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      entry.rows = result.rowCount;
    }
  }
  if (stepsN > 0) {
    const rows = await bench.measureTransitions({
      call: size.call,
      token: size.operator,
      n: stepsN,
      concurrency: CONCURRENCY,
      warmup: stepsWarmup,
      log: () => undefined,
    });
    for (const step of STEP_ROWS) {
      tally.steps[step].latencies.push(...rows.raw[step].latencies);
      tally.steps[step].wall += rows.raw[step].wall;
      tally.steps[step].errors += rows.raw[step].errors;
    }
  }
};

const finish = (tally) => ({
  list: Object.fromEntries(
    Object.entries(tally.list).map(([key, entry]) => [
      key,
      latencySummary(entry.latencies, { label: entry.label, errors: entry.errors, rows: entry.rows, total: entry.total }),
    ])
  ),
  sql: Object.fromEntries(
    Object.entries(tally.sql).map(([key, entry]) => [key, latencySummary(entry.latencies, { label: entry.label, rows: entry.rows })])
  ),
  steps: stepFigures(tally.steps),
});

/**
 * Measures every size in rounds, taking turns (size A, size B, size A, …), so that a busy machine
 * weighs on every size alike and the growth ratios compare like with like.
 */
const measureAll = async (sizes, { rounds, listN, stepsN, log, phase }) => {
  const tallies = sizes.map(() => emptyTally());
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, size] of sizes.entries()) {
      log(`[${phase}] round ${round + 1}/${rounds}: ${size.count.toLocaleString('en')} rows (load ${os.loadavg()[0].toFixed(2)})`);
      await measureRound(size, tallies[index], {
        listN: Math.ceil(listN / rounds),
        listWarmup: round === 0 ? 20 : 2,
        stepsN: Math.ceil(stepsN / rounds),
        stepsWarmup: round === 0 ? 10 : 0,
      });
    }
  }
  return tallies.map(finish);
};

const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null);

/** Growth ratios (largest size / smallest size) of the figures that must stay flat. */
const growth = (small, large, variant = 'withIndexes') => {
  const s = small[variant];
  const l = large[variant];
  if (!s || !l) return null;
  const out = { from: small.rows, to: large.rows };
  for (const key of Object.keys(l.list)) out[`list_${key}_p95`] = ratio(l.list[key].p95, s.list[key].p95);
  for (const key of Object.keys(l.sql)) out[`sql_${key}_p95`] = ratio(l.sql[key].p95, s.sql[key].p95);
  if (l.steps && s.steps) {
    out.transition_p50 = ratio(l.steps.p50, s.steps.p50);
    out.transition_p95 = ratio(l.steps.p95, s.steps.p95);
    out.registration_p50 = ratio(l.steps.registrationP50, s.steps.registrationP50);
    out.registration_p95 = ratio(l.steps.registrationP95, s.steps.registrationP95);
  }
  return out;
};

const runListQueryBench = async ({ sizes = SIZES, log = console.log } = {}) => {
  const started = Date.now();
  const prepared = [];
  const results = [];
  try {
    for (const rows of sizes) await prepareSize(rows, log, prepared);
    const withIndexes = await measureAll(prepared, { rounds: ROUNDS, listN: LIST_N, stepsN: TRANSITION_N, log, phase: 'with indexes' });
    let withoutIndexes = null;
    let dropped = [];
    if (COMPARE) {
      dropped = MIGRATION.INDEXES.filter((index) => index.table === 'berita').map((index) => index.name);
      for (const size of prepared) {
        await size.client.query(`DROP INDEX IF EXISTS ${dropped.join(', ')}`);
        await size.client.query('ANALYZE berita');
      }
      log(`dropped the migration's berita indexes (${dropped.join(', ')})`);
      const rounds = Math.min(ROUNDS, 2);
      withoutIndexes = await measureAll(prepared, { rounds, listN: NOINDEX_N, stepsN: TRANSITION_N, log, phase: 'without indexes' });
    }
    for (const [index, size] of prepared.entries()) {
      const rss = await bench.serverRss(size.server.child);
      results.push({
        rows: size.count,
        database: 'postgres',
        seed: size.seed,
        tableSize: size.tableSize,
        serverRssMb: Math.round(rss / 1048576),
        withIndexes: withIndexes[index],
        withoutIndexes: withoutIndexes ? { dropped, ...withoutIndexes[index] } : null,
      });
    }
  } finally {
    for (const size of prepared) await releaseSize(size);
  }
  const sorted = [...results].sort((a, b) => a.rows - b.rows);
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  return {
    benchmark: 'list-query',
    sizes: results,
    growth: sorted.length > 1 ? { withIndexes: growth(small, large), withoutIndexes: COMPARE ? growth(small, large, 'withoutIndexes') : null } : null,
    settings: { rounds: ROUNDS, listN: LIST_N, noIndexN: NOINDEX_N, transitionN: TRANSITION_N, concurrency: CONCURRENCY },
    seconds: Math.round((Date.now() - started) / 1000),
  };
};

const table = (header, lines) => {
  const cells = lines.map((line) => line.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))));
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const format = (line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(format)].join('\n');
};

/** Rows: one per measured figure; columns: each size (with / without indexes) and the growth ratio. */
const formatListQuery = (result) => {
  const sizes = [...result.sizes].sort((a, b) => a.rows - b.rows);
  const compare = sizes.some((size) => size.withoutIndexes);
  const header = ['milliseconds (list and sql: p95)'];
  for (const size of sizes) {
    header.push(`${size.rows.toLocaleString('en')}`);
    if (compare) header.push(`${size.rows.toLocaleString('en')} no idx`);
  }
  if (sizes.length > 1) {
    header.push('growth');
    if (compare) header.push('growth no idx');
  }
  const first = sizes[0].withIndexes;
  const keys = [
    ...Object.entries(first.list).map(([key, value]) => ({ label: value.label, get: (v) => v.list[key].p95, g: `list_${key}_p95` })),
    ...Object.entries(first.sql).map(([key, value]) => ({ label: value.label, get: (v) => v.sql[key].p95, g: `sql_${key}_p95` })),
    { label: 'SOP step p50 (operator, 4 steps)', get: (v) => v.steps && v.steps.p50, g: 'transition_p50' },
    { label: 'SOP step p95 (operator, 4 steps)', get: (v) => v.steps && v.steps.p95, g: 'transition_p95' },
    { label: 'registration p50 (content-manager create)', get: (v) => v.steps && v.steps.registrationP50, g: 'registration_p50' },
    { label: 'registration p95 (content-manager create)', get: (v) => v.steps && v.steps.registrationP95, g: 'registration_p95' },
  ];
  const lines = keys.map((key) => {
    const line = [key.label];
    for (const size of sizes) {
      line.push(key.get(size.withIndexes));
      if (compare) line.push(size.withoutIndexes ? key.get(size.withoutIndexes) : null);
    }
    if (sizes.length > 1) {
      line.push(result.growth.withIndexes[key.g]);
      if (compare) line.push(result.growth.withoutIndexes ? result.growth.withoutIndexes[key.g] : null);
    }
    return line;
  });
  return table(header, lines);
};

module.exports = { runListQueryBench, formatListQuery, listViews, listPath, SIZES };

if (require.main === module) {
  runListQueryBench()
    .then((result) => {
      console.log('');
      console.log(formatListQuery(result));
      console.log(JSON.stringify(result));
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
