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

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL database when TEST_DATABASE=postgres. */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (usePostgres()) {
    const name = `meja_test_${suffix}`;
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
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
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: relative },
    drop: async () => {
      for (const file of [relative, `${relative}-wal`, `${relative}-shm`, `${relative}-journal`]) {
        fs.rmSync(path.join(APP_DIR, file), { force: true });
      }
    },
  };
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
