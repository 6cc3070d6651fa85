import { moveLegacyUploads } from '../../src/files';
import { ensureIdempotensiTable } from '../../src/api/pengaduan/lib/idempotensi';
import { backfillWaktuAgenda } from '../../src/bootstrap/waktu-agenda';
import { backfillRingkasanDistribusi } from '../../src/sop-defs/distribusi/ringkasan';
import { lockDownPublicAccess, lockDownStockAdminRoles } from '../../src/bootstrap/public-access';
import { ensureRoles } from '../../src/bootstrap/roles';
import { seedInstansi } from '../../src/bootstrap/instansi';
import { bootstrapStandarPelayanan } from '../../src/bootstrap/standar-pelayanan';
import { applyAdminLayouts } from '../../src/bootstrap/admin-layout';
import { startApp, type TestApp } from '../helpers/app';

/**
 * A restart with nothing to change writes nothing: every step of the app's bootstrap that reads
 * the database (src/index.ts), run again on a database the first boot set up, sends no INSERT,
 * UPDATE or DELETE (issue 14, boot: three store keys were rewritten at every restart).
 */
describe('bootstrap steps on a database already set up', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('read, and write nothing', async () => {
    const { strapi } = app;
    const writes: string[] = [];
    const listener = (query: { sql: string }) => {
      if (/^\s*(insert|update|delete)\b/i.test(query.sql)) writes.push(query.sql);
    };
    const steps = [
      moveLegacyUploads,
      ensureIdempotensiTable,
      backfillWaktuAgenda,
      backfillRingkasanDistribusi,
      lockDownPublicAccess,
      lockDownStockAdminRoles,
      ensureRoles,
      seedInstansi,
      bootstrapStandarPelayanan,
      applyAdminLayouts,
    ];
    let reads = 0;
    const counter = () => (reads += 1);
    strapi.db.connection.on('query', listener);
    strapi.db.connection.on('query', counter);
    try {
      for (const step of steps) await step(strapi);
    } finally {
      strapi.db.connection.off('query', listener);
      strapi.db.connection.off('query', counter);
    }
    expect(reads).toBeGreaterThan(10);
    expect(writes).toEqual([]);
  });

  it('still writes what changed: a store flag cleared is applied and kept again', async () => {
    const { strapi } = app;
    const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'admin-layouts' });
    const applied = (await flag.get({})) as Record<string, number>;
    expect(Object.keys(applied)).toContain('api::berita.berita');
    await flag.set({ value: {} });
    await applyAdminLayouts(strapi);
    expect(await flag.get({})).toEqual(applied);
  });
});
