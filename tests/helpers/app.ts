import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { applyTestEnvironment, POSTGRES_ADMIN_URL, usePostgres } from './env';

export type TestApp = {
  strapi: Core.Strapi;
  /** supertest bound to the running HTTP server */
  http: () => ReturnType<typeof request>;
  /** stops Strapi; the database is kept (see `destroy`) */
  stop: () => Promise<void>;
  /** stops Strapi and removes its database */
  destroy: () => Promise<void>;
  database: TestDatabase;
};

export type TestDatabase = {
  client: 'sqlite' | 'postgres';
  /** env values that point the app at this database */
  env: Record<string, string>;
  drop: () => Promise<void>;
};

const APP_DIR = path.resolve(__dirname, '..', '..');

const withAdminClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * The env variable through which global setup names the seeded database of this test run: the
 * database one boot of the app left behind (tables, roles, permissions, service standards, workflow
 * versions), as JSON `{ client, name }` (a PostgreSQL database, or a SQLite file relative to the app).
 */
export const SEEDED_DATABASE_ENV = 'TEST_SEEDED_DATABASE';

type SeededDatabase = { client: 'sqlite' | 'postgres'; name: string };

const sqliteFiles = (relative: string): string[] => [relative, `${relative}-wal`, `${relative}-shm`, `${relative}-journal`];

const seededDatabase = (): SeededDatabase | null => {
  const named = process.env[SEEDED_DATABASE_ENV];
  if (!named) return null;
  const seeded = JSON.parse(named) as SeededDatabase;
  return seeded.client === (usePostgres() ? 'postgres' : 'sqlite') ? seeded : null;
};

/**
 * A new database for one app: an empty one (`{ empty: true }`, or when global setup made no seed),
 * else a copy of the run's seeded database, so the boot takes the path of a restart and not the first
 * boot's (≈ 4.5 s less per test file). A SQLite file, or a PostgreSQL database when TEST_DATABASE=postgres.
 */
export const createTestDatabase = async (options: { empty?: boolean } = {}): Promise<TestDatabase> => {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const seeded = options.empty ? null : seededDatabase();
  if (usePostgres()) {
    const name = `meja_test_${suffix}`;
    // a template database is copied file by file, and must have no session open on it meanwhile
    await withAdminClient((client) => client.query(seeded ? `CREATE DATABASE ${name} TEMPLATE ${seeded.name}` : `CREATE DATABASE ${name}`));
    const url = new URL(POSTGRES_ADMIN_URL);
    return {
      client: 'postgres',
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: '',
        DATABASE_HOST: url.hostname,
        DATABASE_PORT: url.port || '5432',
        DATABASE_NAME: name,
        DATABASE_USERNAME: decodeURIComponent(url.username || 'postgres'),
        DATABASE_PASSWORD: decodeURIComponent(url.password || ''),
      },
      drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const relative = `.tmp/test-${suffix}.db`;
  if (seeded) fs.copyFileSync(path.join(APP_DIR, seeded.name), path.join(APP_DIR, relative));
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: relative },
    drop: async () => {
      for (const file of sqliteFiles(relative)) fs.rmSync(path.join(APP_DIR, file), { force: true });
    },
  };
};

/**
 * Global setup: boots the compiled app once, in a child process, on an empty database and keeps that
 * database as the run's seed (named in SEEDED_DATABASE_ENV for the test files). Throws when the boot fails.
 */
export const createSeededDatabase = async (): Promise<void> => {
  delete process.env[SEEDED_DATABASE_ENV];
  const database = await createTestDatabase({ empty: true });
  applyTestEnvironment(database.env);
  const boot = `
    const { createStrapi } = require('@strapi/strapi');
    const app = createStrapi({ appDir: process.cwd(), distDir: 'dist', autoReload: false, serveAdminPanel: false });
    app.load().then(() => app.destroy()).then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
  `;
  const result = spawnSync(process.execPath, ['-e', boot], { cwd: APP_DIR, env: process.env, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) {
    await database.drop();
    throw new Error(`The seeded test database could not be made (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  const name = database.client === 'postgres' ? database.env.DATABASE_NAME : database.env.DATABASE_FILENAME;
  // the test files inherit this environment: none of them may point at the seed or share its secrets
  applyTestEnvironment();
  process.env[SEEDED_DATABASE_ENV] = JSON.stringify({ client: database.client, name } satisfies SeededDatabase);
};

/** Global teardown: removes the run's seeded database, if global setup made one. */
export const dropSeededDatabase = async (): Promise<void> => {
  const seeded = seededDatabase();
  if (!seeded) return;
  if (seeded.client === 'postgres') await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${seeded.name} WITH (FORCE)`));
  else for (const file of sqliteFiles(seeded.name)) fs.rmSync(path.join(APP_DIR, file), { force: true });
  delete process.env[SEEDED_DATABASE_ENV];
};

type Pool = { numUsed: () => number; numPendingAcquires: () => number; numPendingCreates: () => number };

/**
 * Waits until the connection pool has been idle for a moment: Strapi emits document
 * events after commit without awaiting them, and destroying the pool under them would
 * reject those promises after the test file finished.
 */
const settle = async (strapi: Core.Strapi, timeoutMs = 5000): Promise<void> => {
  const pool = (strapi.db?.connection?.client as { pool?: Pool } | undefined)?.pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  let idleSince = 0;
  while (Date.now() < deadline) {
    const busy = pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates();
    if (busy === 0) {
      idleSince = idleSince || Date.now();
      if (Date.now() - idleSince >= 150) return;
    } else {
      idleSince = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/**
 * Boots the real Strapi (compiled in global setup) on a database, mounts the HTTP
 * server and returns it. Pass `database` to reuse one (e.g. a second boot).
 */
export const startApp = async (
  options: {
    database?: TestDatabase;
    env?: Record<string, string>;
    /** runs after Strapi is created and before it loads (e.g. to watch the logger) */
    beforeLoad?: (strapi: Core.Strapi) => void;
  } = {}
): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase());
  applyTestEnvironment({ ...database.env, ...(options.env ?? {}) });
  // Loaded after the environment is set: @strapi/strapi reads `.env` but never overrides.
  const { createStrapi } = await import('@strapi/strapi');
  const strapi = createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  options.beforeLoad?.(strapi);
  await strapi.load();
  await strapi.server.mount();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await settle(strapi);
    await strapi.destroy();
  };
  return {
    strapi,
    http: () => request(strapi.server.httpServer),
    stop,
    destroy: async () => {
      await stop();
      await database.drop();
    },
    database,
  };
};
