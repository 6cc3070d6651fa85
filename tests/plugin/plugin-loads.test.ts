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
  });

  it('offers "sop.transition" as a webhook event', () => {
    const store = app.strapi.get('webhookStore') as { allowedEvents: Map<string, string> };
    expect([...store.allowedEvents.values()]).toContain('sop.transition');
  });
});
