#!/usr/bin/env node
'use strict';
/**
 * npm run bench — every benchmark of Meja Sandi, on PostgreSQL, against a production build.
 *
 *   npm run bench                          # sizes 10,000 and 1,000,000 berita (≈ 10–15 min on 2 cores)
 *   BENCH_ROWS=10000 npm run bench         # the short run (≈ 6 min)
 *
 * 1. build     `strapi build` with NODE_ENV=production (TypeScript to dist/ + the admin panel
 *              to dist/build) — always, so the figures are of the code as it is; BENCH_SKIP_BUILD=1
 *              reuses an existing build.
 * 2. letters   bench/letters.js      (npm run bench:letters)   kartu kendali per second, ours vs bare docxtemplater
 * 3. complaints bench/pengaduan.js   (npm run bench:pengaduan) POST /api/pengaduan on one and on two server
 *              processes vs documents/query/bare node+pg, 32 in flight from 32 loopback addresses, CPU per process
 * 4. transitions bench/transitions.js (npm run bench:transitions) SOP step latency on a fresh database, 32 in flight,
 *              on one server process and then on two over the same database (BENCH_SERVERS=2)
 * 5. scale     bench/list-query.js   admin list query p95 and SOP step p50/p95 at each BENCH_ROWS size,
 *              with and without the indexes of database/migrations, and the growth ratio
 * 6. boot      bench/boot.js         cold boot to /api/health 200 beside a bare Strapi app's boot
 * 7. intake    bench/intake.js       (npm run bench:intake)    messages per second from IMAP (Dovecot) to committed
 *              berita; reported as skipped when Dovecot is not installed
 * 8. evaluasi  bench/evaluasi.js     GET /sop/evaluasi (issue 16) with the berita table at BENCH_ROWS (default 1,000,000)
 *
 * Steps 2–4 run as child processes exactly as their npm scripts do (with BENCH_SKIP_COMPILE=1: the
 * build of step 1 is used); their output goes to stderr as progress. stdout gets the summary
 * table and, as its last line, ONE JSON object with every figure. Every database a step creates
 * is dropped by that step. BENCH_ONLY=letters,complaints,transitions,scale,boot runs a subset.
 * The summary ends with the goals of issue 14, each with its figure and whether it is met.
 * The exit code is 1 when any step failed (its error is in the JSON under `errors`).
 */
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const APP_DIR = path.resolve(__dirname, '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const ONLY = (process.env.BENCH_ONLY || 'letters,complaints,transitions,scale,boot,intake,evaluasi').split(',').map((step) => step.trim());
const progress = (message) => process.stderr.write(`${message}\n`);

/** Runs a child with its output passed to stderr; resolves with its stdout and the last JSON line of it. */
const runChild = (args, { env = {}, label } = {}) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: APP_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => {
      out.push(chunk);
      process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      const line = text
        .split('\n')
        .map((value) => value.trim())
        .reverse()
        .find((value) => value.startsWith('{') && value.endsWith('}'));
      let json;
      try {
        json = line ? JSON.parse(line) : null;
      } catch {
        json = null;
      }
      const seconds = Math.round((Date.now() - started) / 1000);
      if (code !== 0 && !json) reject(new Error(`${label || args.join(' ')} exited with ${code}`));
      else resolve({ code, json, seconds });
    });
  });

const pgVersion = async () => {
  const { withAdmin } = require('./transitions');
  const { rows } = await withAdmin((client) => client.query('show server_version'));
  return rows[0].server_version;
};

const load = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

const fmt = (value, digits = 1) => (typeof value === 'number' ? value.toFixed(digits) : value === null || value === undefined ? '–' : String(value));

const met = (value, test) => (typeof value === 'number' ? test(value) : null);

/** Every goal of issue 14 with the figure measured for it (null = not measured in this run). */
const goalsOf = (result) => {
  const c = (result.complaints && result.complaints.results) || {};
  const q = (result.complaints && result.complaints.ratios) || {};
  const allOf = (run) => ((run && run.steps) || []).find((row) => row.step === 'all transitions');
  const all = allOf(result.transitions);
  const all2 = allOf(result.transitions2);
  const sizes = result.scale ? [...result.scale.sizes].sort((a, b) => a.rows - b.rows) : [];
  const firstOpen = (size) => (size && size.withIndexes && size.withIndexes.list.bawaan ? size.withIndexes.list.bawaan.p95 : null);
  const small = sizes[0];
  const large = sizes.length > 1 ? sizes[sizes.length - 1] : null;
  const listGrowth = large && firstOpen(small) ? Math.round((firstOpen(large) / firstOpen(small)) * 100) / 100 : null;
  const boot = result.boot && result.boot.ratio;
  const evaluasi = result.evaluasi && result.evaluasi.sizes.length > 0 ? result.evaluasi.sizes[result.evaluasi.sizes.length - 1] : null;
  return [
    {
      label: `complaint POST throughput, api / bare (${result.complaints ? result.complaints.concurrency : '–'} in flight)`,
      goal: '>= 0.35',
      value: q.apiToBare,
      met: met(q.apiToBare, (v) => v >= 0.35),
    },
    { label: 'complaint POST p99 ms, one process', goal: '<= 250', value: c.api && c.api.p99, met: met(c.api && c.api.p99, (v) => v <= 250) },
    { label: 'complaint POST throughput, two processes / one', goal: '>= 1.3', value: q.twoProcesses, met: met(q.twoProcesses, (v) => v >= 1.3) },
    { label: 'complaint POST p99 ms, two processes', goal: '<= 250', value: c.api2 && c.api2.p99, met: met(c.api2 && c.api2.p99, (v) => v <= 250) },
    {
      label: `SOP step p95 ms (${result.transitions ? result.transitions.concurrency : '–'} in flight)`,
      goal: '<= 250',
      value: all && all.p95,
      met: met(all && all.p95, (v) => v <= 250),
    },
    {
      label: `SOP step p95 ms, two processes (${result.transitions2 ? result.transitions2.concurrency : '–'} in flight)`,
      goal: '<= 250',
      value: all2 && all2.p95,
      met: met(all2 && all2.p95, (v) => v <= 250),
    },
    {
      label: 'SOP step throughput, two processes / one',
      goal: '',
      value: all && all2 && all.perSecond ? Math.round((all2.perSecond / all.perSecond) * 100) / 100 : null,
      met: null,
    },
    { label: `first-open list p95 ms at ${small ? small.rows.toLocaleString('en') : '–'} rows`, goal: '', value: firstOpen(small), met: null },
    { label: `first-open list p95 ms at ${large ? large.rows.toLocaleString('en') : '–'} rows`, goal: '', value: firstOpen(large), met: null },
    { label: 'first-open list p95, largest / smallest size', goal: '<= 1.5', value: listGrowth, met: met(listGrowth, (v) => v <= 1.5) },
    {
      label: 'cold boot to /api/health 200 / bare Strapi, restart',
      goal: '<= 1.2',
      value: boot && boot.restart,
      met: met(boot && boot.restart, (v) => v <= 1.2),
    },
    {
      label: 'cold boot to /api/health 200 / bare Strapi, first boot',
      goal: '<= 1.2',
      value: boot && boot.first,
      met: met(boot && boot.first, (v) => v <= 1.2),
    },
    {
      label: `evaluation page p95 ms at ${evaluasi ? evaluasi.rows.toLocaleString('en') : '–'} rows (issue 16)`,
      goal: '<= 2000',
      value: evaluasi && evaluasi.page.p95,
      met: met(evaluasi && evaluasi.page.p95, (v) => v <= 2000),
    },
    {
      label: `evaluation page, first request (computes the quarter) ms at ${evaluasi ? evaluasi.rows.toLocaleString('en') : '–'} rows`,
      goal: '<= 2000',
      value: evaluasi && evaluasi.coldMs,
      met: met(evaluasi && evaluasi.coldMs, (v) => v <= 2000),
    },
  ];
};

const summaryTable = (result) => {
  const lines = [];
  const section = (title) => lines.push('', title, '-'.repeat(title.length));
  lines.push(
    `Meja Sandi benchmark · PostgreSQL ${result.machine.postgres} · node ${result.machine.node} · ${result.machine.cpus} CPU · load ${result.machine.loadStart.join('/')} → ${result.machine.loadEnd.join('/')} · ${result.seconds} s`
  );

  if (result.letters) {
    section('Letters (bench:letters) — kartu kendali rendered per second, one core');
    const l = result.letters;
    if (l.oursPerSecond !== undefined)
      lines.push(`ours ${fmt(l.oursPerSecond)}/s · bare docxtemplater ${fmt(l.barePerSecond)}/s · ours/bare ${fmt(l.ratio, 3)}`);
    else lines.push(JSON.stringify(l));
  }

  if (result.complaints) {
    section(`Complaints (bench:pengaduan) — ${result.complaints.concurrency} in flight, ${result.complaints.seconds} s per target`);
    const r = result.complaints.results || {};
    lines.push('target      req/s     p50 ms    p99 ms   CPU (cores: servers · postgres backends · load generator)');
    for (const key of ['api', 'api2', 'documents', 'query', 'bare']) {
      if (!r[key]) continue;
      const cpu = r[key].cpu
        ? `${Object.entries(r[key].cpu.servers)
            .map(([name, value]) => `${name} ${fmt(value, 2)}`)
            .join(', ')} · postgres ${fmt(r[key].cpu.postgres, 2)} · bench ${fmt(r[key].cpu.loadGenerator, 2)}`
        : '';
      lines.push(
        `${key.padEnd(10)} ${fmt(r[key].perSecond).padStart(7)} ${fmt(r[key].p50, 2).padStart(10)} ${fmt(r[key].p99, 2).padStart(9)}   ${cpu}`
      );
    }
    const q = result.complaints.ratios || {};
    lines.push(
      `api/bare ${fmt(q.apiToBare, 3)} · api2/api ${fmt(q.twoProcesses, 3)} · documents/bare ${fmt(q.documentsToBare, 3)} · api/documents ${fmt(q.apiToDocuments, 3)}` +
        ' (api2 = two server processes on one database; bare = node:http + one pooled pg insert)'
    );
  }

  for (const run of [result.transitions, result.transitions2]) {
    if (!run) continue;
    const servers = run.servers || 1;
    section(
      `SOP transitions on a fresh database (bench:transitions) — ${run.n} berita, ${run.concurrency} in flight, ${servers} server process${servers > 1 ? 'es' : ''}`
    );
    lines.push('step                            p50 ms   p95 ms   p99 ms   req/s   CPU ms/step');
    for (const row of run.steps || []) {
      lines.push(
        `${row.step.padEnd(30)} ${fmt(row.p50).padStart(7)} ${fmt(row.p95).padStart(8)} ${fmt(row.p99).padStart(8)} ${fmt(row.perSecond).padStart(7)} ${fmt(row.cpuMsPerRequest, 2).padStart(13)}`
      );
    }
  }

  if (result.scale) {
    const { formatListQuery } = require('./list-query');
    section('Scale (bench/list-query.js) — admin list as the Kasi, SQL of the digest and agenda book, SOP steps as the operator');
    lines.push(formatListQuery(result.scale));
    const sizes = result.scale.sizes.map(
      (size) => `${size.rows.toLocaleString('en')} rows: berita ${size.tableSize}, seeded in ${size.seed.seconds} s`
    );
    lines.push(sizes.join(' · '));
    lines.push('growth = value at the largest size / value at the smallest; "no idx" = the migration\'s berita indexes dropped');
  }

  if (result.boot) {
    const { formatBoot } = require('./boot');
    section('Boot');
    lines.push(formatBoot(result.boot));
  }

  if (result.intake) {
    section('Sanapati intake (bench:intake) — IMAP APPEND to committed berita, production server on PostgreSQL');
    if (result.intake.skipped) lines.push(`skipped: ${result.intake.reason}`);
    else {
      for (const row of result.intake.results || [])
        lines.push(
          `${row.shape.padEnd(20)} ${String(row.n).padStart(5)} messages ${fmt(row.seconds).padStart(7)} s ${fmt(row.perSecond).padStart(7)} msg/s`
        );
      lines.push(`exactly once: ${result.intake.ok ? 'ok' : 'FAILED'} ${JSON.stringify(result.intake.check)}`);
    }
  }

  if (result.evaluasi) {
    const { formatEvaluasi } = require('./evaluasi');
    section('Evaluasi kinerja (bench/evaluasi.js) — GET /sop/evaluasi as the Kasi, one quarter of the seeded table');
    lines.push(formatEvaluasi(result.evaluasi));
  }

  section('Goals (issues 14 and 16)');
  for (const goal of goalsOf(result)) {
    lines.push(
      `${goal.label.padEnd(58)} ${String(goal.goal).padEnd(8)} ${fmt(goal.value, 3).padStart(9)}  ${goal.goal === '' ? '(figure)' : goal.met === null ? 'not measured' : goal.met ? 'met' : 'NOT met'}`
    );
  }

  if (result.errors.length) {
    section('Errors');
    for (const error of result.errors) lines.push(`${error.step}: ${error.message}`);
  }
  return lines.join('\n');
};

const main = async () => {
  const started = Date.now();
  const result = {
    benchmark: 'meja-sandi',
    startedAt: new Date().toISOString(),
    seconds: 0,
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1073741824),
      postgres: await pgVersion(),
      loadStart: load(),
      loadEnd: null,
    },
    build: null,
    letters: null,
    complaints: null,
    transitions: null,
    transitions2: null,
    scale: null,
    boot: null,
    intake: null,
    evaluasi: null,
    errors: [],
  };

  const step = async (name, work) => {
    if (!ONLY.includes(name)) return;
    progress(`\n=== ${name} (load ${load().join('/')}) ===`);
    try {
      await work();
    } catch (error) {
      progress(`${name} failed: ${error && error.stack ? error.stack : error}`);
      result.errors.push({ step: name, message: String(error && error.message ? error.message : error).slice(0, 2000) });
    }
  };

  // The build must succeed: every other step runs what it produced.
  if (process.env.BENCH_SKIP_BUILD === '1') {
    result.build = { ran: false };
  } else {
    progress('=== build: strapi build (NODE_ENV=production) ===');
    const { serverEnvironment } = require('./transitions');
    const built = await runChild([STRAPI_BIN, 'build'], {
      env: { ...serverEnvironment('meja_bench_build', 0), NODE_ENV: 'production' },
      label: 'strapi build',
    });
    if (built.code !== 0) throw new Error(`strapi build exited with ${built.code}`);
    result.build = { ran: true, seconds: built.seconds };
  }
  const childEnv = { BENCH_SKIP_COMPILE: '1' };

  await step('letters', async () => {
    const fs = require('fs');
    if (!fs.existsSync(path.join(__dirname, 'letters.js'))) throw new Error('bench/letters.js is missing');
    const run = await runChild([path.join(__dirname, 'letters.js')], { env: childEnv, label: 'bench:letters' });
    if (run.code !== 0) result.errors.push({ step: 'letters', message: `exited with ${run.code}` });
    result.letters = run.json;
  });
  await step('complaints', async () => {
    const run = await runChild([path.join(__dirname, 'pengaduan.js')], { env: childEnv, label: 'bench:pengaduan' });
    if (run.code !== 0) result.errors.push({ step: 'complaints', message: `exited with ${run.code}` });
    result.complaints = run.json;
  });
  await step('transitions', async () => {
    // issue 14: SOP step latency at 32 requests in flight
    const run = await runChild([path.join(__dirname, 'transitions.js')], {
      env: { ...childEnv, BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY || '32' },
      label: 'bench:transitions',
    });
    if (run.code !== 0) result.errors.push({ step: 'transitions', message: `exited with ${run.code}` });
    result.transitions = run.json;
    // the same load on two server processes over one database: do steps scale with processes?
    const two = await runChild([path.join(__dirname, 'transitions.js')], {
      env: { ...childEnv, BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY || '32', BENCH_SERVERS: '2' },
      label: 'bench:transitions (two processes)',
    });
    if (two.code !== 0) result.errors.push({ step: 'transitions (two processes)', message: `exited with ${two.code}` });
    result.transitions2 = two.json;
  });
  await step('scale', async () => {
    const { runListQueryBench } = require('./list-query');
    result.scale = await runListQueryBench({ log: progress });
  });
  await step('boot', async () => {
    const { runBootBench } = require('./boot');
    result.boot = await runBootBench({ log: progress });
  });

  await step('intake', async () => {
    const run = await runChild([path.join(__dirname, 'intake.js')], { env: childEnv, label: 'bench:intake' });
    if (run.code !== 0) result.errors.push({ step: 'intake', message: `exited with ${run.code}` });
    result.intake = run.json;
  });
  await step('evaluasi', async () => {
    const { runEvaluasiBench } = require('./evaluasi');
    result.evaluasi = await runEvaluasiBench({ log: progress });
  });

  result.machine.loadEnd = load();
  result.seconds = Math.round((Date.now() - started) / 1000);
  result.goals = goalsOf(result);
  console.log(summaryTable(result));
  console.log('');
  console.log(JSON.stringify(result));
  if (result.errors.length) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
