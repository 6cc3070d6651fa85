import type { Knex } from 'knex';
import { ensureRoles } from '../../src/bootstrap/roles';
import { BOOT_LOCK } from '../../src/bootstrap/boot-transaction';
import { removeOfficeRoles, ROLE_CODES } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { openDatabase } from '../helpers/faults';

/**
 * PostgreSQL only: the boot's advisory lock (src/bootstrap/boot-transaction.ts) on a database whose
 * default isolation is REPEATABLE READ, with a 1 s statement_timeout on every connection. Two role
 * syncs wait behind a third party holding the boot lock for longer than that timeout; once it is
 * released they run one after the other, the second seeing the first's roles.
 */
describe('boot lock: waits past statement_timeout, reads what the other boot committed (PostgreSQL)', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  let other: Knex | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    other = openDatabase(database);
    await other.raw(`alter database ${database.env.DATABASE_NAME} set default_transaction_isolation = 'repeatable read'`);
    app = await startApp({ database, env: { DATABASE_STATEMENT_TIMEOUT: '1000' } });
  });

  afterAll(async () => {
    await app?.stop();
    await other?.destroy();
    await database?.drop();
    // the harness keeps a boot's extra variables for the next boot in this file's process
    delete process.env.DATABASE_STATEMENT_TIMEOUT;
  });

  it('makes the eight roles once, after waiting 1.5 s for the lock', async () => {
    const { strapi } = app!;
    expect(
      ((await strapi.db.connection.raw('show default_transaction_isolation')) as { rows: { default_transaction_isolation: string }[] }).rows[0]
    ).toEqual({
      default_transaction_isolation: 'repeatable read',
    });
    await removeOfficeRoles(strapi);

    // another process holds the boot lock for 1.5 s (longer than the statement_timeout)
    let held!: () => void;
    const holding = other!.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [BOOT_LOCK]);
      await new Promise<void>((resolve) => {
        held = resolve;
        setTimeout(resolve, 1500);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the holder has the lock
    const started = Date.now();
    await Promise.all([ensureRoles(strapi), ensureRoles(strapi)]);
    held();
    await holding;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1300);
    const made = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: ROLE_CODES } } })) as { code: string }[];
    expect(made.map((role) => role.code).sort()).toEqual([...ROLE_CODES].sort());
  });
});
