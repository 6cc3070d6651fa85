#!/usr/bin/env node
'use strict';
/**
 * Cold boot to healthy on PostgreSQL: Meja Sandi beside a bare Strapi 5.54 app (issue 7).
 *
 *   node bench/boot.js
 *
 * Each app is started the way production starts it — `strapi start` (what `npm start` runs;
 * scripts/prepare-env.js does nothing under NODE_ENV=production) from its compiled dist/ with
 * NODE_ENV=production and the admin panel served — on a scratch PostgreSQL database, and timed
 * from spawning the process to the first healthy answer, polled every 25 ms:
 *   meja-sandi  GET /api/health → 200 (the app's own health route, which pings the database)
 *   bare        GET /_health    → 204 (Strapi's built-in route; a bare app has no /api/health)
 * `first` is the first boot on an empty database (tables, roles, seeds created); `restart` is the
 * median of BENCH_BOOT_RESTARTS (5) boots on the same database afterwards. The two apps boot in
 * turn (ours, bare, ours, bare, …), so a drift in the machine's speed falls on both.
 *
 * The bare app is scaffolded once, offline, into .tmp/bench-bare:
 *   NODE_ENV=test npx -y create-strapi-app@5.54.0 .tmp/bench-bare --typescript --use-npm --no-run
 *     --skip-cloud --no-example --no-git-init --dbclient=sqlite --no-install
 * then, without npm install: its node_modules is a symlink to ours, `@strapi/plugin-cloud` is
 * dropped from its package.json (not installed here, and it calls out to the network), telemetry
 * and the update check are switched off as in our app, and it is built once with `strapi build`
 * (again when BENCH_BARE_REBUILD=1). Our app must be built already (`npm run bench` builds it).
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');
const bench = require('./transitions');

const APP_DIR = bench.APP_DIR;
const BARE_DIR = path.join(APP_DIR, '.tmp', 'bench-bare');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const RESTARTS = Number(process.env.BENCH_BOOT_RESTARTS || 5);
const round = (value) => Math.round(value);

const run = (command, args, options) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });

/** Scaffolds (once), links and builds (once) the bare app; returns notes on what was done. */
const prepareBare = (log = console.log) => {
  const notes = [];
  if (!fs.existsSync(path.join(BARE_DIR, 'package.json'))) {
    log('scaffolding a bare Strapi 5.54.0 app into .tmp/bench-bare (offline, no install) …');
    fs.mkdirSync(path.dirname(BARE_DIR), { recursive: true });
    run(
      'npx',
      [
        '-y',
        'create-strapi-app@5.54.0',
        path.relative(APP_DIR, BARE_DIR),
        '--typescript',
        '--use-npm',
        '--no-run',
        '--skip-cloud',
        '--no-example',
        '--no-git-init',
        '--dbclient=sqlite',
        '--no-install',
      ],
      { cwd: APP_DIR, env: { ...process.env, NODE_ENV: 'test' } }
    );
    notes.push('scaffolded');
  }

  const packageFile = path.join(BARE_DIR, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(packageFile, 'utf8'));
  let changed = false;
  if (pkg.dependencies && pkg.dependencies['@strapi/plugin-cloud']) {
    delete pkg.dependencies['@strapi/plugin-cloud'];
    changed = true;
  }
  if (!pkg.strapi || pkg.strapi.telemetryDisabled !== true) {
    pkg.strapi = { ...(pkg.strapi || {}), telemetryDisabled: true };
    changed = true;
  }
  if (changed) fs.writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
  // The scaffold may have left a plugin-cloud admin extension; without the package it cannot load.
  for (const file of ['src/admin/app.tsx', 'src/admin/app.ts']) {
    const target = path.join(BARE_DIR, file);
    if (fs.existsSync(target) && /plugin-cloud/.test(fs.readFileSync(target, 'utf8'))) throw new Error(`${target} refers to @strapi/plugin-cloud`);
  }

  const serverConfig = path.join(BARE_DIR, 'config', 'server.ts');
  const serverText = fs.readFileSync(serverConfig, 'utf8');
  if (!/updates:\s*\{\s*enabled:\s*false/.test(serverText)) {
    fs.writeFileSync(serverConfig, serverText.replace(/(\n\s*app:\s*\{)/, '\n  logger: { updates: { enabled: false } },$1'));
    notes.push('update check off');
  }

  const modules = path.join(BARE_DIR, 'node_modules');
  const stat = fs.lstatSync(modules, { throwIfNoEntry: false });
  if (!stat || !stat.isSymbolicLink()) {
    if (stat) fs.rmSync(modules, { recursive: true, force: true });
    fs.symlinkSync(path.relative(BARE_DIR, path.join(APP_DIR, 'node_modules')), modules, 'dir');
    notes.push('node_modules linked');
  }

  if (process.env.BENCH_BARE_REBUILD === '1' || !fs.existsSync(path.join(BARE_DIR, 'dist', 'build', 'index.html'))) {
    log('building the bare app (strapi build, NODE_ENV=production) …');
    const started = Date.now();
    run(process.execPath, [STRAPI_BIN, 'build'], {
      cwd: BARE_DIR,
      env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
    });
    notes.push(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return notes;
};

const probe = (port, pathname) =>
  new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, timeout: 2000, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });

/** Spawns `strapi start` in `cwd` and resolves with the ms until `pathname` answers `status`; the process is stopped afterwards. */
const bootOnce = async ({ cwd, env, port, pathname, status, timeoutMs = 180000 }) => {
  const output = [];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  try {
    for (;;) {
      if (exited) throw new Error(`strapi start in ${cwd} exited (${JSON.stringify(exited)}):\n${Buffer.concat(output).toString().slice(-3000)}`);
      if ((await probe(port, pathname)) === status) return Number(process.hrtime.bigint() - started) / 1e6;
      if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`no ${status} from ${pathname} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exit;
      clearTimeout(timer);
    }
  }
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Boots both apps in turn on a scratch database each: first boots (ours, then the bare app's),
 * then BENCH_BOOT_RESTARTS restarts of each, alternating, so that a machine whose speed drifts
 * over the minutes of the run (seen here: the same bare restart 2.7 s and 4.1 s a minute apart)
 * slows both apps alike. Returns, per app, the first boot, the median restart and every boot (ms).
 */
const measureInTurn = async (apps) => {
  const databases = apps.map(() => `meja_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`);
  for (const database of databases) await bench.withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  try {
    const boots = apps.map(() => []);
    for (let turn = 0; turn <= RESTARTS; turn += 1) {
      for (const [index, app] of apps.entries()) {
        const port = await bench.freePort();
        const { cwd, pathname, status, environment } = app;
        boots[index].push(round(await bootOnce({ cwd, env: environment(databases[index], port), port, pathname, status })));
      }
    }
    return apps.map((app, index) => ({
      app: app.name,
      health: `${app.pathname} ${app.status}`,
      firstMs: boots[index][0],
      restartMs: round(median(boots[index].slice(1))),
      boots: boots[index],
    }));
  } finally {
    for (const database of databases) await bench.withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
};

const runBootBench = async ({ log = console.log } = {}) => {
  if (!fs.existsSync(path.join(APP_DIR, 'dist', 'build', 'index.html')))
    throw new Error('dist/build is missing: run `npm run build` (or `npm run bench`) first');
  const notes = prepareBare(log);
  const ours = (database, port) => ({ ...bench.serverEnvironment(database, port), NODE_ENV: 'production' });
  const bare = (database, port) => {
    const base = bench.serverEnvironment(database, port);
    return {
      ...base,
      NODE_ENV: 'production',
      DATABASE_URL: '',
      // the bare app's generated .env says sqlite; the process environment wins over it
      DATABASE_CLIENT: 'postgres',
    };
  };
  log(`booting meja-sandi and the bare Strapi app in turn (strapi start, PostgreSQL; first boots, then ${RESTARTS} restarts each) …`);
  const [mejaSandi, bareApp] = await measureInTurn([
    { name: 'meja-sandi', cwd: APP_DIR, pathname: '/api/health', status: 200, environment: ours },
    { name: 'bare strapi 5.54.0', cwd: BARE_DIR, pathname: '/_health', status: 204, environment: bare },
  ]);
  return {
    benchmark: 'boot',
    database: 'postgres',
    nodeEnv: 'production',
    bare: { dir: path.relative(APP_DIR, BARE_DIR), prepared: notes },
    mejaSandi,
    bareStrapi: bareApp,
    ratio: {
      first: Math.round((mejaSandi.firstMs / bareApp.firstMs) * 100) / 100,
      restart: Math.round((mejaSandi.restartMs / bareApp.restartMs) * 100) / 100,
    },
  };
};

const formatBoot = (result) =>
  [
    `cold boot to healthy (PostgreSQL, NODE_ENV=production, strapi start)  first boot / restart (median of ${RESTARTS})`,
    `  meja-sandi  ${result.mejaSandi.health}: ${result.mejaSandi.firstMs} ms / ${result.mejaSandi.restartMs} ms`,
    `  bare Strapi ${result.bareStrapi.health}: ${result.bareStrapi.firstMs} ms / ${result.bareStrapi.restartMs} ms`,
    `  ratio       ${result.ratio.first}× / ${result.ratio.restart}×`,
  ].join('\n');

module.exports = { runBootBench, formatBoot, prepareBare };

if (require.main === module) {
  runBootBench()
    .then((result) => {
      console.log(formatBoot(result));
      console.log(JSON.stringify(result));
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
