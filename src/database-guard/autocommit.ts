/**
 * Autocommitted statements in flight — one statement run outside any transaction (the public
 * complaint on PostgreSQL, issue 14) — so that shutdown (rollBackOpenTransactions in
 * src/bootstrap/resilience.ts) can end the ones still waiting. Imports nothing of the app.
 */

/** One autocommitted statement in flight: its server process (PostgreSQL's backend pid) and a way to cut its socket. */
type OpenStatement = { processId: number | null; cut: () => void };

type PoolClient = {
  acquireConnection: () => Promise<unknown>;
  releaseConnection: (connection: unknown) => Promise<unknown>;
  driver?: { Client?: new (settings: unknown) => DriverClient };
  connectionSettings?: unknown;
};
type DriverClient = { connect: () => Promise<unknown>; query: (sql: string, values: unknown[]) => Promise<unknown>; end: () => Promise<unknown> };

// per knex client (one Strapi instance's pool): stopping one instance never touches another's statements
const openStatements = new WeakMap<object, Set<OpenStatement>>();
const statementsOf = (client: unknown): Set<OpenStatement> => {
  let set = openStatements.get(client as object);
  if (!set) openStatements.set(client as object, (set = new Set()));
  return set;
};

/**
 * Runs `work` — ONE autocommitted statement, outside any transaction (the public complaint on
 * PostgreSQL, issue 14) — on a pool connection taken for it, passed to `work` for knex's
 * `.connection()`. Such a statement is no transaction, so the transaction limit does not see it
 * (PostgreSQL's `statement_timeout`, config/database.ts, bounds it); at shutdown
 * rollBackOpenTransactions (src/bootstrap/resilience.ts) ends it with endOpenStatements.
 * Returns what `work` returns; throws its error (SQLSTATE 57014 when shutdown cancelled it).
 */
export const runAutocommitted = async <T>(knex: { client: unknown }, work: (connection: unknown) => Promise<T>): Promise<T> => {
  const client = knex.client as PoolClient;
  const connection = (await client.acquireConnection()) as { processID?: number; connection?: { stream?: { destroy: () => void } } };
  const open: OpenStatement = { processId: connection.processID ?? null, cut: () => connection.connection?.stream?.destroy() };
  const set = statementsOf(client);
  set.add(open);
  try {
    return await work(connection);
  } finally {
    set.delete(open);
    await client.releaseConnection(connection);
  }
};

/** How many autocommitted statements are in flight now on `knex`'s pool. */
export const openStatementCount = (knex: { client: unknown }): number => statementsOf(knex.client).size;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `set` is empty or `ms` have passed, whichever comes first. */
const untilEmpty = async (set: Set<OpenStatement>, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (set.size > 0 && Date.now() < until) await sleep(25);
};

/**
 * Ends the autocommitted statements still in flight on `knex`'s pool (at shutdown, after the open
 * transactions were rolled back — one of them may hold the lock a statement waits for): those
 * that finish within `graceMs` commit and are answered; PostgreSQL is asked to cancel the rest (`pg_cancel_backend`, on a connection of its own, outside the
 * pool): a statement still waiting is rolled back whole (it is atomic; its caller gets SQLSTATE
 * 57014), one that finished meanwhile commits and returns as usual, its after-commit work included.
 * Those still running another `graceMs` later have their socket cut (the database ends the session and
 * rolls the statement back). Returns how many were asked to cancel and how many were cut.
 */
export const endOpenStatements = async (knex: { client: unknown }, graceMs: number): Promise<{ cancelled: number; cut: number }> => {
  const client = knex.client as PoolClient;
  const set = statementsOf(client);
  // first a moment to finish: a statement a rollback just unblocked commits and is answered
  await untilEmpty(set, graceMs);
  const waiting = [...set];
  if (waiting.length === 0) return { cancelled: 0, cut: 0 };
  const pids = waiting.map((statement) => statement.processId).filter((pid): pid is number => pid !== null);
  if (pids.length > 0 && client.driver?.Client) {
    const canceller = new client.driver.Client(client.connectionSettings);
    const cancel = (async () => {
      await canceller.connect();
      await canceller.query('select pg_cancel_backend(pid) from unnest($1::int[]) as pid', [pids]);
    })();
    // bounded: a database that does not answer leaves the cut below to do the job
    await Promise.race([cancel.catch(() => undefined), sleep(graceMs)]);
    void canceller.end().catch(() => undefined);
  }
  await untilEmpty(set, graceMs);
  const left = [...set];
  set.clear();
  for (const statement of left) statement.cut();
  return { cancelled: pids.length, cut: left.length };
};
