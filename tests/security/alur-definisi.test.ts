/**
 * Issue 13 under attack: what a holder of "Kelola Alur SOP" may store and activate over
 * `/sop/alur`, and what an activated definition then does to the office's other workflows,
 * its mail and its database (SQLite here; `TEST_DATABASE=postgres` runs the same file on
 * PostgreSQL, where column lengths and integer ranges are enforced).
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, ROLE, transit } from '../helpers/sop';
import { sendOverdueDigest, sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import fixture from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
// the longest model the audit table's `model` column (40) and the routes take
const MODEL = 'berita-keluar-dengan-nama-yang-panjang-x';
// the longest state key the audit table's `dari`/`ke` columns (60) take
const DIAGENDAKAN = `diagendakan-${'a'.repeat(60 - 'diagendakan-'.length)}`;

type Definition = Omit<typeof fixture, 'transitions'> & {
  model: string;
  transitions: (Omit<(typeof fixture.transitions)[number], 'effects'> & { effects?: object[] })[];
};

const definitionWith = (changes: { model?: string; buku?: string; stateKey?: string; beriTahu?: object[] } = {}): Definition => {
  const definition = structuredClone(fixture) as Definition;
  definition.model = changes.model ?? MODEL;
  const step = definition.transitions[0];
  step.effects = [
    { type: 'assignAgendaNumber', params: { buku: changes.buku ?? 'surat-keluar' } },
    { type: 'tetapkanTenggat', params: { menitKerja: 420 } },
    ...(changes.beriTahu ?? []),
  ];
  const key = changes.stateKey;
  if (key) {
    definition.states[1].key = key;
    step.to = key;
    definition.transitions[1].from = [key];
  }
  return definition;
};

describe('stored workflow definitions cannot reach past their own workflow', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: Record<'admin' | 'operator' | 'kasi' | 'petugas', AdminSession> = {} as never;
  const post = (path: string, body: object = {}) => app.http().post(path).set('Authorization', `Bearer ${staff.admin.token}`).send(body);
  const get = (path: string) => app.http().get(path).set('Authorization', `Bearer ${staff.admin.token}`);

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({
      env: smtp.env,
      beforeLoad: withBeritaKeluar,
    });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Putri', lastname: 'Petugas' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('refuses a model longer than the audit trail can record', async () => {
    const model = `${MODEL}y`;
    const refused = await post('/sop/alur', { model, nama: 'Terlalu panjang', uid: UID, definisi: definitionWith({ model }) });
    expect(refused.status).toBe(400);
  });

  it('refuses a state key longer than the audit trail can record, before it can be activated', async () => {
    const checked = await post('/sop/alur/periksa', { definisi: definitionWith({ stateKey: `${DIAGENDAKAN}b` }) });
    expect(checked.status).toBe(200);
    expect(checked.body.data.sah).toBe(false);
    expect(checked.body.data.galat.join(' ')).toMatch(/60 karakter/);
  });

  it("refuses an agenda book another workflow numbers from: the berita's and the kriptogram's books keep their numbers", async () => {
    const created = await post('/sop/alur', {
      model: MODEL,
      nama: 'Pengiriman Berita Biasa',
      uid: UID,
      definisi: definitionWith({ buku: 'surat-masuk' }),
    });
    expect(created.status).toBe(201);
    const checked = await post('/sop/alur/periksa', { definisi: definitionWith({ buku: 'kriptogram-masuk' }) });
    expect(checked.body.data.sah).toBe(false);
    expect(checked.body.data.galat.join(' ')).toContain('kriptogram-masuk');
    const refused = await post(`/sop/alur/${MODEL}/versi/1/aktifkan`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.galat.join(' ')).toContain('surat-masuk');
    expect(sopRegistryOf(app.strapi).sop(MODEL)).toBeUndefined();
  });

  it('answers a version number past the database integer range as not found', async () => {
    const big = 2 ** 31;
    expect((await post(`/sop/alur/${MODEL}/versi/${big}/aktifkan`)).status).toBe(404);
    expect((await post(`/sop/alur/${MODEL}/versi/${big}/pensiunkan`)).status).toBe(404);
    expect((await post(`/sop/alur/${MODEL}/versi`, { dari: big })).status).toBe(404);
    expect((await get(`/sop/alur/${MODEL}/beda?dari=1&ke=${big}`)).status).toBe(404);
  });

  it('a beriTahu e-mail and the overdue digest reach only the roles that may read the record; the longest model and state key walk', async () => {
    const definisi = definitionWith({
      stateKey: DIAGENDAKAN,
      beriTahu: [
        { type: 'beriTahu', params: { peran: 'petugasPengaduan', pesan: 'Bocoran untuk Petugas Pengaduan.' } },
        { type: 'beriTahu', params: { peran: 'kasi', pesan: 'Mohon paraf berita keluar ini.' } },
      ],
    });
    // the overseer of the overdue digest, too, is a role the definition names
    (definisi as Definition & { pengawas: string }).pengawas = 'petugasPengaduan';
    expect((await post(`/sop/alur/${MODEL}/versi`, { definisi })).status).toBe(201);
    const activated = await post(`/sop/alur/${MODEL}/versi/2/aktifkan`);
    expect([activated.status, activated.body.error?.message]).toEqual([200, undefined]);

    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Perihal yang hanya untuk pemegang alur', tujuan: 'Setda' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const step = await transit(app, staff.operator, MODEL, documentId, DIAGENDAKAN);
    expect([step.status, step.body.error?.message]).toEqual([200, undefined]);
    const toKasi = await smtp.waitFor((mail) => mail.to.includes(staff.kasi.email) && mail.text.includes('Mohon paraf berita keluar ini.'));
    expect(toKasi.text).toContain('Perihal yang hanya untuk pemegang alur');
    // the Petugas Pengaduan's effect ran first: its mail would be here by now
    expect(smtp.messages.filter((mail) => mail.to.includes(staff.petugas.email))).toEqual([]);
    expect((await transit(app, staff.kasi, MODEL, documentId, 'diparaf')).status).toBe(200);

    const digest = await sendOverdueDigest(app.strapi, new Date(Date.now() + 90 * 24 * 3600_000));
    expect(digest.items.map((item) => item.documentId)).toContain(documentId);
    const to = digest.terkirim.map((sent) => sent.to);
    expect(to).toContain(staff.operator.email);
    expect(to).not.toContain(staff.petugas.email);
  });

  it("refuses a berita version whose signRecord would write the record's own data instead of a paraf", async () => {
    const berita = (await get('/sop/alur/berita')).body.data as {
      versi: { nomor: number; status: string; definisi: { transitions: { effects?: { type: string; params?: Record<string, unknown> }[] }[] } }[];
    };
    const active = berita.versi.find((versi) => versi.status === 'aktif')!;
    const definisi = structuredClone(active.definisi);
    // the engine's signRecord, offered to every SOP, pointed at the agenda number
    const step = definisi.transitions[0];
    step.effects = [...(step.effects ?? []), { type: 'signRecord', params: { kolom: 'nomorAgenda' } }];
    const draft = await post('/sop/alur/berita/versi', { definisi });
    expect(draft.status).toBe(201);
    const nomor = Math.max(...(draft.body.data.versi as { nomor: number }[]).map((versi) => versi.nomor));
    const refused = await post(`/sop/alur/berita/versi/${nomor}/aktifkan`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.galat).toContain('Efek signRecord: "nomorAgenda" bukan kolom paraf (JSON) pada api::berita.berita.');
  });

  it('refuses a draft with a NUL character (PostgreSQL cannot store it) and a definition too large to check and draw', async () => {
    const nul = definitionWith({ model: 'berita-nul' });
    nul.title = 'Judul\u0000tersembunyi';
    const refused = await post('/sop/alur', { model: 'berita-nul', nama: 'NUL', uid: UID, definisi: nul });
    expect(refused.status).toBe(400);
    const huge = definitionWith();
    huge.states = Array.from({ length: 61 }, (_, index) => ({ key: `tahap-${index}`, label: `Tahap ${index}` })) as never;
    const checked = await post('/sop/alur/periksa', { definisi: huge });
    expect(checked.status).toBe(200);
    expect(checked.body.data.sah).toBe(false);
    expect(checked.body.data.diagram).toBeNull();
    expect(checked.body.data.galat.join(' ')).toContain('paling banyak 60 tahap');
  });
});
