/**
 * Issue 14: `POST /api/pengaduan` is answered by `global::pengaduan-intake` itself, with the
 * complaint controller, instead of through the rest of the middlewares and the router
 * (src/api/pengaduan/lib/pintas.ts).
 * - Every answer — 201, the validation refusals, the idempotency answers (201 repeated, 400, 422)
 *   — is the same as through the router: status, JSON body, every header (security, CORS,
 *   Cache-Control), and no cookie; and the short way is the one taken (Strapi's authenticate
 *   step does not run).
 * - The boot guard refuses a route that gains authentication, a policy or a route middleware, a
 *   second route, another REST prefix, or another middleware after the intake.
 * - Exactly one route of the router answers POST /api/pengaduan (no other route it could skip).
 * Runs on SQLite and PostgreSQL.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../helpers/app';
import { checkKirimShortcut, SKIPPED_MIDDLEWARES, type RouteLike } from '../../src/api/pengaduan/lib/pintas';
import type * as Pintas from '../../src/api/pengaduan/lib/pintas';

const ISI = 'Antrean di loket pelayanan sangat panjang dan nomor antrean tidak dipanggil berurutan.';
// the module instance the running app uses (compiled), not the test's own copy of src/
const pintas = (): typeof Pintas =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, by path
  require(path.resolve(__dirname, '../../dist/src/api/pengaduan/lib/pintas.js')) as typeof Pintas;

type Jawaban = { status: number; body: unknown; headers: Record<string, unknown> };

const MIDDLEWARES = [
  'global::access-log',
  'strapi::errors',
  'global::database-unavailable',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'global::pengaduan-intake',
  { name: 'strapi::body', config: {} },
  ...SKIPPED_MIDDLEWARES.slice(1),
];
const rute = (overrides: Partial<RouteLike> = {}, config: Record<string, unknown> = {}): RouteLike => ({
  method: 'POST',
  path: '/pengaduan',
  handler: 'pengaduan.kirim',
  info: { apiName: 'pengaduan', type: 'content-api' },
  ...overrides,
  config: { auth: false, policies: [], middlewares: [], ...config },
});
const LACAK: RouteLike = { method: 'GET', path: '/pengaduan/lacak/:nomorTiket', handler: 'pengaduan.lacak', info: { apiName: 'pengaduan' }, config: { auth: false } };

describe('the boot guard of the short way (checkKirimShortcut)', () => {
  it('accepts the route and middlewares as they are', () => {
    expect(checkKirimShortcut([rute(), LACAK], MIDDLEWARES, '/api')).toMatchObject({ path: '/pengaduan', handler: 'pengaduan.kirim' });
    expect(checkKirimShortcut([rute({}, { policies: undefined, middlewares: undefined })], MIDDLEWARES, '/api')).toBeTruthy();
  });

  it.each([
    ['a policy', rute({}, { policies: ['global::is-owner'] }), /policy/],
    ['a route middleware', rute({}, { middlewares: ['global::audit'] }), /middleware rute/],
    ['authentication', rute({}, { auth: { scope: ['api::pengaduan.pengaduan.kirim'] } }), /autentikasi/],
    ['no auth setting', { ...rute(), config: { policies: [], middlewares: [] } }, /autentikasi/],
    ['another handler', rute({ handler: 'pengaduan.lacak' }), /penangan/],
    ['another API', rute({ info: { apiName: 'lain' } }), /bukan milik API pengaduan/],
  ])('refuses a route with %s', (_what, route, message) => {
    expect(() => checkKirimShortcut([route, LACAK], MIDDLEWARES, '/api')).toThrow(message);
  });

  it('refuses no route, two routes, another prefix, and another middleware after the intake', () => {
    expect(() => checkKirimShortcut([LACAK], MIDDLEWARES, '/api')).toThrow(/ada 0/);
    expect(() => checkKirimShortcut([rute(), rute({ method: 'post' })], MIDDLEWARES, '/api')).toThrow(/ada 2/);
    expect(() => checkKirimShortcut([rute()], MIDDLEWARES, '/v1')).toThrow(/awalan REST/);
    expect(() => checkKirimShortcut([rute()], [...MIDDLEWARES, 'global::sesuatu'], '/api')).toThrow(/global::sesuatu/);
    expect(() => checkKirimShortcut([rute()], MIDDLEWARES.filter((entry) => entry !== 'global::oauth-session'), '/api')).toThrow(/sesudah/);
    expect(() => checkKirimShortcut([rute()], MIDDLEWARES.filter((entry) => entry !== 'global::pengaduan-intake'), '/api')).toThrow(/tidak terpasang/);
  });
});

describe('POST /api/pengaduan the short way answers as through the router', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    await app?.destroy();
  });

  const kirim = async (body: string, headers: Record<string, string>, pathname = '/api/pengaduan'): Promise<Jawaban> => {
    let request = app.http().post(pathname).set('Content-Type', 'application/json').set('Origin', 'http://localhost:3000');
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    const response = await request.send(body);
    const headersOf = { ...(response.headers as Record<string, unknown>) };
    delete headersOf.date;
    delete headersOf['content-length'];
    const json = JSON.parse(JSON.stringify(response.body)) as { data?: { nomorTiket?: string; kodeLacak?: string } };
    if (response.status === 201) {
      expect(json.data?.nomorTiket).toMatch(/^ADU-\d{4}-\d{6}$/);
      json.data = { nomorTiket: 'ADU', kodeLacak: 'KODE' };
    }
    return { status: response.status, body: json, headers: headersOf };
  };

  /** The same request once the short way and once through the router, with the number of router passes of each. */
  const bothWays = async (body: string, headers: Record<string, string> = {}, pathname?: string) => {
    const strapi = app.strapi as Core.Strapi;
    const auth = strapi.get('auth') as { authenticate: (...args: unknown[]) => unknown };
    const routed = jest.spyOn(auth, 'authenticate');
    try {
      const pintas1 = await kirim(body, headers, pathname);
      const shortPasses = routed.mock.calls.length;
      pintas().forgetKirimShortcut(strapi);
      let router: Jawaban;
      try {
        router = await kirim(body, headers, pathname);
      } finally {
        pintas().prepareKirimShortcut(strapi);
      }
      return { pintas: pintas1, router, shortPasses, routerPasses: routed.mock.calls.length - shortPasses };
    } finally {
      routed.mockRestore();
    }
  };

  it.each([
    ['a complaint (201)', { data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } }, {}, 201],
    ['a field outside the allow-list (400)', { data: { nama: 'R', isi: ISI, peran: 'admin' } }, {}, 400],
    ['a control character (400)', { data: { nama: 'Rahmat\u0007 Hidayat', kontak: '0812-3456-7890', isi: ISI } }, {}, 400],
    ['an unknown layanan (400)', { data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI, layanan: 'tidak-ada-layanan' } }, {}, 400],
    ['a list as the body (400)', [1], {}, 400],
    ['an invalid Idempotency-Key (400)', { data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } }, { 'Idempotency-Key': 'a b' }, 400],
  ])('%s', async (_what, body, headers, status) => {
    const { pintas: shortWay, router, shortPasses, routerPasses } = await bothWays(JSON.stringify(body), headers);
    expect(shortWay.status).toBe(status);
    expect(shortWay).toEqual(router);
    expect(shortWay.headers['cache-control']).toBe('no-store');
    expect(shortWay.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(shortWay.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(shortWay.headers['set-cookie']).toBeUndefined();
    expect([shortPasses, routerPasses]).toEqual([0, 1]);
  });

  it('the idempotency answers: the same key repeated (201), with another complaint (422)', async () => {
    const data = { data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } };
    const first = await bothWays(JSON.stringify(data), { 'Idempotency-Key': 'kunci-pintas-1' });
    expect(first.pintas.status).toBe(201);
    expect(first.pintas).toEqual(first.router);
    const other = await bothWays(JSON.stringify({ data: { ...data.data, isi: `${ISI} Lagi.` } }), { 'Idempotency-Key': 'kunci-pintas-1' });
    expect(other.pintas.status).toBe(422);
    expect(other.pintas).toEqual(other.router);
  });

  it('the same on the path spelt with a trailing slash and capitals', async () => {
    const body = JSON.stringify({ data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } });
    const { pintas: shortWay, router, shortPasses } = await bothWays(body, {}, '/API/Pengaduan/');
    expect(shortWay.status).toBe(201);
    expect(shortWay).toEqual(router);
    expect(shortPasses).toBe(0);
  });

  it('the running app passes its own guard, refuses a policy added to the route, and routes POST /api/pengaduan to one route only', () => {
    const strapi = app.strapi as Core.Strapi;
    expect(() => pintas().prepareKirimShortcut(strapi)).not.toThrow();
    const routers = (strapi.api('pengaduan') as unknown as { routes: Record<string, { routes: RouteLike[] }> }).routes;
    const route = Object.values(routers)
      .flatMap((router) => router.routes)
      .find((candidate) => candidate.method === 'POST' && candidate.path === '/pengaduan') as RouteLike & { config: { policies: unknown[] } };
    route.config.policies.push('global::contoh');
    try {
      expect(() => pintas().prepareKirimShortcut(strapi)).toThrow(/policy/);
    } finally {
      route.config.policies.pop();
      pintas().prepareKirimShortcut(strapi);
    }
    const matched = (
      strapi.server.router as unknown as { match: (path: string, method: string) => { pathAndMethod: { path: string; methods: string[] }[] } }
    ).match('/api/pengaduan', 'POST').pathAndMethod;
    // route layers only (a `use` layer has no methods)
    expect(matched.filter((layer) => layer.methods.length > 0).map((layer) => layer.path)).toEqual(['/api/pengaduan']);
  });
});
