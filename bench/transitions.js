#!/usr/bin/env node
'use strict';
/**
 * Transition latency on PostgreSQL (issue 3's closing figures).
 *
 *   npm run bench:transitions
 *
 * Compiles the app to dist/ (skip with BENCH_SKIP_COMPILE=1 after `npm run build`),
 * creates a fresh PostgreSQL database, boots the server in production mode in a child
 * process, registers BENCH_N berita (default 200) through the content-manager API and
 * walks each through the operator's four steps (diperiksa, dicetak, diagendakan,
 * diteruskan_ke_kasi) over HTTP with BENCH_CONCURRENCY requests in flight (default 4).
 * Prints p50/p95/p99/max latency and throughput per step as a table and as one JSON
 * line, checks the audit chain, and drops the database.
 *
 * With BENCH_SERVERS=2 two server processes serve the same database, the requests spread over
 * both in turn (the CPU column is then the sum of both processes).
 *
 * Environment: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres,
 * a role allowed to create databases), BENCH_N, BENCH_CONCURRENCY, BENCH_WARMUP (10), BENCH_SERVERS (1),
 * BENCH_PORT (a free port is picked), BENCH_SERVER_NODE_ARGS (Node flags of the server, e.g. --cpu-prof).
 */
const crypto = require('crypto');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');

const APP_DIR = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_N || 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 4);
const WARMUP = Number(process.env.BENCH_WARMUP || 10);
const STEPS = ['diperiksa', 'dicetak', 'diagendakan', 'diteruskan_ke_kasi'];
const UID = 'api::berita.berita';

const random = () => crypto.randomBytes(32).toString('base64');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const withAdmin = async (work) => {
  const { Client } = require('pg');
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Every variable the app reads, so neither `.env` nor the shell leaks in. */
const serverEnvironment = (database, port) => {
  const url = new URL(ADMIN_URL);
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    IS_PROXIED: 'false',
    CRON_ENABLED: 'false',
    APP_KEYS: [random(), random()].join(','),
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(),
    SALINAN_KEY: random(),
    AUDIT_KEY: random(),
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: '',
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port || '5432',
    DATABASE_NAME: database,
    DATABASE_USERNAME: decodeURIComponent(url.username || 'postgres'),
    DATABASE_PASSWORD: decodeURIComponent(url.password || ''),
    DATABASE_SSL: 'false',
    SMTP_HOST: '',
  };
};

const startServer = (env) =>
  new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node flags of the server process (as bench:pengaduan).
    const execArgv = (process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean);
    const child = fork(path.join(__dirname, 'server.js'), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => reject(new Error('server did not start within 120 s')), 120000);
    const onMessage = (message) => {
      if (message && message.type === 'ready') {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({ child, users: message.users });
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
  });

const stopServer = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
    setTimeout(() => child.kill('SIGKILL'), 15000).unref();
  });

/** Asks the server process (bench/server.js) one question over IPC; resolves with its answer message. */
const askServer = (child, type) =>
  new Promise((resolve) => {
    const onMessage = (message) => {
      if (message && message.type === type) {
        child.off('message', onMessage);
        resolve(message);
      }
    };
    child.on('message', onMessage);
    child.send({ type });
  });

const serverRss = (child) => askServer(child, 'memory').then((message) => message.rss);

const makeClient = (port, concurrency = CONCURRENCY) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(concurrency, 1) });
  return (method, pathname, { token, body } = {}) =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = process.hrtime.bigint();
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: pathname,
          agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString('utf8');
            let json;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            resolve({ status: response.statusCode, body: json, ms });
          });
        }
      );
      // a connection reset or refused counts as a failed request (status 0) of its step, as an error answer does, instead of ending the run
      request.on('error', (error) =>
        resolve({
          status: 0,
          body: { error: { name: error.code || error.name, message: error.message } },
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        })
      );
      if (payload) request.write(payload);
      request.end();
    });
};

/** Runs `work(item)` over the items with at most `limit` in flight; returns wall time in ms. */
const pool = async (items, limit, work) => {
  const started = process.hrtime.bigint();
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index], index);
    }
  });
  await Promise.all(workers);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (value) => Math.round(value * 10) / 10;

const summarise = (name, latencies, wallMs, errors) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    step: name,
    n: sorted.length,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    perSecond: round((sorted.length / wallMs) * 1000),
  };
};

/**
 * User + system CPU time (ms) the server process has used so far, from /proc/<pid>/stat
 * (clock ticks of 10 ms); null where /proc is not there or no pid is given.
 */
const serverCpuMs = (pid) => {
  if (Array.isArray(pid)) {
    const each = pid.map(serverCpuMs);
    return each.includes(null) ? null : each.reduce((sum, ms) => sum + ms, 0);
  }
  if (!pid) return null;
  try {
    const stat = require('fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
};

/** A summary row with the server's CPU per request (ms) and its share of a core over the wall time. */
const withCpu = (row, cpuMs) =>
  cpuMs === null || cpuMs === undefined || row.n === 0
    ? row
    : { ...row, cpuMsPerRequest: round(cpuMs / row.n), cores: Math.round((cpuMs / ((row.n / row.perSecond) * 1000)) * 100) / 100 };

const printTable = (rows) => {
  const header = ['step', 'n', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'req/s', 'CPU ms/req', 'cores'];
  const lines = rows.map((row) =>
    [row.step, row.n, row.errors, row.p50, row.p95, row.p99, row.max, row.mean, row.perSecond, row.cpuMsPerRequest ?? '–', row.cores ?? '–'].map(
      String
    )
  );
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
};

const beritaBody = (index) => ({
  perihal: `Berita uji beban ${index + 1}`,
  pengirim: 'Badan Siber dan Sandi Negara',
  waktuDiterima: new Date().toISOString(),
  nomorSurat: `B-${index + 1}/BSSN/BENCH`,
  sifat: 'biasa',
  derajatKecepatan: 'segera',
  isiRingkas: 'Berita untuk pengukuran latensi transisi.',
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota', kategori: 'walikota', saluran: 'ajudan' },
    { nama: 'Kepala Dinas Kesehatan', jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
});

/**
 * Registers `n` berita through the content-manager API and walks each through the
 * operator's four steps over HTTP (after `warmup` berita walked and not counted).
 * Returns one summary row per step plus the registration and "all transitions" rows.
 */
const measureTransitions = async ({ call, token, n = N, concurrency = CONCURRENCY, warmup = WARMUP, log = console.log, serverPid }) => {
  const register = async (count, offset) => {
    const ids = [];
    const latencies = [];
    let errors = 0;
    const wall = await pool(
      Array.from({ length: count }, (_, i) => offset + i),
      concurrency,
      async (index) => {
        const response = await call('POST', `/content-manager/collection-types/${UID}`, { token, body: beritaBody(index) });
        if (response.status !== 201 && response.status !== 200) {
          errors += 1;
          if (errors === 1) console.error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
          return;
        }
        latencies.push(response.ms);
        ids.push(response.body.data.documentId);
      }
    );
    return { ids, latencies, wall, errors };
  };

  const walk = async (ids, ke) => {
    const latencies = [];
    let errors = 0;
    const cpuBefore = serverCpuMs(serverPid);
    const wall = await pool(ids, concurrency, async (documentId) => {
      const response = await call('POST', `/sop/berita/${documentId}/transisi`, { token, body: { ke } });
      if (response.status !== 200) {
        errors += 1;
        if (errors === 1) console.error(`${ke} failed: ${response.status} ${JSON.stringify(response.body)}`);
        return;
      }
      latencies.push(response.ms);
    });
    const cpuAfter = serverCpuMs(serverPid);
    return { latencies, wall, errors, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  };

  // Warm-up (JIT, connection pool, query plans): walked but not counted.
  const warm = await register(warmup, n);
  for (const ke of STEPS) await walk(warm.ids, ke);

  log(`measuring: ${n} berita × ${STEPS.length} steps, ${concurrency} requests in flight, PostgreSQL, NODE_ENV=production`);
  const rows = [];
  // The raw figures ride along (not serialised) for callers that pool several runs.
  const raw = {};
  const registered = await register(n, 0);
  raw['registrasi (content manager)'] = registered;
  rows.push(summarise('registrasi (content manager)', registered.latencies, registered.wall, registered.errors));
  const all = [];
  let allWall = 0;
  let allErrors = 0;
  let allCpu = 0;
  for (const ke of STEPS) {
    const result = await walk(registered.ids, ke);
    raw[ke] = result;
    rows.push(withCpu(summarise(ke, result.latencies, result.wall, result.errors), result.cpuMs));
    all.push(...result.latencies);
    allWall += result.wall;
    allErrors += result.errors;
    allCpu = allCpu === null || result.cpuMs === null ? null : allCpu + result.cpuMs;
  }
  raw['all transitions'] = { latencies: all, wall: allWall, errors: allErrors, cpuMs: allCpu };
  rows.push(withCpu(summarise('all transitions', all, allWall, allErrors), allCpu));
  rows.load = os.loadavg().map((value) => round(value));
  rows.raw = raw;
  return rows;
};

const SERVERS = Number(process.env.BENCH_SERVERS || 1);

/** A client that sends each request to the next of `clients` in turn (several server processes, one database). */
const roundRobin = (clients) => {
  let next = 0;
  return (...args) => clients[next++ % clients.length](...args);
};

const main = async () => {
  const database = `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const port = Number(process.env.BENCH_PORT || (await freePort()));
  const env = serverEnvironment(database, port);
  if (!Number.isInteger(SERVERS) || SERVERS < 1) throw new Error(`BENCH_SERVERS must be a whole number ≥ 1, not ${process.env.BENCH_SERVERS}`);

  if (process.env.BENCH_SKIP_COMPILE !== '1') {
    // @strapi/strapi reads `.env` when loaded; the production-like values go in first.
    Object.assign(process.env, env);
    const { compileStrapi } = require('@strapi/strapi');
    console.log('compiling the app to dist/ …');
    await compileStrapi({ appDir: APP_DIR });
  }

  await withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  let server;
  const others = [];
  try {
    const bootStarted = Date.now();
    server = await startServer(env);
    const bootMs = Date.now() - bootStarted;
    const clients = [makeClient(port)];
    for (let i = 1; i < SERVERS; i += 1) {
      // after the first has synced the schema: the others boot onto the same tables, as a deployment's do
      const otherPort = await freePort();
      others.push(await startServer({ ...env, PORT: String(otherPort) }));
      clients.push(makeClient(otherPort));
    }
    const call = roundRobin(clients);
    const operator = server.users.find((user) => user.key === 'operator');
    const login = await call('POST', '/admin/login', { body: { email: operator.email, password: operator.password } });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    const token = login.body.data.token;

    const loadBefore = os.loadavg().map((value) => Math.round(value * 10) / 10);
    const rows = await measureTransitions({ call, token, serverPid: [server, ...others].map((each) => each.child.pid) });

    const verify = await call('GET', '/sop/audit/verify', { token });
    const rss = await serverRss(server.child);
    const {
      rows: [pg],
    } = await withAdmin((client) => client.query('show server_version'));

    console.log('');
    printTable(rows);
    console.log(`load average ${loadBefore.join(' ')} before, ${rows.load.join(' ')} after`);
    console.log('');
    console.log(
      `${SERVERS} server process${SERVERS > 1 ? 'es' : ''} · server boot ${bootMs} ms · server RSS ${Math.round(rss / 1048576)} MB · audit chain ${verify.body.data.ok ? 'ok' : 'BROKEN'} (${verify.body.data.count} rows) · PostgreSQL ${pg.server_version} · ${os.cpus().length} CPU`
    );
    const result = {
      benchmark: 'transitions',
      database: 'postgres',
      postgres: pg.server_version,
      node: process.version,
      cpus: os.cpus().length,
      n: N,
      servers: SERVERS,
      concurrency: CONCURRENCY,
      warmup: WARMUP,
      bootMs,
      serverRssMb: Math.round(rss / 1048576),
      audit: verify.body.data,
      steps: rows,
      load: { before: loadBefore, after: rows.load },
    };
    console.log(JSON.stringify(result));
    if (rows.some((row) => row.errors > 0) || !verify.body.data.ok) process.exitCode = 1;
  } finally {
    for (const other of others) await stopServer(other.child);
    if (server) await stopServer(server.child);
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
};

module.exports = {
  APP_DIR,
  ADMIN_URL,
  STEPS,
  freePort,
  withAdmin,
  serverEnvironment,
  askServer,
  startServer,
  stopServer,
  serverRss,
  makeClient,
  pool,
  percentile,
  summarise,
  printTable,
  beritaBody,
  measureTransitions,
};

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
