/**
 * Session 8 insider review: the fast paths of issue 14's last two sessions — the `/sop` routes'
 * authentication without the CASL ability (src/plugins/sop/server/src/services/admin-auth.ts), the
 * security headers built once (src/bootstrap/security-headers.ts) and the quarterly evaluation kept
 * per process (src/evaluasi/load.ts). Each test is a hole found and closed, or a rule that held
 * under the attack. Runs on SQLite and PostgreSQL.
 */
import path from 'path';
import jwt from 'jsonwebtoken';
import { createAdminSession, loginAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, ROLE, transit, BERITA_CONTOH, walkBeritaTo } from '../helpers/sop';
import type * as SopPlugin from '../../src/plugins/sop/server/src/index';
import type * as ServiceCalendar from '../../src/api/standar-pelayanan/service-calendar';
import { HELMET_HEADERS } from '../helpers/security-headers';

// the compiled plugin the app runs (its request context is the one the gate reads)
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, by path
const sop = (): typeof SopPlugin => require(path.resolve(__dirname, '../../dist/src/plugins/sop/server/src/index.js')) as typeof SopPlugin;
const calendar = (): typeof ServiceCalendar =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, by path (its cache is the app's)
  require(path.resolve(__dirname, '../../dist/src/api/standar-pelayanan/service-calendar.js')) as typeof ServiceCalendar;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type SessionOrigin = {
  generateRefreshToken: (userId: string, deviceId: string | undefined, options: { type: string }) => Promise<{ token: string }>;
  generateAccessToken: (refreshToken: string) => Promise<{ token?: string }>;
};

describe('security (session 8): the /sop fast paths', () => {
  let app: TestApp;
  const staff = {} as Record<'admin' | 'operator' | 'kasi', AdminSession>;
  const postgres = process.env.TEST_DATABASE === 'postgres';

  beforeAll(async () => {
    app = await startApp();
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  describe('the /sop authentication without the CASL ability answers every credential as Strapi’s own admin strategy does', () => {
    // Strapi's `admin` strategy answers /admin/users/me; sopAdminStrategy answers the /sop routes
    const statuses = async (authorization: string | null) => {
      const ask = (path: string) => {
        const request = app.http().get(path);
        return authorization === null ? request : request.set('Authorization', authorization);
      };
      return {
        strapi: (await ask('/admin/users/me')).status,
        sop: [(await ask('/sop/antrian')).status, (await ask('/sop/definitions')).status, (await ask('/sop/evaluasi')).status],
      };
    };
    const adminSecret = () => String(app.strapi.config.get('admin.auth.secret'));
    const payloadOf = (token: string) => jwt.decode(token) as { userId: string; sessionId: string };

    it('precondition: a valid access token is accepted by both', async () => {
      expect(await statuses(`Bearer ${staff.kasi.token}`)).toEqual({ strapi: 200, sop: [200, 200, 200] });
    });

    it('refuses (401) a missing or odd header, an API token, a users-permissions token, a refresh token, a forged, expired or unsigned token', async () => {
      const { accessKey } = (await app.strapi
        .service('admin::api-token')
        .create({ name: 'serangan-sesi8', type: 'full-access', lifespan: null })) as {
        accessKey: string;
      };
      // a users-permissions session of the same numeric id, with its own (real) access token
      const up = (app.strapi as unknown as { sessionManager: (origin: string) => SessionOrigin }).sessionManager('users-permissions');
      const upRefresh = await up.generateRefreshToken(String(staff.kasi.id), undefined, { type: 'session' });
      const upAccess = (await up.generateAccessToken(upRefresh.token)).token;
      expect(typeof upAccess).toBe('string');
      // the admin refresh token (the login's cookie), sent as a Bearer token
      const login = await app.http().post('/admin/login').send({ email: staff.kasi.email, password: staff.kasi.password });
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((line) => line.startsWith('strapi_admin_refresh='));
      const refresh = decodeURIComponent(String(/^strapi_admin_refresh=([^;]+)/.exec(cookie ?? '')?.[1]));
      expect(jwt.decode(refresh)).toMatchObject({ type: 'refresh' });
      const { userId, sessionId } = payloadOf(staff.kasi.token);
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ userId, sessionId, type: 'access', iat: now - 7200, exp: now - 3600 }, adminSecret(), { algorithm: 'HS256' });
      const otherKey = jwt.sign({ userId, sessionId, type: 'access' }, 'kunci-lain-yang-cukup-panjang-sekali', {
        algorithm: 'HS256',
        expiresIn: 600,
      });
      const unsigned = jwt.sign({ userId, sessionId, type: 'access' }, '', { algorithm: 'none', expiresIn: 600 });
      const noSession = jwt.sign({ userId, sessionId: 'a'.repeat(32), type: 'access' }, adminSecret(), { algorithm: 'HS256', expiresIn: 600 });
      const cases: Record<string, string | null> = {
        'no header': null,
        empty: '',
        'Bearer alone': 'Bearer',
        'three parts': `Bearer ${staff.kasi.token} x`,
        Basic: `Basic ${Buffer.from(`${staff.kasi.email}:${staff.kasi.password}`).toString('base64')}`,
        'API token': `Bearer ${accessKey}`,
        'users-permissions access token': `Bearer ${String(upAccess)}`,
        'admin refresh token': `Bearer ${refresh}`,
        expired: `Bearer ${expired}`,
        'another key': `Bearer ${otherKey}`,
        'alg none': `Bearer ${unsigned}`,
        'no such session': `Bearer ${noSession}`,
      };
      const answers: Record<string, unknown> = {};
      for (const [name, header] of Object.entries(cases)) answers[name] = await statuses(header);
      expect(answers).toEqual(Object.fromEntries(Object.keys(cases).map((name) => [name, { strapi: 401, sop: [401, 401, 401] }])));
    });

    it('refuses (401) the token of a session ended by logout, and of an account deactivated meanwhile', async () => {
      const session = await createAdminSession(app, ROLE.kasi, { firstname: 'Keluar', lastname: 'Sesi' });
      expect(await statuses(`Bearer ${session.token}`)).toEqual({ strapi: 200, sop: [200, 200, 200] });
      expect((await app.http().post('/admin/logout').set('Authorization', `Bearer ${session.token}`).send({})).status).toBeLessThan(300);
      expect(await statuses(`Bearer ${session.token}`)).toEqual({ strapi: 401, sop: [401, 401, 401] });
      const again = await loginAdmin(app, session.email, session.password);
      expect(await statuses(`Bearer ${again}`)).toEqual({ strapi: 200, sop: [200, 200, 200] });
      await app.strapi.db.query('admin::user').update({ where: { id: session.id }, data: { isActive: false } });
      expect(await statuses(`Bearer ${again}`)).toEqual({ strapi: 401, sop: [401, 401, 401] });
    });
  });

  it('every method, route and answer carries the same security headers as a GET Strapi answers itself', async () => {
    const HELMET = HELMET_HEADERS;
    const helmetOf = (headers: Record<string, unknown>) => Object.fromEntries(HELMET.map((name) => [name, headers[name]]));
    const reference = helmetOf((await app.http().get('/api/health')).headers);
    expect(reference['x-frame-options']).toBe('SAMEORIGIN');
    const auth = `Bearer ${staff.operator.token}`;
    const answers = [
      await app.http().put('/api/tidak-ada').send({}),
      await app.http().delete('/sop/antrian'),
      await app.http().patch('/admin/users/me').set('Authorization', auth).send({}),
      await app.http().put('/content-manager/collection-types/api::berita.berita/tidak-ada').set('Authorization', auth).send({ perihal: 'x' }),
      await app.http().post('/upload').set('Authorization', auth),
      await app.http().post('/sop/berita/tidak-ada/transisi').set('Authorization', auth).send({ ke: 'diperiksa' }),
      await app.http().options('/api/pengaduan'),
    ];
    expect(answers.map((answer) => ({ status: answer.status, headers: helmetOf(answer.headers) }))).toEqual(
      answers.map((answer) => ({ status: answer.status, headers: reference }))
    );
    // the public complaint page sets its own, stricter CSP: the form's answer carries the page's
    const page = helmetOf((await app.http().get('/pengaduan')).headers);
    const filed = await app.http().post('/pengaduan').type('form').send({ nama: 'x' });
    expect(filed.status).toBeGreaterThanOrEqual(400);
    expect(helmetOf(filed.headers)).toEqual(page);
    expect(page['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('the quarterly evaluation kept per process includes a step whose transaction committed after a later one (PostgreSQL commits out of id order)', async () => {
    const kasi = `Bearer ${staff.kasi.token}`;
    const periksa = async (): Promise<number> => {
      const response = await app.http().get('/sop/evaluasi?tahun=2026&triwulan=4').set('Authorization', kasi);
      expect(response.status).toBe(200);
      const rows = response.body.data.langkah as { model: string; ke: string; jumlah: number }[];
      return rows.find((row) => row.model === 'berita' && row.ke === 'Diperiksa')?.jumlah ?? 0;
    };
    const buat = async () => String((await cmCreate(app, staff.operator, 'api::berita.berita', { ...BERITA_CONTOH })).body.data.documentId);
    const x = await buat();
    const y = await buat();
    const before = await periksa();
    const actor = await sop().loadActor(app.strapi, staff.operator.id);
    if (!actor) throw new Error('no operator');
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let stepped = (): void => undefined;
    const inside = new Promise<void>((resolve) => (stepped = resolve));
    // X's step: its audit row is written (and its id drawn) first, its transaction commits last
    const slow = app.strapi.db.transaction(async () => {
      await sop().performTransition(app.strapi, { model: 'berita', documentId: x, actor, request: { ke: 'diperiksa', catatan: null } });
      stepped();
      await held;
    });
    await inside;
    if (postgres) {
      // Y's step, a later audit id, commits while X's is still open; the evaluation is computed now
      expect((await transit(app, staff.operator, 'berita', y, 'diperiksa')).status).toBe(200);
      expect(await periksa()).toBe(before + 1);
      release();
      await slow;
    } else {
      // SQLite has one writer: X commits before Y's step can start
      release();
      await slow;
      expect((await transit(app, staff.operator, 'berita', y, 'diperiksa')).status).toBe(200);
    }
    // both steps are committed: the figures count both
    expect(await periksa()).toBe(before + 2);
  });

  it('a transaction holding a pool connection never waits for a holiday read that is itself waiting for a connection', async () => {
    const { strapi } = app;
    const { clearHolidayCache, loadHolidays } = calendar();
    const size = (strapi.db.connection.client as { pool?: { max: number } }).pool?.max ?? 1;
    let arrived = 0;
    let allHold: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (allHold = resolve));
    let read: () => void = () => undefined;
    const readNow = new Promise<void>((resolve) => (read = resolve));
    // every pool connection held by a transaction (a step, under load)
    const steps = Promise.all(
      Array.from({ length: size }, () =>
        strapi.db.transaction(async () => {
          await strapi.db.query('api::hari-libur.hari-libur').count({});
          arrived += 1;
          if (arrived === size) allHold();
          await readNow;
          return loadHolidays(strapi);
        })
      )
    );
    await holding;
    // a request outside any transaction (a complaint) starts the list's read: it waits for a connection
    clearHolidayCache(strapi);
    const complaint = loadHolidays(strapi);
    await sleep(100);
    read();
    const outcome = await Promise.race([
      Promise.all([steps, complaint]).then(
        () => 'selesai',
        (error: unknown) => `gagal: ${String(error)}`
      ),
      sleep(5000).then(() => 'macet'),
    ]);
    expect(outcome).toBe('selesai');
    await Promise.allSettled([steps, complaint]);
  });

  it('the kartu kendali inserted by the step takes only its four fields, under the schema’s limits and the text policy', async () => {
    const documentId = await walkBeritaTo(app, { operator: staff.operator }, 'diagendakan');
    const kartuOf = async () =>
      (await app.strapi.db.query('api::kartu-kendali.kartu-kendali').findOne({ where: { berita: { documentId } }, populate: ['berita'] })) as Record<
        string,
        unknown
      > | null;
    const refused = {
      'a NUL byte': { indeks: 'A\u0000B' },
      'over its length': { kodeKlasifikasi: 'x'.repeat(21) },
      'not text': { pengolah: { $ne: null } },
      'a server field': { indeks: 'B.1', jenis: 'lembar_pengantar' },
      'a relation': { indeks: 'B.1', berita: 1 },
    };
    const answers: Record<string, number> = {};
    for (const [name, data] of Object.entries(refused))
      answers[name] = (await transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', { data })).status;
    expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, 400])));
    expect(await kartuOf()).toBeNull();
    const ok = await transit(app, staff.operator, 'berita', documentId, 'diteruskan_ke_kasi', {
      data: { indeks: 'B.1', catatan: 'baris 1\r\nbaris 2' },
    });
    expect(ok.status).toBe(200);
    const kartu = await kartuOf();
    expect(kartu).toMatchObject({ jenis: 'kartu_kendali', indeks: 'B.1', catatan: 'baris 1\nbaris 2', berita: { documentId } });
    expect(kartu?.parafKasi ?? null).toBeNull();
  });
});
