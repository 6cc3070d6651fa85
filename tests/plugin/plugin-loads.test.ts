import { startApp, type TestApp } from '../helpers/app';
import { createAdminSession } from '../helpers/admin-users';
import { ROLE, transit, walkBeritaTo } from '../helpers/sop';
import { SOP_TRANSITION_EVENT, type SopTransitionEvent } from '../../src/plugins/sop/server/src/index';

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
    expect(plugin.config('agendaFormatPerBuku')).toEqual({ 'kriptogram-masuk': 'K-{nomor:4}/{tahun}' });
    const registry = plugin.service('registry');
    expect(
      registry
        .workflows()
        .map((definition: { model: string }) => definition.model)
        .sort()
    ).toEqual(['berita', 'distribusi', 'kriptogram', 'pengaduan']);
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

  it('announces every committed step once (sop.transition), naming the step and never its input', async () => {
    const events: SopTransitionEvent[] = [];
    app.strapi.eventHub.on(SOP_TRANSITION_EVENT, ((event: SopTransitionEvent) => {
      events.push(event);
    }) as never);
    const operator = await createAdminSession(app, ROLE.operator);
    const documentId = await walkBeritaTo(app, { operator }, 'diagendakan');
    const kartu = { indeks: 'Undangan-rahasia-isi', pengolah: 'Seksi Persandian' };
    expect((await transit(app, operator, 'berita', documentId, 'diteruskan_ke_kasi', { data: kartu })).status).toBe(200);
    // a refused step is not announced
    expect((await transit(app, operator, 'berita', documentId, 'diparaf_kasi')).status).toBe(403);

    const mine = events.filter((event) => event.documentId === documentId);
    expect(mine.map((event) => event.ke)).toEqual(['diperiksa', 'dicetak', 'diagendakan', 'diteruskan_ke_kasi']);
    expect(mine[2]).toMatchObject({
      model: 'berita',
      uid: 'api::berita.berita',
      dari: 'dicetak',
      keLabel: 'Diagendakan',
      aksi: 'Agendakan di buku agenda surat masuk',
      jenis: 'maju',
      aktor: { id: operator.id, nama: operator.name },
      efek: ['assignAgendaNumber'],
      ditugaskan: null,
    });
    expect(JSON.stringify(mine)).not.toContain('Undangan-rahasia-isi');
  });
});
