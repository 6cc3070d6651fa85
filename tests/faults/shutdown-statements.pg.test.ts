import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { endOpenStatements, openStatementCount, runAutocommitted } from '../../src/database-guard/autocommit';
import { installTransactionLimit, rollBackOpenTransactions } from '../../src/bootstrap/resilience';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { openDatabase, sleep } from '../helpers/faults';

/**
 * Shutdown and the autocommitted statement (the public complaint on PostgreSQL, issue 14), found
 * by session 7's code review: a statement waiting for a lock that the server's OWN open
 * transaction holds must not be cut before that transaction is rolled back — cut first, the
 * rollback then freed the lock and the statement could still commit, a complaint filed while its
 * filer got an error and its receipt was never sent. Now the transactions are rolled back first
 * and a statement that can then finish commits and is answered; one still waiting (a lock held
 * elsewhere) is cancelled by PostgreSQL (57014) and rolled back whole. Statements are kept per
 * pool: ending one instance's never touches another's.
 */
describe('shutdown: autocommitted statements after the open transactions (PostgreSQL)', () => {
  let database: TestDatabase;
  let knex: Knex;
  let other: Knex;
  const logged: string[] = [];

  // the slice of Strapi that installTransactionLimit and rollBackOpenTransactions use, on the test's own pool
  const strapiOn = (db: Knex) => {
    const transactionDb = {
      connection: db,
      inTransaction: () => false,
      transaction: (cb: (params: { trx: Knex.Transaction }) => Promise<unknown>) => db.transaction((trx) => cb({ trx })),
    };
    return { db: transactionDb, log: { error: (line: string) => logged.push(line) } } as unknown as Core.Strapi;
  };

  const counter = async (): Promise<number> => Number((await knex('loket').where({ id: 1 }).first('n'))?.n);
  const bump = (db: Knex) =>
    runAutocommitted(db, (connection) => db.raw('update loket set n = n + 1 where id = 1 returning n').connection(connection as never));
  const waitingForLock = async (count: number) => {
    for (let i = 0; i < 100; i += 1) {
      const { rows } = await knex.raw(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
      );
      if (rows[0].n >= count) return;
      await sleep(50);
    }
    throw new Error(`fewer than ${count} statements wait for the lock`);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // room for a held transaction, a waiting statement and the test's own reads
    knex = openDatabase(database, { poolMax: 5 });
    other = openDatabase(database, { poolMax: 5 });
    await knex.schema.createTable('loket', (table) => {
      table.integer('id').primary();
      table.integer('n').notNullable();
    });
    await knex('loket').insert({ id: 1, n: 0 });
  });

  afterAll(async () => {
    await knex?.destroy();
    await other?.destroy();
    await database?.drop();
  });

  it('the server’s own open transaction is rolled back first: the statement it blocked then commits and is answered', async () => {
    const strapi = strapiOn(knex);
    installTransactionLimit(strapi, 60_000);
    let release: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (release = resolve));
    // a step's transaction holding the counter row, still open at shutdown
    const step = (strapi.db as unknown as { transaction: (cb: (params: { trx: Knex.Transaction }) => Promise<unknown>) => Promise<unknown> })
      .transaction(async ({ trx }) => {
        await trx.raw('select n from loket where id = 1 for update');
        await holding;
      })
      .catch((error: unknown) => error);
    await sleep(100);
    const before = await counter();
    const filing = bump(knex);
    await waitingForLock(1);
    expect(openStatementCount(knex)).toBe(1);
    await rollBackOpenTransactions(strapi, 200);
    const answer = (await filing) as { rows: { n: number }[] };
    expect(answer.rows[0].n).toBe(before + 1);
    expect(await counter()).toBe(before + 1);
    release();
    await step;
  });

  it('a statement still waiting on a lock held elsewhere is cancelled by PostgreSQL and rolled back whole; another pool’s statement is left alone', async () => {
    const before = await counter();
    const blocker = await knex.transaction();
    await blocker.raw('select n from loket where id = 1 for update');
    const mine = bump(knex).then(
      () => 'committed',
      (error: { code?: string }) => error.code ?? 'error'
    );
    const theirs = bump(other).then(
      () => 'committed',
      (error: { code?: string }) => error.code ?? 'error'
    );
    await waitingForLock(2);
    expect(await endOpenStatements(knex, 1000)).toEqual({ cancelled: 1, cut: 0 });
    expect(await mine).toBe('57014');
    expect(openStatementCount(other)).toBe(1);
    await blocker.rollback();
    expect(await theirs).toBe('committed');
    expect(await counter()).toBe(before + 1);
  });
});
