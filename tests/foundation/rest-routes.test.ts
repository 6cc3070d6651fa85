import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { factories, type UID } from '@strapi/strapi';
import { restRouter } from '../../src/api/rest-router';
import { startApp, type TestApp } from '../helpers/app';

/**
 * The REST routes of the content types (src/api/rest-router.ts) are Strapi's core routes without
 * the zod descriptions Strapi builds at boot: the same methods, paths and handlers, and requests
 * are checked as strictly as before (issue 14, boot).
 */
const API_DIR = path.join(__dirname, '../../src/api');

/** Every content type whose router file uses restRouter, read from the source. */
const restTypes = (): UID.ContentType[] =>
  readdirSync(API_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const routesDir = path.join(API_DIR, entry.name, 'routes');
      let files: string[] = [];
      try {
        files = readdirSync(routesDir);
      } catch {
        return [];
      }
      return files.flatMap((file) => {
        const match = /restRouter\('([^']+)'\)/.exec(readFileSync(path.join(routesDir, file), 'utf8'));
        return match ? [match[1] as UID.ContentType] : [];
      });
    });

type RouteLine = { method: string; path: string; handler: unknown; config: unknown };
const lines = (routes: RouteLine[]): string[] =>
  routes.map((route) => `${route.method} ${route.path} ${String(route.handler)} ${JSON.stringify(route.config)}`).sort();

describe('REST routes of the content types (restRouter)', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startApp();
    token = (
      (await app.strapi.service('admin::api-token').create({ name: 'rest-routes', type: 'full-access', lifespan: null })) as { accessKey: string }
    ).accessKey;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('is used by every content type that has REST routes, a single type among them', () => {
    const types = restTypes();
    expect(types).toEqual(
      expect.arrayContaining(['api::berita.berita', 'api::kriptogram.kriptogram', 'api::salinan.salinan', 'api::instansi.instansi'])
    );
    expect(types).toHaveLength(9);
    expect(types.filter((uid) => app.strapi.contentType(uid).kind === 'singleType')).toEqual(['api::instansi.instansi']);
  });

  it("declares the same methods, paths, handlers and configs as Strapi's core router, without request/response schemas", () => {
    for (const uid of restTypes()) {
      const core = factories.createCoreRouter(uid).routes as unknown as RouteLine[];
      const ours = restRouter(uid)({ strapi: app.strapi }).routes as unknown as RouteLine[];
      expect({ uid, routes: lines(ours) }).toEqual({ uid, routes: lines(core) });
      for (const route of ours) expect(Object.keys(route).sort()).toEqual(['config', 'handler', 'method', 'path']);
    }
  });

  it('registers them under /api', () => {
    const registered = new Set(
      (app.strapi.server.listRoutes() as unknown as Array<{ path: string; methods: string[] }>).flatMap((layer) =>
        layer.methods.map((method) => `${method} ${layer.path}`)
      )
    );
    for (const uid of restTypes()) {
      for (const route of restRouter(uid)({ strapi: app.strapi }).routes) {
        expect({ uid, route: `${route.method} /api${route.path}`, registered: registered.has(`${route.method} /api${route.path}`) }).toEqual({
          uid,
          route: `${route.method} /api${route.path}`,
          registered: true,
        });
      }
    }
  });

  it('serves them through the core controllers with the same strict checks', async () => {
    const bearer = `Bearer ${token}`;
    const list = await app.http().get('/api/hari-liburs').set('Authorization', bearer);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body.data)).toBe(true);
    expect(list.body.meta.pagination).toEqual(expect.objectContaining({ page: 1 }));

    const single = await app.http().get('/api/instansi').set('Authorization', bearer);
    expect(single.status).toBe(200);

    // api.rest.strictParams: a query key outside Strapi's allow-list is refused
    const unknownQuery = await app.http().get('/api/hari-liburs?bukan=1').set('Authorization', bearer);
    expect(unknownQuery.status).toBe(400);
    expect(unknownQuery.body.error.details).toEqual(expect.objectContaining({ key: 'bukan', source: 'query' }));

    // an unknown key in the payload is refused, "data" too (Strapi's core body schema let that one through)
    for (const payload of [{ bukan: 1 }, { data: { tanggal: '2030-01-01' } }]) {
      const created = await app.http().post('/api/hari-liburs').set('Authorization', bearer).send({ data: payload });
      expect({ payload, status: created.status }).toEqual({ payload, status: 400 });
      expect(created.body.error.details.source).toBe('body');
    }

    // no token, no access: the routes need permissions nobody is granted
    expect((await app.http().get('/api/beritas')).status).toBe(403);
  });
});
