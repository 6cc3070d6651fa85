import type { Core } from '@strapi/strapi';
import { endOpenStatements, openStatementCount } from '../database-guard/autocommit';

/**
 * Defence in depth for the faults nobody has found yet (issue 10): no request holds a
 * transaction without limit, a rejection that escapes a request is logged with its
 * stack, and a stop signal ends the server within 15 s with in-flight work rolled back.
 */

type Trx = { rollback: () => Promise<unknown>; isCompleted?: () => boolean };
type TransactionParams = { trx: Trx; [key: string]: unknown };
type TransactionCallback = (params: TransactionParams) => Promise<unknown>;
type Database = { transaction: (cb?: TransactionCallback) => Promise<unknown>; inTransaction: () => boolean };

/** A transaction that ran longer than its limit and was rolled back; `database-unavailable` answers it 503. */
export class TransactionTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`Transaksi melebihi batas waktu ${limitMs} ms dan dibatalkan (rollback).`);
    this.name = 'TransactionTimeoutError';
  }
}

/**
 * Closes the socket under a transaction whose query cannot finish (PostgreSQL: waiting for
 * a lock): the driver fails the query, knex releases the connection, and the database
 * ends the session (`client_connection_check_interval`, config/database.ts). No-op for
 * SQLite, whose queries never wait asynchronously.
 */
const cutConnection = async (trx: Trx): Promise<void> => {
  const client = (trx as { client?: { acquireConnection?: () => Promise<unknown> } }).client;
  const connection = (await client?.acquireConnection?.().catch(() => null)) as
    { connection?: { stream?: { destroy: () => void } } } | null | undefined;
  connection?.connection?.stream?.destroy();
};

/**
 * Rolls `trx` back; when the ROLLBACK does not finish within 2 s (it waits behind a query
 * that cannot finish), cuts the connection instead. Resolves once the connection is free.
 */
const abandon = async (strapi: Core.Strapi, trx: Trx, why: string): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    rollbackQuietly(strapi, trx, why).then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2000))),
  ]);
  clearTimeout(timer);
  if (!done) {
    strapi.log.error(`[transaksi] ${why}: rollback tidak selesai dalam 2 s (kueri masih menunggu): koneksinya diputus.`);
    await cutConnection(trx);
  }
};

/** Transactions open right now (outermost only), with the moment each began. */
const openTransactions = new Map<Trx, number>();

const rollbackQuietly = async (strapi: Core.Strapi, trx: Trx, why: string): Promise<void> => {
  if (trx.isCompleted?.()) return;
  try {
    // Without an error: knex then resolves instead of rejecting the transaction's own promise.
    await trx.rollback();
    strapi.log.error(`[transaksi] ${why}: dibatalkan (rollback), koneksinya kembali ke pool.`);
  } catch (error: unknown) {
    strapi.log.error(`[transaksi] ${why}: rollback gagal: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * Wraps `strapi.db.transaction` (outermost transactions with a callback, which is what
 * the document service, the SOP engine and the complaint intake use): every such transaction is
 * kept in the list rollBackOpenTransactions ends at shutdown, and one begun once Strapi is loaded
 * (`strapi.isLoaded`, after every bootstrap) is limited — a callback still
 * running `limitMs` after it started is rolled back on its own knex transaction (or its
 * connection cut, when the rollback waits behind a query for more than 2 s) — the
 * connection goes back to the pool, its locks are released — and the caller gets a
 * `TransactionTimeoutError`. The rollback goes to knex directly, so the abandoned callback's
 * later queries fail on the finished transaction instead of running outside it. The boot's own
 * transactions (a first boot's roles and standards, hundreds of statements, against a database far
 * away perhaps) are not limited: a boot cut there would be cut again at every restart.
 */
export const installTransactionLimit = (strapi: Core.Strapi, limitMs: number): void => {
  const db = strapi.db as unknown as Database;
  const original = db.transaction.bind(db);
  db.transaction = (cb?: TransactionCallback) => {
    if (typeof cb !== 'function' || db.inTransaction()) return original(cb);
    const limited = strapi.isLoaded === true;
    let timer: NodeJS.Timeout | undefined;
    let held: Trx | undefined;
    let expire: (error: Error) => void = () => undefined;
    const deadline = new Promise<never>((_, reject) => {
      expire = reject;
    });
    const work = original(async (params: TransactionParams) => {
      held = params.trx;
      openTransactions.set(held, Date.now());
      if (limited) {
        // The clock starts once the connection is ours: waiting in the pool has its own limit.
        timer = setTimeout(() => {
          const error = new TransactionTimeoutError(limitMs);
          void abandon(strapi, params.trx, `transaksi berjalan lebih dari ${limitMs} ms`).then(() => expire(error));
        }, limitMs);
        timer.unref();
      }
      return cb(params);
    });
    return Promise.race([work, deadline]).finally(() => {
      clearTimeout(timer);
      if (held) openTransactions.delete(held);
    });
  };
};

/**
 * At shutdown (the app's `destroy`): waits up to `graceMs` for open transactions and
 * autocommitted statements (src/database-guard/autocommit.ts) to finish, then rolls back the
 * transactions still open — cutting the connection of any whose rollback does not finish
 * within 2 s — and only then ends the statements still in flight (endOpenStatements: PostgreSQL
 * cancels them, a statement that could finish once those rollbacks freed its lock commits and is
 * answered), so the pool can close and the process exit. Returns how many were rolled back,
 * cancelled or cut.
 */
export const rollBackOpenTransactions = async (strapi: Core.Strapi, graceMs: number): Promise<number> => {
  const knex = strapi.db.connection;
  const until = Date.now() + graceMs;
  while ((openTransactions.size > 0 || openStatementCount(knex) > 0) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = [...openTransactions.keys()];
  await Promise.all(
    left.map(async (trx) => {
      openTransactions.delete(trx);
      await abandon(strapi, trx, 'server berhenti saat transaksi masih berjalan');
    })
  );
  // autocommitted statements still in flight (e.g. waiting for a lock): cancelled, each rolled back whole unless it finished
  const statements = await endOpenStatements(knex, 1000);
  if (statements.cancelled + statements.cut > 0)
    strapi.log.error(
      `[transaksi] server berhenti: ${statements.cancelled} pernyataan autocommit yang masih berjalan diminta batal ` +
        `(yang belum selesai dibatalkan utuh, yang sudah selesai tetap tercatat), ${statements.cut} koneksinya diputus.`
    );
  return left.length + Math.max(statements.cancelled, statements.cut);
};

/**
 * On SIGTERM / SIGINT, a last resort beside Strapi's own shutdown (which waits for the
 * pool): if the process is still alive after `hardLimitMs`, it exits with code 1.
 */
export const exitAfterSignal = (strapi: Core.Strapi, hardLimitMs: number): void => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        strapi.log.error(`[proses] berhenti paksa: penghentian setelah ${signal} tidak selesai dalam ${hardLimitMs} ms.`);
        process.exit(1);
      }, hardLimitMs).unref();
    });
  }
};

/**
 * The process-wide handler of rejections nobody awaited. Strapi runs post-commit work
 * (document events) as promises nobody awaits, and a library may reject outside any
 * await (yup 0.32's async tests: a rejecting unique check leaves the request's promise
 * pending forever). Node's default would kill the server; this logs the error with its
 * stack instead. The request it came from is answered by the transaction time limit
 * (503, transaction rolled back, connection returned).
 */
export const logEscapedRejection =
  (strapi: Core.Strapi) =>
  (reason: unknown): void => {
    const detail = reason instanceof Error ? `${reason.name}: ${reason.message}\n${reason.stack ?? ''}` : String(reason);
    strapi.log.error(`[proses] janji ditolak tanpa penanganan (permintaan terkait dijawab oleh batas waktu transaksi): ${detail}`);
  };
