import { startApp, type TestApp } from '../helpers/app';

describe('the SOP engine is a Strapi plugin', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('is loaded from src/plugins/sop with its validated settings and services', () => {
    const plugin = app.strapi.plugin('sop');
    expect(plugin).toBeDefined();
    expect(plugin.config('transitionEvent')).toBe('sop.transition');
    expect(plugin.config('agendaFormat')).toBe('{nomor:4}/{tahun}');
    const registry = plugin.service('registry');
    expect(registry.workflows().map((definition: { model: string }) => definition.model).sort()).toEqual(['berita', 'distribusi', 'kriptogram', 'pengaduan']);
    expect(registry.vocabulary()?.effects).toHaveProperty('assignAgendaNumber');
    for (const name of ['transitions', 'views', 'audit', 'digest']) expect(plugin.service(name)).toBeDefined();
  });

  it('answers through its services as the /sop API does', async () => {
    const views = app.strapi.plugin('sop').service('views') as { definitions: () => { model: string; akhir: string[] }[] };
    expect(views.definitions().find((definition) => definition.model === 'berita')?.akhir).toEqual(['diarsipkan', 'batal']);
    const audit = app.strapi.plugin('sop').service('audit') as { verify: () => Promise<{ ok: boolean }> };
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('offers "sop.transition" as a webhook event', () => {
    const store = app.strapi.get('webhookStore') as { allowedEvents: Map<string, string> };
    expect([...store.allowedEvents.values()]).toContain('sop.transition');
  });
});
