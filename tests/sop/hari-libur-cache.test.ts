/**
 * The hari-libur list a process keeps for 2 s (issue 14) holds committed holidays only: a list read
 * inside a transaction that wrote a holiday is that transaction's own, never given to other
 * requests nor kept after a rollback (found by the session-7 review: a deadline could be computed
 * with a holiday that was then rolled back).
 */
import { AsyncResource } from 'async_hooks';
import { startApp, type TestApp } from '../helpers/app';
import { clearHolidayCache, loadHolidays } from '../../src/api/standar-pelayanan/service-calendar';

const UID = 'api::hari-libur.hari-libur';
const UNCOMMITTED = '2031-02-03';

describe('hari libur cache: committed holidays only', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
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
    expect(inside).toContain('2031-01-01');
    if (strapi.db.dialect.client === 'postgres') {
      // read on another connection: the committed list, shared and kept as any read
      expect(inside).not.toContain(UNCOMMITTED);
      expect(other).not.toContain(UNCOMMITTED);
      expect(other).toContain('2031-01-01');
    } else {
      // the transaction's own read sees its own holiday, and keeps it to itself
      expect(inside).toContain(UNCOMMITTED);
    }
    const after = await loadHolidays(strapi);
    expect(after).toContain('2031-01-01');
    expect(after).not.toContain(UNCOMMITTED);
  });
});
