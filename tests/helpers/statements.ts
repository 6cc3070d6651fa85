import type { TestApp } from './app';

type QueryEvent = { sql: string };
type Knexish = {
  on: (event: 'query', listener: (query: QueryEvent) => void) => void;
  off: (event: 'query', listener: (query: QueryEvent) => void) => void;
};

/** What `work` returns and the SQL statements the app sent while it ran, in order (knex `query` events). */
export const withStatements = async <T>(app: TestApp, work: () => Promise<T>): Promise<{ value: T; sqls: string[] }> => {
  const knex = app.strapi.db.connection as unknown as Knexish;
  const sqls: string[] = [];
  const listen = (query: QueryEvent) => sqls.push(query.sql);
  knex.on('query', listen);
  try {
    return { value: await work(), sqls };
  } finally {
    knex.off('query', listen);
  }
};
