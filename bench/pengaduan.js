'use strict';
/**
 * npm run bench:pengaduan — complaint intake throughput and latency on PostgreSQL (issue 14).
 *
 * Compiles the app (dist/), creates a scratch database, and loads, one after the other:
 *   api        POST /api/pengaduan: the real route (intake middleware, zod, ticket, hash, audit), one server process
 *   api2       the same on two server processes on the same database, the load spread over both
 *   documents  strapi.documents(uid).create() on the same table, same server process
 *   query      strapi.db.query(uid).create() on the same table, same server process
 *   bare       bare Node http + pg: one pooled insert of the same row per request, nothing else
 * BENCH_CONCURRENCY (32) requests are kept in flight, each worker from its own loopback address
 * (127.0.0.2, 127.0.0.3, …: the rate limiter sees 32 clients). Strapi runs with NODE_ENV=production,
 * the limit lifted by PENGADUAN_RATE_LIMIT, and — so that both processes share one count, as a
 * deployment of several processes must — the rate limit in Redis (BENCH_REDIS_URL, default
 * redis://127.0.0.1:6379; "off" = in memory), under a prefix of this run that is removed after.
 * CPU: user+system seconds of each server process, of the PostgreSQL backends of the scratch
 * database, of every PostgreSQL process (WAL writer, checkpointer … too), of the Redis server and
 * of this load generator, over each measured window, as a share of one core; the busy cores of the
 * whole machine (/proc/stat: every process and the kernel's network work); and the servers' and
 * PostgreSQL's CPU per request in ms (cpuMsPerRequest) — the figure to compare on a shared
 * machine, whose load moves the throughput.
 * Prints a table, the ratios and goals (api/bare ≥ 0.35, api p99 ≤ 250 ms, api2/api ≥ 1.3), and one
 * JSON object (last line). Settings: BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3),
 * BENCH_PENGADUAN_TARGETS (api,api2,documents,query,bare), BENCH_POSTGRES_URL or
 * TEST_POSTGRES_URL, BENCH_SKIP_COMPILE=1 to use the dist/ of an earlier `npm run build`.
 */
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { fork } = require('child_process');
const { APP_DIR, ADMIN_URL, withAdmin, serverEnvironment, percentile } = require('./transitions');
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 32);
const TARGETS = (process.env.BENCH_PENGADUAN_TARGETS || 'api,api2,documents,query,bare').split(',').map((value) => value.trim());
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const GOALS = { apiToBare: 0.35, apiP99Ms: 250, twoProcesses: 1.3 };
const fs = require('fs');
const { Client } = require('pg');
const TICKS = 100; // USER_HZ of /proc/<pid>/stat on Linux

/** user+system CPU seconds of a process so far (0 when it is gone). */
const cpuSeconds = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
};

/** Busy and total CPU seconds of the whole machine so far, all cores (/proc/stat; steal counts as busy). */
const machineCpu = () => {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  return {
    busy: (user + nice + system + irq + softirq + steal) / TICKS,
    total: (user + nice + system + idle + iowait + irq + softirq + steal) / TICKS,
  };
};

/** Process ids of every process whose command name (/proc/<pid>/comm) is `name` (e.g. the Redis server). */
const processesNamed = (name) =>
  fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);

/** Process ids of the PostgreSQL backends serving `database` right now. */
const backendPids = async (database) => {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query('select pid from pg_stat_activity where datname = $1', [database]);
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
};

const start = (script, env) =>
  new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node flags of the server processes.
    const execArgv = (process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean);
    const child = fork(path.join(__dirname, script), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

/**
 * Keeps CONCURRENCY requests in flight for `seconds`, worker i from 127.0.0.(2 + i) to
 * ports[i % ports.length]; latencies in ms of the 201s.
 */
const load = async (ports, route, seconds) => {
  const agents = Array.from(
    { length: CONCURRENCY },
    (_, index) => new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${Math.floor((index + 2) / 256)}.${(index + 2) % 256}` })
  );
  const latencies = [];
  const failures = new Map();
  const deadline = Date.now() + seconds * 1000;
  const one = (index) =>
    new Promise((resolve) => {
      const payload = body();
      const started = process.hrtime.bigint();
      const request = http.request(
        {
          host: '127.0.0.1',
          port: ports[index % ports.length],
          method: 'POST',
          path: route,
          agent: agents[index],
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
        },
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
  const worker = async (index) => {
    while (Date.now() < deadline) await one(index);
  };
  const began = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index)));
  const elapsed = (Date.now() - began) / 1000;
  for (const agent of agents) agent.destroy();
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

/**
 * Warm-up, then one measured window; CPU of the servers (`servers`: label → pid), of the
 * database's backends and of this process over that window, in shares of one core.
 */
const measure = async (label, ports, route, { database, servers }) => {
  await load(ports, route, WARMUP);
  const backends = await backendPids(database);
  // the whole of PostgreSQL (WAL writer, checkpointer … besides the backends) and of Redis, and the machine
  const postgresAll = processesNamed('postgres');
  const redis = processesNamed('redis-server');
  const sum = (pids) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const before = {
    servers: servers.map((server) => cpuSeconds(server.pid)),
    postgres: backends.map(cpuSeconds),
    postgresAll: sum(postgresAll),
    redis: sum(redis),
    machine: machineCpu(),
    bench: process.cpuUsage(),
  };
  const result = await load(ports, route, SECONDS);
  const cores = (seconds) => Number((seconds / result.seconds).toFixed(2));
  const benchUsage = process.cpuUsage(before.bench);
  result.cpu = {
    servers: Object.fromEntries(servers.map((server, index) => [server.label, cores(cpuSeconds(server.pid) - before.servers[index])])),
    postgres: cores(backends.reduce((sum, pid, index) => sum + cpuSeconds(pid) - before.postgres[index], 0)),
    loadGenerator: cores((benchUsage.user + benchUsage.system) / 1e6),
    postgresAll: cores(sum(postgresAll) - before.postgresAll),
    redis: cores(sum(redis) - before.redis),
  };
  const machine = machineCpu();
  // busy cores of the whole machine over the window (all processes: the above, the kernel's network work, anything else)
  result.cpu.machineBusy = Number(
    (((machine.busy - before.machine.busy) / (machine.total - before.machine.total)) * require('os').cpus().length).toFixed(2)
  );
  // CPU per request in ms: what a shared machine's load changes least (throughput follows the free cores)
  const perRequest = (value) => (result.requests > 0 ? Number(((value * result.seconds * 1000) / result.requests).toFixed(3)) : null);
  result.cpuMsPerRequest = {
    servers: perRequest(Object.values(result.cpu.servers).reduce((sum, value) => sum + value, 0)),
    postgres: perRequest(result.cpu.postgres),
  };
  const cpu = [
    ...Object.entries(result.cpu.servers).map(([name, value]) => `${name} ${value}`),
    `postgres ${result.cpu.postgres}`,
    `bench ${result.cpu.loadGenerator}`,
    `all PostgreSQL ${result.cpu.postgresAll}`,
    `redis ${result.cpu.redis}`,
    `machine busy ${result.cpu.machineBusy} of ${require('os').cpus().length}`,
  ].join(', ');
  console.log(
    `${label.padEnd(10)} ${String(result.perSecond).padStart(8)} req/s   p50 ${String(result.p50).padStart(8)} ms   p99 ${String(result.p99).padStart(8)} ms   (${result.requests} ok${
      Object.keys(result.failures).length ? `, failures ${JSON.stringify(result.failures)}` : ''
    }; CPU in cores: ${cpu}; CPU ms per request: server ${result.cpuMsPerRequest.servers}, postgres ${result.cpuMsPerRequest.postgres})`
  );
  return result;
};

const main = async () => {
  const began = Date.now();
  const database = `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const redisPrefix = `meja-sandi-bench:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const useRedis = REDIS_URL !== 'off';
  const env = {
    ...serverEnvironment(database, 0),
    DATABASE_POOL_MAX: '10',
    PENGADUAN_RATE_LIMIT: '1000000000',
    PENGADUAN_RATE_LIMIT_REDIS_URL: useRedis ? REDIS_URL : '',
    PENGADUAN_RATE_LIMIT_REDIS_PREFIX: redisPrefix,
  };

  console.log(
    `Meja Sandi bench: pengaduan intake on PostgreSQL — ${CONCURRENCY} in flight from ${CONCURRENCY} loopback addresses, ${WARMUP} s warm-up + ${SECONDS} s per target; rate limit ${useRedis ? `in Redis (${REDIS_URL})` : 'in memory'}`
  );
  process.env.NODE_ENV = 'production';
  if (process.env.BENCH_SKIP_COMPILE !== '1') {
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir: APP_DIR });
  }
  await withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  const results = {};
  const want = (target) => TARGETS.includes(target);
  try {
    if (want('api') || want('api2') || want('documents') || want('query')) {
      const first = await start('pengaduan-strapi-server.js', env);
      const one = [{ label: 'strapi', pid: first.child.pid }];
      try {
        if (want('api')) results.api = await measure('api', [first.port], '/api/pengaduan', { database, servers: one });
        if (want('documents')) results.documents = await measure('documents', [first.port], '/__bench/documents', { database, servers: one });
        if (want('query')) results.query = await measure('query', [first.port], '/__bench/query', { database, servers: one });
        if (want('api2')) {
          const second = await start('pengaduan-strapi-server.js', env);
          try {
            results.api2 = await measure('api2', [first.port, second.port], '/api/pengaduan', {
              database,
              servers: [
                { label: 'strapi#1', pid: first.child.pid },
                { label: 'strapi#2', pid: second.child.pid },
              ],
            });
          } finally {
            await stop(second.child);
          }
        }
      } finally {
        await stop(first.child);
      }
    }
    if (want('bare')) {
      const bare = await start('pengaduan-bare-server.js', env);
      try {
        results.bare = await measure('bare', [bare.port], '/', { database, servers: [{ label: 'bare', pid: bare.child.pid }] });
      } finally {
        await stop(bare.child);
      }
    }
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    if (useRedis) {
      const Redis = require('ioredis');
      const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        const keys = await redis.keys(`${redisPrefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      } catch (error) {
        console.error(`Redis keys of ${redisPrefix} not removed: ${error.message}`);
      } finally {
        redis.disconnect();
      }
    }
  }

  const ratio = (a, b, digits = 3) =>
    results[a] && results[b] && results[b].perSecond > 0 ? Number((results[a].perSecond / results[b].perSecond).toFixed(digits)) : null;
  const ratios = {
    apiToBare: ratio('api', 'bare'),
    api2ToBare: ratio('api2', 'bare'),
    twoProcesses: ratio('api2', 'api'),
    documentsToBare: ratio('documents', 'bare'),
    queryToBare: ratio('query', 'bare'),
    apiToDocuments: ratio('api', 'documents'),
    p50ApiOverBare: results.api && results.bare ? Number((results.api.p50 / results.bare.p50).toFixed(2)) : null,
    p99ApiOverBare: results.api && results.bare ? Number((results.api.p99 / results.bare.p99).toFixed(2)) : null,
  };
  const verdict = (value, goal, atMost = false) => (value === null || value === undefined ? null : atMost ? value <= goal : value >= goal);
  const goals = {
    apiToBare: { goal: `>= ${GOALS.apiToBare}`, value: ratios.apiToBare, met: verdict(ratios.apiToBare, GOALS.apiToBare) },
    apiP99Ms: {
      goal: `<= ${GOALS.apiP99Ms}`,
      value: results.api ? results.api.p99 : null,
      met: verdict(results.api && results.api.p99, GOALS.apiP99Ms, true),
    },
    api2P99Ms: {
      goal: `<= ${GOALS.apiP99Ms}`,
      value: results.api2 ? results.api2.p99 : null,
      met: verdict(results.api2 && results.api2.p99, GOALS.apiP99Ms, true),
    },
    twoProcesses: { goal: `>= ${GOALS.twoProcesses}`, value: ratios.twoProcesses, met: verdict(ratios.twoProcesses, GOALS.twoProcesses) },
  };
  console.log(
    `ratios (throughput): api/bare ${ratios.apiToBare} · api2/bare ${ratios.api2ToBare} · api2/api ${ratios.twoProcesses} · documents/bare ${ratios.documentsToBare} · query/bare ${ratios.queryToBare} · api/documents ${ratios.apiToDocuments}`
  );
  for (const [key, goal] of Object.entries(goals))
    console.log(`goal ${key} ${goal.goal}: ${goal.value} — ${goal.met === null ? 'not measured' : goal.met ? 'met' : 'NOT met'}`);
  console.log(
    `run took ${Math.round((Date.now() - began) / 1000)} s · load ${require('os')
      .loadavg()
      .map((value) => value.toFixed(2))
      .join('/')}`
  );
  console.log(
    JSON.stringify({
      bench: 'pengaduan',
      database: 'postgresql',
      nodeEnv: 'production',
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      rateLimitStore: useRedis ? 'redis' : 'memory',
      node: process.version,
      cpus: require('os').cpus().length,
      results,
      ratios,
      goals,
    })
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
