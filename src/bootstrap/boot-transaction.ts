import type { Core } from '@strapi/strapi';

/**
 * Runs a boot step's `work` in one transaction that on PostgreSQL first takes the boot's advisory
 * lock (held until that transaction ends). Two processes booting at once on a new database then
 * seed one after the other, the second reading what the first committed (each statement after the
 * lock sees it), instead of both creating the eight roles or both standards. SQLite has one writer
 * at a time anyway. Returns what `work` returns; throws what it throws, and nothing of it is kept.
 */
export const inBootTransaction = async <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> => {
  let result: T | undefined;
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw("select pg_advisory_xact_lock(hashtext('meja_sandi_boot'))");
    result = await work();
  });
  return result as T;
};
