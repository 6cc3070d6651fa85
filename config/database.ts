import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * SQLite under `.tmp/` by default; PostgreSQL with DATABASE_CLIENT=postgres.
 * The pool keeps no idle minimum and gives up acquiring quickly, so that when the
 * database goes away requests fail fast (health answers 503) and, once it is back,
 * fresh connections are made without a restart.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 10000);
  const pool = {
    min: env.int('DATABASE_POOL_MIN', 0),
    max: env.int('DATABASE_POOL_MAX', 10),
    acquireTimeoutMillis: acquireConnectionTimeout,
    createTimeoutMillis: acquireConnectionTimeout,
    idleTimeoutMillis: 30000,
    reapIntervalMillis: 1000,
    createRetryIntervalMillis: 200,
    propagateCreateError: true,
  };

  // Time limits, so no request holds a connection without end (issue 10): PostgreSQL ends a
  // statement running longer than DATABASE_STATEMENT_TIMEOUT and a session left idle inside
  // a transaction longer than DATABASE_IDLE_IN_TRANSACTION_TIMEOUT; SQLite waits at most
  // DATABASE_BUSY_TIMEOUT for a lock. Set on every new connection (pool afterCreate).
  const statementTimeout = env.int('DATABASE_STATEMENT_TIMEOUT', 30000);
  const idleInTransactionTimeout = env.int('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT', 30000);
  const busyTimeout = env.int('DATABASE_BUSY_TIMEOUT', 5000);

  if (client === 'postgres') {
    type PgConnection = { query: (sql: string, callback: (error: Error | null) => void) => void };
    const afterCreate = (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
      const pg = connection as PgConnection;
      pg.query(
        `SET statement_timeout = ${Math.trunc(statementTimeout)}; SET idle_in_transaction_session_timeout = ${Math.trunc(idleInTransactionTimeout)}`,
        (error) => {
          if (error) return done(error, connection);
          // PostgreSQL 14+: a session whose client went away (a server stopped while its query
          // waited for a lock) ends within 2 s instead of waiting on. Older servers do not know
          // the setting; that is no reason to refuse the connection.
          pg.query('SET client_connection_check_interval = 2000', () => done(undefined, connection));
        }
      );
    };
    return {
      connection: {
        client: 'postgres',
        connection: {
          // When DATABASE_URL is set, its parts take precedence over the separate variables.
          connectionString: env('DATABASE_URL', '') || undefined,
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'meja_sandi'),
          user: env('DATABASE_USERNAME', 'postgres'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { ...pool, afterCreate },
        acquireConnectionTimeout,
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT tidak didukung: ${client}. Gunakan "sqlite" atau "postgres".`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.join(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      acquireConnectionTimeout,
      pool: {
        afterCreate: (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
          (connection as { pragma: (sql: string) => unknown }).pragma(`busy_timeout = ${Math.trunc(busyTimeout)}`);
          done(undefined, connection);
        },
      },
    },
  };
};

export default config;
