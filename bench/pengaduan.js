'use strict';
/**
 * npm run bench:pengaduan — complaint intake throughput and latency on PostgreSQL.
 *
 * Compiles the app (dist/), creates a scratch database, and loads, one after the other:
 *   api        POST /api/pengaduan: the real route (intake middleware, zod, ticket, hash, audit)
 *   documents  strapi.documents(uid).create() on the same table, same server process
 *   query      strapi.db.query(uid).create() on the same table, same server process
 *   bare       bare Node http + pg inserting the same row (ticket counter + HMAC) in a transaction
 * Strapi runs with NODE_ENV=production and the rate limit lifted by its environment variable.
 * Prints a table, the ratios, and one JSON object (last line). Settings: BENCH_SECONDS (15),
 * BENCH_WARMUP_SECONDS (3), BENCH_CONCURRENCY (16), BENCH_POSTGRES_URL or TEST_POSTGRES_URL,
 * BENCH_SKIP_COMPILE=1 to use the dist/ of an earlier `npm run build`.
 */
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { fork } = require('child_process');
const { APP_DIR, ADMIN_URL, withAdmin, serverEnvironment, percentile } = require('./transitions');
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 16);

const start = (script, env) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => (message && message.ready ? resolve({ child, port: message.port }) : reject(new Error(String(message)))));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });

const stop = (child) =>
  new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });


let sequence = 0;
const body = () => {
  sequence += 1;
  return JSON.stringify({
    data: {
      nama: `Pelapor Bench ${sequence}`,
      kontak: `0812${String(10_000_000 + (sequence % 89_999_999)).padStart(8, '0')}`,
      isi: `Pengaduan uji beban nomor ${sequence}: antrean loket terlalu panjang dan tidak ada nomor antrean.`,
    },
  });
};

/** Keeps CONCURRENCY requests in flight for `seconds`; latencies in ms of the 201s. */
const load = async (port, route, seconds) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  const failures = new Map();
  const deadline = Date.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const payload = body();
      const started = process.hrtime.bigint();
      const request = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: route, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            if (response.statusCode === 201) latencies.push(ms);
            else failures.set(response.statusCode, (failures.get(response.statusCode) || 0) + 1);
            resolve();
          });
        }
      );
      request.on('error', (error) => {
        failures.set(error.code || 'error', (failures.get(error.code || 'error') || 0) + 1);
        resolve();
      });
      request.end(payload);
    });
  const worker = async () => {
    while (Date.now() < deadline) await one();
  };
  const began = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (Date.now() - began) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    failures: Object.fromEntries(failures),
    seconds: Number(elapsed.toFixed(2)),
    perSecond: Number((sorted.length / elapsed).toFixed(1)),
    p50: Number(percentile(sorted, 50).toFixed(2)),
    p99: Number(percentile(sorted, 99).toFixed(2)),
  };
};

const measure = async (label, port, route) => {
  await load(port, route, WARMUP);
  const result = await load(port, route, SECONDS);
  console.log(
    `${label.padEnd(10)} ${String(result.perSecond).padStart(8)} req/s   p50 ${String(result.p50).padStart(8)} ms   p99 ${String(result.p99).padStart(8)} ms   (${result.requests} ok${
      Object.keys(result.failures).length ? `, failures ${JSON.stringify(result.failures)}` : ''
    })`
  );
  return result;
};

const main = async () => {
  const began = Date.now();
  const database = `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const env = {
    ...serverEnvironment(database, 0),
    DATABASE_POOL_MAX: '10',
    PENGADUAN_RATE_LIMIT: '1000000000',
  };


  console.log(`Meja Sandi bench: pengaduan intake on PostgreSQL — ${CONCURRENCY} concurrent, ${WARMUP} s warm-up + ${SECONDS} s per target`);
  process.env.NODE_ENV = 'production';
  if (process.env.BENCH_SKIP_COMPILE !== '1') {
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir: APP_DIR });
  }
  await withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  const results = {};
  try {
    const strapi = await start('pengaduan-strapi-server.js', env);
    try {
      results.api = await measure('api', strapi.port, '/api/pengaduan');
      results.documents = await measure('documents', strapi.port, '/__bench/documents');
      results.query = await measure('query', strapi.port, '/__bench/query');
    } finally {
      await stop(strapi.child);
    }
    const bare = await start('pengaduan-bare-server.js', env);
    try {
      results.bare = await measure('bare', bare.port, '/');
    } finally {
      await stop(bare.child);
    }
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }

  const ratio = (a, b) => Number((results[a].perSecond / results[b].perSecond).toFixed(3));
  const ratios = {
    apiToBare: ratio('api', 'bare'),
    documentsToBare: ratio('documents', 'bare'),
    queryToBare: ratio('query', 'bare'),
    apiToDocuments: ratio('api', 'documents'),
    p50ApiOverBare: Number((results.api.p50 / results.bare.p50).toFixed(2)),
    p99ApiOverBare: Number((results.api.p99 / results.bare.p99).toFixed(2)),
  };
  console.log(
    `ratios (throughput): api/bare ${ratios.apiToBare} · documents/bare ${ratios.documentsToBare} · query/bare ${ratios.queryToBare} · api/documents ${ratios.apiToDocuments}`
  );
  console.log(`latency: api p50 ${ratios.p50ApiOverBare}× bare, p99 ${ratios.p99ApiOverBare}× bare · run took ${Math.round((Date.now() - began) / 1000)} s`);
  console.log(
    JSON.stringify({
      bench: 'pengaduan',
      database: 'postgresql',
      nodeEnv: 'production',
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      node: process.version,
      cpus: require('os').cpus().length,
      results,
      ratios,
    })
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
