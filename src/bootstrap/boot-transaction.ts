import type { Core } from '@strapi/strapi';

/** The name of the boot's PostgreSQL advisory lock (its key is `hashtext` of it). */
export const BOOT_LOCK = 'meja_sandi_boot';

/**
 * Runs a boot step's `work` in one transaction that on PostgreSQL first takes the boot's advisory
 * lock (held until that transaction ends). Two processes booting at once on a new database then
 * seed one after the other, the second reading what the first committed, instead of both creating
 * the eight roles or both standards. For that the transaction is READ COMMITTED whatever the
 * database's default (each statement after the lock then sees the other's commit), and neither its
 * wait for the lock nor its statements are cut by the connection's statement_timeout (a first boot
 * against a slow database, or a second process waiting for it). On SQLite one process writes at a
 * time: a second process waits for the write lock up to DATABASE_BUSY_TIMEOUT, then fails its boot,
 * and its restart finds the seeds. Returns what `work` returns; throws what it throws, and nothing
 * of it is kept.
 */
export const inBootTransaction = async <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('set transaction isolation level read committed');
      await trx.raw('set local statement_timeout = 0');
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [BOOT_LOCK]);
    }
    return work();
  });
