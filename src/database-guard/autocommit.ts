/**
 * Autocommitted statements in flight — one statement run outside any transaction (the public
 * complaint on PostgreSQL, issue 14) — so that shutdown (rollBackOpenTransactions in
 * src/bootstrap/resilience.ts) can cut the ones still waiting. Imports nothing of the app.
 */

/** Autocommitted statements in flight (see runAutocommitted): each one's way to cut its connection. */
const openStatements = new Set<() => void>();

type PoolClient = { acquireConnection: () => Promise<unknown>; releaseConnection: (connection: unknown) => Promise<unknown> };

/**
 * Runs `work` — ONE autocommitted statement, outside any transaction (the public complaint on
 * PostgreSQL, issue 14) — on a pool connection taken for it, passed to `work` for knex's
 * `.connection()`. Such a statement is no transaction, so the transaction limit does not see it
 * (PostgreSQL's `statement_timeout`, config/database.ts, bounds it); at shutdown
 * rollBackOpenTransactions (src/bootstrap/resilience.ts) waits for it within the same grace and then cuts its connection:
 * the database ends the session and the statement is rolled back whole (it is atomic), so the
 * pool can close and the process exit. Returns what `work` returns; throws its error.
 */
export const runAutocommitted = async <T>(knex: { client: unknown }, work: (connection: unknown) => Promise<T>): Promise<T> => {
  const client = knex.client as PoolClient;
  const connection = await client.acquireConnection();
  const cut = () => (connection as { connection?: { stream?: { destroy: () => void } } }).connection?.stream?.destroy();
  openStatements.add(cut);
  try {
    return await work(connection);
  } finally {
    openStatements.delete(cut);
    await client.releaseConnection(connection);
  }
};

/** How many autocommitted statements are in flight now. */
export const openStatementCount = (): number => openStatements.size;

/**
 * Cuts the connection of every autocommitted statement in flight (its query fails, the database
 * ends the session and rolls the statement back) and forgets them. Returns how many were cut.
 */
export const cutOpenStatements = (): number => {
  const statements = [...openStatements];
  openStatements.clear();
  for (const cut of statements) cut();
  return statements.length;
};
