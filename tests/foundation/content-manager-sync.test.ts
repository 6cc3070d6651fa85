import type { Core } from '@strapi/strapi';
import { SYNC_LOG, configurationSyncFingerprint } from '../../src/content-manager/configuration-sync';
import { startApp, type TestApp, type TestDatabase } from '../helpers/app';

/**
 * The content manager syncs its stored views with the schemas only when something it reads
 * changed (src/content-manager/configuration-sync.ts, issue 14 boot): a restart with nothing
 * changed skips it; a view row deleted or a view an administrator configured makes it run, and
 * what it keeps is what Strapi's own sync keeps.
 */
describe('content manager view sync at boot', () => {
  let app: TestApp | undefined;
  let database: TestDatabase;
  const logged: string[] = [];

  /** Boots on the test's database, keeping the debug lines; `afterLine` runs after each one is logged. */
  const boot = async (afterLine?: (strapi: Core.Strapi, message: unknown) => void): Promise<TestApp> => {
    logged.length = 0;
    app = await startApp({
      database,
      beforeLoad: (strapi) => {
        const original = strapi.log.debug.bind(strapi.log);
        strapi.log.debug = ((message: unknown, ...rest: unknown[]) => {
          logged.push(String(message));
          const result = original(message as string, ...rest);
          afterLine?.(strapi, message);
          return result;
        }) as never;
      },
    });
    return app;
  };
  const restart = async (afterLine?: (strapi: Core.Strapi, message: unknown) => void): Promise<TestApp> => {
    await app?.stop();
    return boot(afterLine);
  };
  const outcome = (): string[] => logged.filter((line) => line === SYNC_LOG.unchanged || line === SYNC_LOG.synced);
  const viewKey = (uid: string) => `plugin_content_manager_configuration_content_types::${uid}`;
  const viewRow = (strapi: Core.Strapi, uid: string) => strapi.db.query('strapi::core-store').findOne({ where: { key: viewKey(uid) } });

  beforeAll(async () => {
    const first = await startApp();
    database = first.database;
    app = first;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('is skipped on a restart after a completed sync with nothing changed', async () => {
    await restart();
    const settled = outcome();
    expect(settled).toHaveLength(1);
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.unchanged]);
    // and nothing it would have written is missing: every type and component has its view
    const rows = await app!.strapi.db.query('strapi::core-store').findMany({
      where: { key: { $startsWith: 'plugin_content_manager_configuration_' } },
      select: ['key'],
    });
    const keys = rows.map((row: { key: string }) => row.key);
    for (const uid of Object.keys(app!.strapi.contentTypes)) expect(keys).toContain(viewKey(uid));
    for (const uid of Object.keys(app!.strapi.components)) expect(keys).toContain(`plugin_content_manager_configuration_components::${uid}`);
  });

  it('runs when a view row was deleted, makes it again, and confirms once before skipping', async () => {
    await app!.strapi.db.query('strapi::core-store').delete({ where: { key: viewKey('api::instansi.instansi') } });
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.synced]);
    const row = (await viewRow(app!.strapi, 'api::instansi.instansi')) as { value: string } | null;
    expect(row).not.toBeNull();
    const view = JSON.parse(row!.value) as { layouts: { list: string[] }; settings: { mainField: string } };
    expect(view.layouts.list.length).toBeGreaterThan(0);
    // the sync changed something: its result is confirmed by one more sync before it is trusted
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.synced]);
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.unchanged]);
  });

  it('never trusts rows another process wrote while the sync ran', async () => {
    const key = viewKey('api::instansi.instansi');
    // a stale fingerprint: the next boot syncs
    await app!.strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'content-manager-sync' }).set({ value: { fingerprint: 'lama' } });
    // "another process" (an older schema booting beside this one) deletes a view row right after
    // this boot's sync, before its fingerprint is taken
    await restart((strapi, message) => {
      if (message !== SYNC_LOG.synced) return;
      const query = strapi.db.query.bind(strapi.db);
      let interfered = false;
      (strapi.db as { query: unknown }).query = (uid: string) => {
        const repository = query(uid as never);
        if (uid !== 'strapi::core-store' || interfered) return repository;
        return new Proxy(repository, {
          get: (target, property) =>
            property === 'findMany'
              ? async (...args: unknown[]) => {
                  interfered = true;
                  await query('strapi::core-store').delete({ where: { key } });
                  return (target.findMany as (...params: unknown[]) => Promise<unknown>)(...args);
                }
              : Reflect.get(target, property),
        });
      };
    });
    expect(outcome()).toEqual([SYNC_LOG.synced]);
    expect(await viewRow(app!.strapi, 'api::instansi.instansi')).toBeNull();
    // the next boot does not skip: it syncs and makes the row again
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.synced]);
    expect(await viewRow(app!.strapi, 'api::instansi.instansi')).not.toBeNull();
  });

  it('runs after an administrator configured a view, and keeps that view', async () => {
    const { strapi } = app!;
    const contentTypes = strapi.plugin('content-manager').service('content-types') as {
      findConfiguration: (model: { uid: string }) => Promise<{ settings: Record<string, unknown> }>;
      updateConfiguration: (model: { uid: string }, configuration: unknown) => Promise<unknown>;
    };
    const model = { uid: 'api::pengaduan.pengaduan' };
    const before = await contentTypes.findConfiguration(model);
    expect(before.settings.pageSize).not.toBe(50);
    await contentTypes.updateConfiguration(model, { settings: { ...before.settings, pageSize: 50 } });
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.synced]);
    const after = await (app!.strapi.plugin('content-manager').service('content-types') as typeof contentTypes).findConfiguration(model);
    expect(after.settings.pageSize).toBe(50);
    await restart();
    expect(outcome()).toEqual([SYNC_LOG.unchanged]);
  });

  it('fingerprints the schemas whatever order they loaded in, and changes with an attribute', async () => {
    const { strapi } = app!;
    const base = await configurationSyncFingerprint(strapi);
    const components = strapi.components as unknown as Record<string, { attributes: Record<string, unknown> }>;
    const reversed = Object.fromEntries(Object.entries(components).reverse());
    const withExtra = Object.fromEntries(
      Object.entries(components).map(([uid, schema], index) =>
        index === 0 ? [uid, { ...schema, attributes: { ...schema.attributes, tambahan: { type: 'string' } } }] : [uid, schema]
      )
    );
    const withComponents = (value: unknown) => new Proxy(strapi, { get: (target, key) => (key === 'components' ? value : Reflect.get(target, key)) });
    expect(await configurationSyncFingerprint(withComponents(reversed))).toBe(base);
    expect(await configurationSyncFingerprint(withComponents(withExtra))).not.toBe(base);
  });
});
