/**
 * The hari-libur list a process keeps for 2 s (issue 14) holds committed holidays only: a list read
 * inside a transaction that wrote a holiday is that transaction's own, never given to other
 * requests nor kept after a rollback (found by the session-7 review: a deadline could be computed
 * with a holiday that was then rolled back). A read inside a transaction stays on its connection
 * (a read on another pool connection deadlocked the pool under load), and is kept when no
 * transaction has an unfinished holiday write.
 */
import { AsyncResource } from 'async_hooks';
import { startApp, type TestApp } from '../helpers/app';
import { clearHolidayCache, loadHolidays, registerHolidayCache } from '../../src/api/standar-pelayanan/service-calendar';

const UID = 'api::hari-libur.hari-libur';
const UNCOMMITTED = '2031-02-03';

describe('hari libur cache: committed holidays only', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
    // this file's copy of the module follows the writes as the app's own copy does
    registerHolidayCache(app.strapi);
    await app.strapi.db.query(UID).create({ data: { tanggal: '2031-01-01', nama: 'Tahun Baru Masehi' } });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('a holiday written in a transaction that rolls back never reaches the kept list', async () => {
    const { strapi } = app;
    clearHolidayCache(strapi);
    // runs in the context it was made in: outside the transaction below, as another request would
    const fromAnotherRequest = AsyncResource.bind(() => loadHolidays(strapi));
    const rollback = new Error('rollback of the test');
    let inside: string[] = [];
    let other: string[] | null = null;
    await expect(
      strapi.db.transaction(async () => {
        await strapi.db.query(UID).create({ data: { tanggal: UNCOMMITTED, nama: 'Libur yang dibatalkan' } });
        inside = [...(await loadHolidays(strapi))];
        // SQLite has one connection, held by this transaction: another reader would wait for it
        if (strapi.db.dialect.client === 'postgres') other = [...(await fromAnotherRequest())];
        throw rollback;
      })
    ).rejects.toBe(rollback);
    // the transaction's own read sees its own holiday, and keeps it to itself
    expect(inside).toContain('2031-01-01');
    expect(inside).toContain(UNCOMMITTED);
    if (strapi.db.dialect.client === 'postgres') {
      // another request meanwhile reads the committed list
      expect(other).toContain('2031-01-01');
      expect(other).not.toContain(UNCOMMITTED);
    }
    const after = await loadHolidays(strapi);
    expect(after).toContain('2031-01-01');
    expect(after).not.toContain(UNCOMMITTED);
  });

  it('a list read in a transaction with no holiday write is kept for the next readers', async () => {
    const { strapi } = app;
    clearHolidayCache(strapi);
    const reads: string[] = [];
    const watch = (query: { sql: string }) => {
      if (/hari_liburs?/.test(query.sql)) reads.push(query.sql);
    };
    strapi.db.connection.on('query', watch);
    try {
      const inside = await strapi.db.transaction(async () => loadHolidays(strapi));
      expect(inside).toContain('2031-01-01');
      expect(await loadHolidays(strapi)).toEqual(inside);
    } finally {
      strapi.db.connection.off('query', watch);
    }
    expect(reads).toHaveLength(1);
  });

  it('as many transactions as the pool has connections read the list at once without waiting for a connection of their own', async () => {
    const { strapi } = app;
    const pool = (strapi.db.connection.client as { pool?: { max: number } }).pool;
    const size = pool?.max ?? 1;
    let arrived = 0;
    let go: () => void = () => undefined;
    const allHold = new Promise<void>((resolve) => (go = resolve));
    const lists = await Promise.all(
      Array.from({ length: size }, () =>
        strapi.db.transaction(async () => {
          await strapi.db.query(UID).count({}); // the transaction now holds its connection
          arrived += 1;
          if (arrived === size) go();
          await allHold;
          clearHolidayCache(strapi);
          return loadHolidays(strapi);
        })
      )
    );
    for (const list of lists) expect(list).toContain('2031-01-01');
  });
});
