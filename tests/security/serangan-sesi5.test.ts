/**
 * Session 5 attack on recently built paths, each test a hole found and closed (or a rule that held
 * under the attack): acting officials (Plh / Plt) — naming oneself, rewriting or deleting a mandate
 * that has run, two overlapping mandates sent at once —; the public tracking history; the
 * `entry.create` event of the direct complaint insert; hand-made grants of Strapi's media library
 * and user list to the Public and Authenticated roles. Runs on SQLite and PostgreSQL.
 */
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { readAuditFor } from '../../src/plugins/sop/server/src/services/audit';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { cmCreate, cmUpdate, ROLE } from '../helpers/sop';
import { walkKriptogramTo } from '../letters/unduh';

const UID = 'api::pelaksana.pelaksana';
const CM = '/content-manager/collection-types';
const JAM = 3600_000;
/** the concurrency attack sends more complaints from one address than the default limit allows */
const RATE = { PENGADUAN_RATE_LIMIT: '1000' };
const ISI = 'Lampu jalan di depan rumah saya mati sejak seminggu.';

type Staff = Record<'kadis' | 'kasi' | 'kabid' | 'sandiman' | 'caraka' | 'operator' | 'petugas', AdminSession>;

describe('security (session 5): acting officials, the tracking history, Strapi defaults', () => {
  let database: TestDatabase;
  let app: TestApp;
  const staff = {} as Staff;

  const window = (fromHours: number, toHours: number) => ({
    mulai: new Date(Date.now() + fromHours * JAM).toISOString(),
    selesai: new Date(Date.now() + toHours * JAM).toISOString(),
  });
  const plhKasi = (pelaksana: AdminSession, extra: Record<string, unknown> = {}) => ({
    peran: 'kasi',
    jenis: 'plh',
    pejabatId: staff.kasi.id,
    pelaksanaId: pelaksana.id,
    alasan: 'Dinas luar',
    ...window(-1, 8),
    ...extra,
  });
  const mandates = () => app.strapi.db.query(UID as never).count({});
  const clearMandates = () => app.strapi.db.query(UID as never).deleteMany({ where: {} });
  const refusal = (response: { status: number; body: { error?: { message?: string } } }) => ({
    status: response.status,
    message: response.body.error?.message,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database, env: RATE });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Siti', lastname: 'Kasi' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabul', lastname: 'Kabid' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Man' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Petra', lastname: 'Petugas' });
  });

  afterAll(async () => {
    setClock(null);
    await app?.stop();
    await database?.drop();
  });

  describe('acting officials (Plh / Plt)', () => {
    afterEach(async () => {
      setClock(null);
      await clearMandates();
    });

    it('the Kepala Dinas cannot name themselves Plh Kasi, and so cannot open a Rahasia salinan', async () => {
      const kriptogram = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dideskripsi');
      const isi = () => app.http().get(`/sop/kriptogram/${kriptogram}/isi`).set('Authorization', `Bearer ${staff.kadis.token}`);
      expect((await isi()).status).toBe(403);

      const self = await cmCreate(app, staff.kadis, UID, plhKasi(staff.kadis));
      expect(refusal(self)).toEqual({ status: 400, message: expect.stringMatching(/tidak dapat menunjuk diri sendiri/) });
      expect(await mandates()).toBe(0);
      expect((await isi()).status).toBe(403);

      // nor turn a mandate for someone else into one for themselves before it starts
      const future = await cmCreate(app, staff.kadis, UID, plhKasi(staff.caraka, window(24, 30)));
      expect(future.status).toBe(201);
      const turned = await cmUpdate(app, staff.kadis, UID, String(future.body.data.documentId), { pelaksanaId: staff.kadis.id });
      expect(refusal(turned)).toEqual({ status: 400, message: expect.stringMatching(/tidak dapat menunjuk diri sendiri/) });
    });

    it('a running mandate keeps its deputy, holder, role, start and reason: only its end moves', async () => {
      const created = await cmCreate(app, staff.kadis, UID, plhKasi(staff.caraka));
      expect(created.status).toBe(201);
      const documentId = String(created.body.data.documentId);
      const rewrites: Record<string, unknown>[] = [
        { pelaksanaId: staff.operator.id },
        { mulai: new Date(Date.now() - 240 * JAM).toISOString() },
        { jenis: 'plt' },
        { peran: 'kabid', pejabatId: staff.kabid.id },
        { alasan: 'Cuti sakit' },
      ];
      for (const data of rewrites) {
        expect(refusal(await cmUpdate(app, staff.kadis, UID, documentId, data))).toEqual({
          status: 403,
          message: expect.stringMatching(/hanya dapat diubah waktu selesainya/),
        });
      }
      const stored = (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;
      expect(stored).toMatchObject({
        pelaksanaId: staff.caraka.id,
        namaPelaksana: 'Cakra Caraka',
        jenis: 'plh',
        peran: 'kasi',
        alasan: 'Dinas luar',
      });
      expect(new Date(String(stored.mulai)).getTime()).toBe(new Date(String(created.body.data.mulai)).getTime());

      // the whole record sent back unchanged (as the edit view does) with a new end passes
      const { mulai, peran, jenis, pejabatId, pelaksanaId, alasan } = created.body.data as Record<string, unknown>;
      const extended = await cmUpdate(app, staff.kadis, UID, documentId, {
        mulai,
        peran,
        jenis,
        pejabatId,
        pelaksanaId,
        alasan,
        ...{ selesai: window(0, 12).selesai },
      });
      expect(extended.status).toBe(200);
      expect((await cmUpdate(app, staff.kadis, UID, documentId, { selesai: new Date(Date.now() + 1000).toISOString() })).status).toBe(200);

      // before it starts, a mandate is still a draft of the Kepala Dinas: the deputy may change
      const future = await cmCreate(app, staff.kadis, UID, plhKasi(staff.operator, window(24, 30)));
      expect(future.status).toBe(201);
      expect((await cmUpdate(app, staff.kadis, UID, String(future.body.data.documentId), { pelaksanaId: staff.sandiman.id })).status).toBe(200);
    });

    it('a mandate that has run is not deleted, one by one or in bulk; one not yet started is', async () => {
      const ran = await cmCreate(app, staff.kadis, UID, plhKasi(staff.caraka, window(-1, 2)));
      const future = await cmCreate(app, staff.kadis, UID, plhKasi(staff.operator, window(48, 50)));
      expect([ran.status, future.status]).toEqual([201, 201]);
      const ranId = String(ran.body.data.documentId);
      // a day later the first one is over
      setClock(new Date(Date.now() + 24 * JAM));
      const single = await app.http().delete(`${CM}/${UID}/${ranId}`).set('Authorization', `Bearer ${staff.kadis.token}`);
      expect(refusal(single)).toEqual({ status: 403, message: expect.stringMatching(/tidak dapat dihapus/) });
      const bulk = await app
        .http()
        .post(`${CM}/${UID}/actions/bulkDelete`)
        .set('Authorization', `Bearer ${staff.kadis.token}`)
        .send({ documentIds: [ranId] });
      expect(bulk.status).toBe(403);
      expect(await app.strapi.db.query(UID as never).count({ where: { documentId: ranId } })).toBe(1);
      expect((await readAuditFor(app.strapi.db.connection, 'pelaksana', ranId)).map((row) => row.ke)).toEqual(['dibuat']);

      const futureId = String(future.body.data.documentId);
      const dropped = await app.http().delete(`${CM}/${UID}/${futureId}`).set('Authorization', `Bearer ${staff.kadis.token}`);
      expect(dropped.status).toBe(200);
      expect(await app.strapi.db.query(UID as never).count({ where: { documentId: futureId } })).toBe(0);
      expect((await readAuditFor(app.strapi.db.connection, 'pelaksana', futureId)).map((row) => row.ke)).toEqual(['dibuat', 'dihapus']);
    });

    it('overlapping mandates for one role sent at the same moment: exactly one is recorded', async () => {
      const deputies = [staff.caraka, staff.operator, staff.sandiman, staff.petugas];
      const responses = await Promise.all(deputies.map((deputy) => cmCreate(app, staff.kadis, UID, plhKasi(deputy, window(2, 8)))));
      expect(responses.map((response) => response.status).sort()).toEqual([201, 400, 400, 400]);
      for (const response of responses.filter((one) => one.status === 400)) expect(response.body.error.message).toMatch(/tumpang tindih/);
      expect(await mandates()).toBe(1);
    });
  });

  describe('the public complaint', () => {
    const post = (body: string, key?: string) => {
      const pending = app.http().post('/api/pengaduan').set('Content-Type', 'application/json');
      return (key ? pending.set('Idempotency-Key', key) : pending).send(body);
    };
    const file = () => post(JSON.stringify({ data: { nama: 'Warga Uji', kontak: '081234567890', isi: ISI } }));

    it('the tracking history shows the workflow states only, never a staff edit', async () => {
      const filed = await file();
      expect(filed.status).toBe(201);
      const { nomorTiket, kodeLacak } = filed.body.data as { nomorTiket: string; kodeLacak: string };
      const row = (await app.strapi.db.query('api::pengaduan.pengaduan').findOne({ where: { nomorTiket } })) as { documentId: string };
      const edit = await cmUpdate(app, staff.petugas, 'api::pengaduan.pengaduan', row.documentId, { catatan: 'Pelapor menelepon lagi.' });
      expect(edit.status).toBe(200);
      expect((await readAuditFor(app.strapi.db.connection, 'pengaduan', row.documentId)).map((one) => one.ke)).toEqual(['diterima', 'diubah']);

      const lacak = await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?kode=${kodeLacak}`);
      expect(lacak.status).toBe(200);
      expect((lacak.body.data.riwayat as { status: string }[]).map((one) => one.status)).toEqual(['diterima']);
      const page = await app.http().post('/pengaduan/lacak').type('form').send({ nomor: nomorTiket, kode: kodeLacak });
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/diubah/i);
    });

    it('held: concurrent filings — some rolled back at the ticket statement, one key sent five times — leave one gap-free run of tickets, one audit row each', async () => {
      const UID_PENGADUAN = 'api::pengaduan.pengaduan';
      const knex = app.strapi.db.connection;
      const postgres = app.strapi.db.dialect.client === 'postgres';
      const table = (app.strapi.db.metadata.get(UID_PENGADUAN) as { tableName: string }).tableName;
      // the ticket statement (the last of the transaction, with its COMMIT on PostgreSQL) fails for these
      if (postgres) await knex.raw(`alter table ?? add constraint uji_tolak_tiket check (nomor_tiket is null or nama <> 'Tolak Saya')`, [table]);
      else
        await knex.raw(
          `create trigger uji_tolak_tiket before update of nomor_tiket on ?? when new.nama = 'Tolak Saya' begin select raise(abort, 'uji'); end`,
          [table]
        );
      try {
        const before = Number(await app.strapi.db.query(UID_PENGADUAN).count({}));
        const body = (nama: string, i: number) =>
          JSON.stringify({ data: { nama, kontak: `0812-3456-7${String(i).padStart(3, '0')}`, isi: `${ISI} (${i})` } });
        const answers = await Promise.all([
          ...Array.from({ length: 24 }, (_, i) => post(body('Warga Serentak', i))),
          ...Array.from({ length: 4 }, (_, i) => post(body('Tolak Saya', 100 + i))),
          ...Array.from({ length: 5 }, () => post(body('Warga Berkunci', 200), 'kunci-serentak-1')),
        ]);
        expect(answers.slice(0, 24).map((answer) => answer.status)).toEqual(Array(24).fill(201));
        expect(answers.slice(24, 28).map((answer) => answer.status)).toEqual(Array(4).fill(500));
        const keyed = answers.slice(28);
        expect(keyed.map((answer) => answer.status)).toEqual(Array(5).fill(201));
        expect(new Set(keyed.map((answer) => answer.body.data.nomorTiket)).size).toBe(1);
        expect(new Set(keyed.map((answer) => answer.body.data.kodeLacak)).size).toBe(1);

        const tickets = [...new Set([...answers.slice(0, 24), keyed[0]].map((answer) => answer.body.data.nomorTiket as string))];
        expect(tickets).toHaveLength(25);
        const numbers = tickets.map((ticket) => Number(/-(\d+)$/.exec(ticket)?.[1])).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => numbers[0] + i));
        expect(Number(await app.strapi.db.query(UID_PENGADUAN).count({})) - before).toBe(25);
        const rows = (await app.strapi.db.query(UID_PENGADUAN).findMany({ where: { nomorTiket: { $in: tickets } }, select: ['documentId'] })) as {
          documentId: string;
        }[];
        expect(rows).toHaveLength(25);
        for (const row of rows) {
          expect((await readAuditFor(app.strapi.db.connection, 'pengaduan', row.documentId)).map((one) => [one.dari, one.ke])).toEqual([
            [null, 'diterima'],
          ]);
        }
        const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi.token}`);
        expect(verify.status).toBe(200);
        expect(verify.body.data.ok).toBe(true);
      } finally {
        if (postgres) await knex.raw('alter table ?? drop constraint uji_tolak_tiket', [table]);
        else await knex.raw('drop trigger uji_tolak_tiket');
      }
    });

    it('the entry.create event of a public complaint carries no private attribute', async () => {
      const seen: Record<string, unknown>[] = [];
      const off = app.strapi.eventHub.on('entry.create', async (event: { uid?: string; entry?: Record<string, unknown> }) => {
        if (event.uid === 'api::pengaduan.pengaduan' && event.entry) seen.push(event.entry);
      });
      try {
        const filed = await file();
        expect(filed.status).toBe(201);
        for (let i = 0; i < 40 && seen.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      } finally {
        off();
      }
      expect(seen).toHaveLength(1);
      const privat = Object.entries(
        (app.strapi.getModel('api::pengaduan.pengaduan' as never) as { attributes: Record<string, { private?: boolean }> }).attributes
      )
        .filter(([, attribute]) => attribute.private === true)
        .map(([field]) => field);
      expect(privat).toEqual(expect.arrayContaining(['kodeLacakHash', 'versi']));
      for (const field of privat) expect(seen[0]).not.toHaveProperty(field);
      expect(seen[0]).toHaveProperty('nomorTiket');
    });
  });

  // last: it restarts the app (and with it every session's secret)
  it('a hand-made grant of the media library or the user list to Public or Authenticated is revoked at the next boot', async () => {
    const upload = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${staff.sandiman.token}`)
      .attach('files', Buffer.from('%PDF-1.4 kriptogram'), { filename: 'kriptogram-operasi-rahasia.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const roles = (await app.strapi.db
      .query('plugin::users-permissions.role')
      .findMany({ where: { type: { $in: ['public', 'authenticated'] } } })) as {
      id: number;
    }[];
    const granted = [
      'plugin::upload.content-api.find',
      'plugin::upload.content-api.findOne',
      'plugin::upload.content-api.upload',
      'plugin::users-permissions.user.find',
    ];
    for (const role of roles) {
      for (const action of granted) await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    await app.stop();
    app = await startApp({ database, env: RATE });

    const left = (await app.strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: { type: { $in: ['public', 'authenticated'] } } },
    })) as { action: string }[];
    expect(left.map((permission) => permission.action).filter((action) => granted.includes(action))).toEqual([]);
    // what users-permissions gives them by default stays: logging in, one's own account
    expect(left.map((permission) => permission.action)).toEqual(
      expect.arrayContaining(['plugin::users-permissions.auth.callback', 'plugin::users-permissions.user.me'])
    );
    const list = await app.http().get('/api/upload/files');
    expect(list.status).toBe(403);
    expect(list.text).not.toContain('kriptogram-operasi-rahasia');
    const spam = await app.http().post('/api/upload').attach('files', Buffer.from('iklan'), { filename: 'iklan.txt', contentType: 'text/plain' });
    expect(spam.status).toBe(403);
    expect((await app.http().get('/api/users')).status).toBe(403);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(1);
  });
});
