/**
 * Issue 13, "Done when": workflow definitions live in the database as versions. The four SOPs are
 * seeded once from their JSON (edits kept across a restart); the berita workflow gets a step,
 * version 2 is activated, and a berita started under version 1 finishes under version 1 while a
 * new one follows version 2. Invalid definitions are refused over the API with the reason; only
 * holders of "Kelola Alur SOP" reach `/sop/alur`; every write is an audit row in an intact chain.
 */
import { createAdminSession, loginAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, ROLE, sopView, transit, walkBeritaTo } from '../helpers/sop';
import { hashDefinition, type WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { AUDIT_TABLE, sopRegistryOf, syncAlur } from '../../src/plugins/sop/server/src/index';
import { BERITA_DEFINITION } from '../../src/sop-defs/berita/workflow';
import { BERITA_KELUAR_UID, withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

type Versi = {
  nomor: number;
  status: 'draf' | 'aktif' | 'pensiun';
  hash: string;
  definisi?: WorkflowData;
  dibuatOleh?: { id: number | null; nama: string };
  diubahOleh: { id: number | null; nama: string };
  diaktifkanPada?: string | null;
  dipensiunkanPada?: string | null;
};
type Alur = { model: string; nama: string; uid: string; versiAktif: number | null; versi: Versi[] };
type View = { tahap: string; alurVersi: number; aksi: { ke: string }[]; riwayat: { ke: string }[]; distribusi: { documentId: string }[] };

/** Version 2 of the berita workflow: a verification step between the agenda and the kartu kendali. */
const withVerification = (v1: WorkflowData): WorkflowData => {
  const copy = JSON.parse(JSON.stringify(v1)) as WorkflowData;
  const at = copy.states.findIndex((state) => state.key === 'diagendakan');
  copy.states.splice(at + 1, 0, { key: 'diverifikasi', label: 'Diverifikasi kelengkapannya' });
  const kartu = copy.transitions.find((transition) => transition.to === 'diteruskan_ke_kasi')!;
  kartu.from = ['diverifikasi'];
  copy.transitions.push({ from: ['diagendakan'], to: 'diverifikasi', label: 'Verifikasi kelengkapan', langkah: '4a', roles: ['operator'] });
  for (const transition of copy.transitions) if (transition.kind === 'batal') transition.from = [...transition.from, 'diverifikasi'];
  return copy;
};

describe('workflow versions in the database (/sop/alur)', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  let beritaV1: string;

  const as = (session: AdminSession) => ({
    get: (path: string) => app.http().get(path).set('Authorization', `Bearer ${session.token}`),
    post: (path: string, body: unknown = {}) =>
      app
        .http()
        .post(path)
        .set('Authorization', `Bearer ${session.token}`)
        .send(body as object),
    put: (path: string, body: unknown) =>
      app
        .http()
        .put(path)
        .set('Authorization', `Bearer ${session.token}`)
        .send(body as object),
  });
  const admin = () => as(staff.admin);
  const alur = async (model: string): Promise<Alur> => {
    const response = await admin().get(`/sop/alur/${model}`);
    expect(response.status).toBe(200);
    return response.body.data as Alur;
  };
  const view = async (session: AdminSession, documentId: string): Promise<View> => {
    const response = await sopView(app, session, 'berita', documentId);
    expect(response.status).toBe(200);
    return response.body.data as View;
  };
  const step = async (session: AdminSession, documentId: string, ke: string, data?: Record<string, unknown>) => {
    const response = await transit(app, session, 'berita', documentId, ke, data ? { data } : {});
    if (response.status !== 200) throw new Error(`${ke}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const alurAuditRows = async (): Promise<{ ke: string; catatan: string; aktor_nama: string }[]> =>
    app.strapi.db.connection(AUDIT_TABLE).where({ model: 'alur', document_id: 'berita' }).orderBy('urutan');

  beforeAll(async () => {
    app = await startApp({ beforeLoad: withBeritaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('seeds the four SOPs from their JSON as version 1, active, made by the system', async () => {
    const response = await admin().get('/sop/alur');
    expect(response.status).toBe(200);
    const list = response.body.data as Alur[];
    expect(list.map((one) => one.model)).toEqual(['berita', 'distribusi', 'kriptogram', 'pengaduan']);
    for (const one of list) expect(one).toMatchObject({ versiAktif: 1, versi: [{ nomor: 1, status: 'aktif' }] });
    const berita = await alur('berita');
    expect(berita).toMatchObject({ nama: BERITA_DEFINITION.title, uid: 'api::berita.berita' });
    expect(berita.versi[0].hash).toBe(hashDefinition(BERITA_DEFINITION));
    expect(berita.versi[0].definisi).toEqual(BERITA_DEFINITION);
    expect(berita.versi[0].dibuatOleh).toEqual({ id: null, nama: expect.stringMatching(/Sistem/) });
    expect(berita.versi[0].diaktifkanPada).toEqual(expect.any(String));
    // a berita registered now runs under version 1
    beritaV1 = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita versi satu' });
    expect((await view(staff.operator, beritaV1)).alurVersi).toBe(1);
  });

  it('lets nobody without "Kelola Alur SOP" read or write, and offers the types to no other API', async () => {
    expect((await app.http().get('/sop/alur')).status).toBe(401);
    for (const who of ['operator', 'kasi']) {
      const denied = [
        await as(staff[who]).get('/sop/alur'),
        await as(staff[who]).get('/sop/kosakata'),
        await as(staff[who]).get('/sop/alur/berita'),
        await as(staff[who]).post('/sop/alur/berita/versi'),
        await as(staff[who]).post('/sop/alur/periksa', { definisi: BERITA_DEFINITION }),
        await as(staff[who]).post('/sop/alur/berita/versi/1/pensiunkan'),
      ];
      for (const response of denied) {
        expect(response.status).toBe(403);
        expect(response.body.error.message).toMatch(/Kelola Alur SOP/);
      }
    }
    // not even Super Admin reaches them through the content manager; there is no REST route
    for (const uid of ['plugin::sop.alur', 'plugin::sop.alur-versi']) {
      expect((await admin().get(`/content-manager/collection-types/${uid}`)).status).toBe(403);
      expect((await admin().post(`/content-manager/collection-types/${uid}`, { model: 'x' })).status).toBe(403);
      await expect(app.strapi.documents(uid as never).findMany({})).rejects.toThrow(/Alur SOP/);
    }
    expect(await app.strapi.db.query('plugin::sop.alur' as never).count({})).toBe(4);
    expect((await app.http().get('/api/alurs')).status).toBe(404);
    expect((await app.http().get('/api/alur-versis')).status).toBe(404);
    expect(await alurAuditRows()).toEqual([]);
  });

  it('is a permission of its own ("Kelola Alur SOP"): a role granted it may read, without being Super Admin', async () => {
    const permissions = app.strapi.service('admin::permission') as unknown as {
      actionProvider: { get: (id: string) => { displayName: string } | undefined };
    };
    expect(permissions.actionProvider.get('plugin::sop.alur.kelola')).toMatchObject({ displayName: 'Kelola Alur SOP' });
    const roles = app.strapi.service('admin::role') as unknown as {
      create: (attributes: Record<string, unknown>) => Promise<{ id: number }>;
      assignPermissions: (roleId: number, permissions: { action: string }[]) => Promise<unknown>;
    };
    const role = await roles.create({ name: 'Perancang Alur', description: 'Uji izin Kelola Alur SOP' });
    await roles.assignPermissions(role.id, [{ action: 'plugin::sop.alur.kelola' }]);
    const perancang = await createAdminSession(app, 'Perancang Alur', { firstname: 'Pera', lastname: 'Ancang' });
    expect((await as(perancang).get('/sop/alur')).status).toBe(200);
    expect((await as(perancang).get('/sop/kosakata')).status).toBe(200);
  });

  it('describes the vocabulary: guards and effects with their params as JSON Schema, field types, roles', async () => {
    const response = await admin().get('/sop/kosakata');
    expect(response.status).toBe(200);
    const { guards, effects, fieldTypes, roles } = response.body.data as {
      guards: { type: string; describe: string | null; params: { type?: string; properties?: Record<string, unknown> } | null }[];
      effects: { type: string; params: unknown }[];
      fieldTypes: { type: string; describe: string | null }[];
      roles: { key: string; nama: string; singkat: string }[];
    };
    const notSame = guards.find((guard) => guard.type === 'notTheSamePerson');
    expect(notSame).toMatchObject({ describe: expect.any(String), params: { type: 'object' } });
    expect(Object.keys(notSame?.params?.properties ?? {})).toEqual(expect.arrayContaining(['fakta', 'pesan']));
    expect(effects.map((effect) => effect.type)).toEqual(expect.arrayContaining(['assignAgendaNumber', 'createKartuKendali']));
    expect(fieldTypes.map((field) => field.type)).toEqual(expect.arrayContaining(['teks', 'teksPanjang', 'pengguna', 'checklist']));
    expect(roles).toContainEqual({ key: 'kasi', nama: ROLE.kasi, singkat: 'Kasi' });
  });

  it('refuses invalid definitions with the reason, over periksa and at activation', async () => {
    const v1 = (await alur('berita')).versi[0].definisi!;
    const sound = await admin().post('/sop/alur/periksa', { definisi: v1 });
    expect(sound.status).toBe(200);
    expect(sound.body.data).toMatchObject({ sah: true, galat: [], diagram: { mermaid: expect.stringContaining('stateDiagram') } });
    expect(sound.body.data.diagram.svg).toMatch(/^<svg/);

    const unreachable = { ...v1, states: [...v1.states, { key: 'terlupa', label: 'Terlupa', final: true }] };
    const periksa = await admin().post('/sop/alur/periksa', { definisi: unreachable });
    expect(periksa.status).toBe(200);
    expect(periksa.body.data.sah).toBe(false);
    expect(periksa.body.data.galat).toContainEqual(expect.stringMatching(/"terlupa" tidak dapat dicapai dari tahap awal/));
    expect(periksa.body.data.diagram).not.toBeNull();

    const unknownEffect = JSON.parse(JSON.stringify(v1)) as WorkflowData;
    unknownEffect.transitions[0].effects = [{ type: 'kirimMerpati' }];
    const badParams = JSON.parse(JSON.stringify(v1)) as WorkflowData;
    badParams.transitions.find((transition) => transition.to === 'diagendakan')!.effects = [{ type: 'assignAgendaNumber', params: { buku: 5 } }];
    const unknownRole = JSON.parse(JSON.stringify(v1)) as WorkflowData;
    unknownRole.transitions[0].roles = ['juruSita'];
    const cases: [WorkflowData, RegExp][] = [
      [unreachable, /Tahap "terlupa" tidak dapat dicapai/],
      [unknownEffect, /Jenis efek "kirimMerpati" tidak dikenal/],
      [badParams, /Parameter efek "assignAgendaNumber" tidak sah/],
      [unknownRole, /Peran "juruSita" tidak dikenal/],
      [{ ...v1, uid: 'api::kriptogram.kriptogram' }, /uid: Jenis konten definisi "api::kriptogram.kriptogram" harus sama/],
    ];
    for (const [definisi, reason] of cases) {
      const draft = await admin().post('/sop/alur/berita/versi', { definisi });
      expect(draft.status).toBe(201);
      const nomor = Math.max(...(draft.body.data as Alur).versi.map((versi) => versi.nomor));
      const refused = await admin().post(`/sop/alur/berita/versi/${nomor}/aktifkan`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.name).toBe('ValidationError');
      expect(refused.body.error.details.galat).toContainEqual(expect.stringMatching(reason));
      expect(refused.body.error.message).toMatch(reason);
      // a refused draft is retired, not activated: version 1 still runs
      expect((await admin().post(`/sop/alur/berita/versi/${nomor}/pensiunkan`)).status).toBe(200);
    }
    const now = await alur('berita');
    expect(now.versiAktif).toBe(1);
    expect(now.versi.slice(1).every((versi) => versi.status === 'pensiun')).toBe(true);
    expect(
      sopRegistryOf(app.strapi)
        .workflow('berita')
        ?.states.map((state) => state.key)
    ).not.toContain('terlupa');
  });

  it('answers 400 for bad bodies and 404 for unknown workflows and versions', async () => {
    expect((await admin().post('/sop/alur/berita/versi', { dari: 'satu' })).status).toBe(400);
    expect((await admin().post('/sop/alur/berita/versi', { lain: 1 })).status).toBe(400);
    expect((await admin().put('/sop/alur/berita/versi/2', {})).status).toBe(400);
    expect((await admin().post('/sop/alur/periksa', {})).status).toBe(400);
    expect((await admin().get('/sop/alur/tidak-ada')).status).toBe(404);
    expect((await admin().post('/sop/alur/berita/versi', { dari: 99 })).status).toBe(404);
    expect((await admin().post('/sop/alur/berita/versi/99/aktifkan')).status).toBe(404);
    expect((await admin().get('/sop/alur/berita/beda?dari=1&ke=99')).status).toBe(404);
    expect((await admin().get('/sop/alur/berita/beda?dari=satu&ke=2')).status).toBe(400);
  });

  it('drafts version 2 with a new step, shows the difference and activates it; version 1 is retired', async () => {
    const draft = await admin().post('/sop/alur/berita/versi', { dari: 1 });
    expect(draft.status).toBe(201);
    const created = (draft.body.data as Alur).versi.at(-1)!;
    expect(created).toMatchObject({ status: 'draf', hash: hashDefinition(BERITA_DEFINITION), dibuatOleh: { id: staff.admin.id, nama: 'Ani Admin' } });
    const nomor = created.nomor;
    const edited = await admin().put(`/sop/alur/berita/versi/${nomor}`, { definisi: withVerification(created.definisi!) });
    expect(edited.status).toBe(200);

    const beda = await admin().get(`/sop/alur/berita/beda?dari=1&ke=${nomor}`);
    expect(beda.status).toBe(200);
    expect(beda.body.data).toEqual(
      expect.arrayContaining([
        { jenis: 'ditambah', bagian: 'tahap', kunci: 'diverifikasi', sesudah: { key: 'diverifikasi', label: 'Diverifikasi kelengkapannya' } },
        expect.objectContaining({ jenis: 'ditambah', bagian: 'langkah', kunci: 'diagendakan→diverifikasi' }),
        expect.objectContaining({ jenis: 'dihapus', bagian: 'langkah', kunci: 'diagendakan→diteruskan_ke_kasi' }),
        expect.objectContaining({ jenis: 'ditambah', bagian: 'langkah', kunci: 'diverifikasi→diteruskan_ke_kasi' }),
      ])
    );

    const activated = await admin().post(`/sop/alur/berita/versi/${nomor}/aktifkan`);
    expect(activated.status).toBe(200);
    const after = activated.body.data as Alur;
    expect(after.versiAktif).toBe(nomor);
    expect(after.versi[0]).toMatchObject({ nomor: 1, status: 'pensiun', dipensiunkanPada: expect.any(String) });
    expect(after.versi.find((versi) => versi.nomor === nomor)).toMatchObject({
      status: 'aktif',
      diubahOleh: { id: staff.admin.id, nama: 'Ani Admin' },
    });
    // neither the retired nor the active version changes any more
    expect((await admin().put('/sop/alur/berita/versi/1', { definisi: BERITA_DEFINITION })).status).toBe(409);
    expect((await admin().put(`/sop/alur/berita/versi/${nomor}`, { definisi: BERITA_DEFINITION })).status).toBe(409);
    expect((await admin().post(`/sop/alur/berita/versi/${nomor}/pensiunkan`)).status).toBe(409);
    expect((await admin().post(`/sop/alur/berita/versi/${nomor}/aktifkan`)).status).toBe(409);
  });

  it('lets a berita started under version 1 finish under version 1, while a new berita follows version 2', async () => {
    const versi2 = (await alur('berita')).versiAktif!;
    // the old berita: version 1's next step, not version 2's
    const old = await view(staff.operator, beritaV1);
    expect(old).toMatchObject({ tahap: 'diagendakan', alurVersi: 1 });
    expect(old.aksi.map((aksi) => aksi.ke)).toContain('diteruskan_ke_kasi');
    expect(old.aksi.map((aksi) => aksi.ke)).not.toContain('diverifikasi');
    const unknown = await transit(app, staff.operator, 'berita', beritaV1, 'diverifikasi');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('Tahap tujuan "diverifikasi" tidak dikenal.');

    // the new berita starts under version 2
    const fresh = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita versi dua' });
    const now = await view(staff.operator, fresh);
    expect(now).toMatchObject({ tahap: 'diagendakan', alurVersi: versi2 });
    expect(now.aksi.map((aksi) => aksi.ke)).toContain('diverifikasi');
    expect(now.aksi.map((aksi) => aksi.ke)).not.toContain('diteruskan_ke_kasi');
    expect((await transit(app, staff.operator, 'berita', fresh, 'diteruskan_ke_kasi')).status).toBe(409);

    // the operator's queue offers each its own version's step
    const antrian = await as(staff.operator).get('/sop/antrian');
    const aksiOf = (documentId: string) =>
      (antrian.body.data as { documentId: string; aksi: { ke: string }[] }[])
        .find((item) => item.documentId === documentId)
        ?.aksi.map((aksi) => aksi.ke);
    expect(aksiOf(beritaV1)).toEqual(['diteruskan_ke_kasi']);
    expect(aksiOf(fresh)).toEqual(['diverifikasi']);

    // version 1 to its end
    await step(staff.operator, beritaV1, 'diteruskan_ke_kasi');
    await step(staff.kasi, beritaV1, 'diparaf_kasi');
    await step(staff.kabid, beritaV1, 'diparaf_kabid');
    await step(staff.kadis, beritaV1, 'diparaf_kadis');
    await step(staff.kasi, beritaV1, 'ditugaskan_ke_caraka', { caraka: staff.caraka.id });
    for (const copy of (await view(staff.caraka, beritaV1)).distribusi) {
      const receipt = await transit(app, staff.caraka, 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } });
      expect(receipt.status).toBe(200);
    }
    await step(staff.caraka, beritaV1, 'didistribusikan');
    await step(staff.caraka, beritaV1, 'tanda_terima_diserahkan');
    await step(staff.operator, beritaV1, 'diarsipkan');
    const done = await view(staff.operator, beritaV1);
    expect(done).toMatchObject({ tahap: 'diarsipkan', alurVersi: 1, aksi: [] });
    expect(done.riwayat.map((row) => row.ke)).not.toContain('diverifikasi');

    // version 2 through its new step
    await step(staff.operator, fresh, 'diverifikasi');
    await step(staff.operator, fresh, 'diteruskan_ke_kasi');
    const moved = await view(staff.kasi, fresh);
    expect(moved).toMatchObject({ tahap: 'diteruskan_ke_kasi', alurVersi: versi2 });
    expect(moved.riwayat.map((row) => row.ke)).toEqual(expect.arrayContaining(['diverifikasi', 'diteruskan_ke_kasi']));

    // nobody chooses a record's version: the server owns the field
    await expect(app.strapi.documents('api::berita.berita').create({ data: { ...BERITA_CONTOH, alurVersi: 1 } as never })).rejects.toThrow(
      /alurVersi/
    );
  });

  it('writes one audit row per change, in an intact chain', async () => {
    const rows = await alurAuditRows();
    // five refused drafts (made, retired), the draft of version 2, its edit, its activation
    expect(rows.map((row) => row.ke)).toEqual([...Array(5).fill(['draf', 'pensiun']).flat(), 'draf', 'draf', 'aktif']);
    expect(rows.every((row) => row.aktor_nama === 'Ani Admin')).toBe(true);
    expect(rows.at(-1)?.catatan).toMatch(/diaktifkan; versi 1 dipensiunkan/);
    const verify = await admin().get('/sop/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.data).toMatchObject({ ok: true });
  });

  it('creates a new workflow for a collection type no workflow governs, as a draft', async () => {
    const definisi = {
      model: 'keluar-uji',
      uid: BERITA_KELUAR_UID,
      title: 'Uji alur baru',
      initial: 'baru',
      states: [{ key: 'baru', label: 'Baru', final: true }],
      transitions: [],
    };
    const body = { model: 'keluar-uji', nama: 'Uji alur baru', uid: BERITA_KELUAR_UID, definisi };
    const created = await admin().post('/sop/alur', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ model: 'keluar-uji', versiAktif: null, versi: [{ nomor: 1, status: 'draf', definisi }] });
    expect((await admin().post('/sop/alur', body)).status).toBe(409);
    expect((await admin().post('/sop/alur', { ...body, model: 'keluar-lain' })).status).toBe(400);
    expect((await admin().post('/sop/alur', { ...body, model: 'berita-dua', uid: 'api::berita.berita' })).status).toBe(400);
    // the holidays opt out of binding (pluginOptions.sop.ikat: false) and are governed by the app's own rule
    expect((await admin().post('/sop/alur', { ...body, model: 'libur-dua', uid: 'api::hari-libur.hari-libur' })).status).toBe(400);
    expect((await admin().post('/sop/alur', { ...body, model: 'instansi-uji', uid: 'api::instansi.instansi' })).status).toBe(400);
    expect((await admin().post('/sop/alur', { ...body, model: 'Huruf Besar' })).status).toBe(400);
    expect((await admin().post('/sop/alur', { ...body, model: 'alur' })).status).toBe(400);
    const rows = (await app.strapi.db.connection(AUDIT_TABLE).where({ model: 'alur', document_id: 'keluar-uji' })) as { ke: string }[];
    expect(rows.map((row) => row.ke)).toEqual(['dibuat']);
  });

  it('keeps the edits across a restart: no second seed, version 2 still active and running', async () => {
    const before = await alur('berita');
    await app.stop();
    app = await startApp({ database: app.database, beforeLoad: withBeritaKeluar });
    for (const session of Object.values(staff)) session.token = await loginAdmin(app, session.email, session.password);
    const after = await alur('berita');
    expect(after.versi.map((versi) => [versi.nomor, versi.status, versi.hash])).toEqual(
      before.versi.map((versi) => [versi.nomor, versi.status, versi.hash])
    );
    expect(after.versiAktif).toBe(before.versiAktif);
    expect(
      sopRegistryOf(app.strapi)
        .workflow('berita')
        ?.states.map((state) => state.key)
    ).toContain('diverifikasi');
    expect(
      sopRegistryOf(app.strapi)
        .workflowOf('berita', 1)
        ?.states.map((state) => state.key)
    ).not.toContain('diverifikasi');
    const list = (await admin().get('/sop/alur')).body.data as Alur[];
    expect(list.find((one) => one.model === 'kriptogram')?.versi).toHaveLength(1);
    // a new berita after the restart still starts under the active version
    const fresh = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita setelah mulai ulang' });
    expect((await view(staff.operator, fresh)).aksi.map((aksi) => aksi.ke)).toContain('diverifikasi');
  });

  it("logs, and does not fail, when the code's definition matches no stored version", async () => {
    // as if staff had replaced the kriptogram's version 1 and the code stayed as it was
    await app.strapi.db.query('plugin::sop.alur-versi' as never).updateMany({ where: { model: 'kriptogram' }, data: { hash: 'f'.repeat(64) } });
    await app.stop();
    const warnings: string[] = [];
    app = await startApp({
      database: app.database,
      beforeLoad: (strapi) => {
        withBeritaKeluar(strapi);
        const original = strapi.log.warn.bind(strapi.log);
        strapi.log.warn = ((message: string, ...rest: unknown[]) => {
          warnings.push(String(message));
          return original(message, ...rest);
        }) as typeof strapi.log.warn;
      },
    });
    for (const session of Object.values(staff)) session.token = await loginAdmin(app, session.email, session.password);
    expect(warnings).toContainEqual(expect.stringMatching(/definisi alur "kriptogram" di kode .* tidak sama dengan versi mana pun/));
    expect(warnings.filter((warning) => warning.includes('definisi alur "berita"'))).toEqual([]);
    expect(sopRegistryOf(app.strapi).activeVersion('kriptogram')).toEqual({ nomor: 1, hash: 'f'.repeat(64) });
  });

  it('follows an activation made by another server process', async () => {
    const registry = sopRegistryOf(app.strapi);
    const before = registry.activeVersion('berita')!;
    const v1 = (await alur('berita')).versi[0].definisi!;
    const relabelled = { ...v1, title: 'Penerimaan Berita (proses lain)' };
    // what another process's activation leaves in the database
    const versions = app.strapi.db.query('plugin::sop.alur-versi' as never);
    await versions.updateMany({ where: { model: 'berita', status: 'aktif' }, data: { status: 'pensiun', dipensiunkanPada: new Date() } });
    await versions.create({
      data: { model: 'berita', nomor: 50, status: 'aktif', definisi: relabelled, hash: hashDefinition(relabelled), diaktifkanPada: new Date() },
    });
    await syncAlur(app.strapi, true);
    expect(registry.activeVersion('berita')).toEqual({ nomor: 50, hash: hashDefinition(relabelled) });
    expect(registry.workflow('berita')?.title).toBe('Penerimaan Berita (proses lain)');
    expect(registry.workflowOf('berita', before.nomor)?.states.map((state) => state.key)).toContain('diverifikasi');
  });
});
