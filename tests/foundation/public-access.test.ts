import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';

/** 403 from the permission layer; 404 where a type has no core REST routes; another 4xx where an intake filter answers first. */
const refused = (status: number): boolean => status >= 400 && status < 500;

type ContentTypeInfo = { uid: string; kind: string; info: { singularName: string; pluralName: string } };

const restRoutes = (contentType: ContentTypeInfo): Array<[string, string]> => {
  if (contentType.kind === 'singleType') {
    const base = `/api/${contentType.info.singularName}`;
    return [
      ['get', base],
      ['put', base],
      ['delete', base],
    ];
  }
  const base = `/api/${contentType.info.pluralName}`;
  return [
    ['get', base],
    ['post', base],
    ['get', `${base}/abc`],
    ['put', `${base}/abc`],
    ['delete', `${base}/abc`],
  ];
};

describe('REST routes of every content type', () => {
  let database: TestDatabase;
  let app: TestApp;
  let contentTypes: ContentTypeInfo[];
  let userJwt: string;

  const call = (method: string, url: string, jwt?: string) => {
    const http = app.http();
    const pending = (http as unknown as Record<string, (url: string) => ReturnType<typeof http.get>>)[method](url);
    if (jwt) pending.set('Authorization', `Bearer ${jwt}`);
    return method === 'get' || method === 'delete' ? pending : pending.send({ data: { nama: 'x' } });
  };

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // first boot on an empty database, as on a new install
    app = await startApp({ database });
    contentTypes = Object.values(app.strapi.contentTypes as unknown as Record<string, ContentTypeInfo>).filter((ct) => ct.uid.startsWith('api::'));
    // An ordinary users-permissions account (the Authenticated role).
    const authenticated = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    await app.strapi.plugin('users-permissions').service('user').add({
      username: 'warga',
      email: 'warga@example.com',
      password: 'Warga-Sandi-123',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: authenticated.id,
    });
    const login = await app.http().post('/api/auth/local').send({ identifier: 'warga@example.com', password: 'Warga-Sandi-123' });
    expect(login.status).toBe(200);
    userJwt = login.body.jwt;
    expect(typeof userJwt).toBe('string');
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('covers the content types of the build', () => {
    expect(contentTypes.map((ct) => ct.uid)).toEqual(expect.arrayContaining(['api::instansi.instansi', 'api::hari-libur.hari-libur']));
  });

  it('refuses an anonymous caller on every route', async () => {
    for (const contentType of contentTypes) {
      for (const [method, url] of restRoutes(contentType)) {
        const response = await call(method, url);
        expect({ route: `${method} ${url}`, refused: refused(response.status) }).toEqual({ route: `${method} ${url}`, refused: true });
        expect(JSON.stringify(response.body ?? {})).not.toMatch(/"documentId"/);
      }
    }
  });

  it('refuses an authenticated users-permissions account on every route', async () => {
    for (const contentType of contentTypes) {
      for (const [method, url] of restRoutes(contentType)) {
        const response = await call(method, url, userJwt);
        expect({ route: `${method} ${url}`, refused: refused(response.status) }).toEqual({ route: `${method} ${url}`, refused: true });
        expect(JSON.stringify(response.body ?? {})).not.toMatch(/"documentId"/);
      }
    }
  });

  it('closes self-registration', async () => {
    const response = await app
      .http()
      .post('/api/auth/local/register')
      .send({ username: 'baru', email: 'baru@example.com', password: 'Baru-Sandi-123' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { username: 'baru' } })).toBe(0);
  });

  it('revokes a content permission granted to Public by hand at the next boot', async () => {
    const publicRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({
      data: { action: 'api::instansi.instansi.find', role: publicRole.id },
    });
    await app.stop();
    app = await startApp({ database });
    const left = await app.strapi.db.query('plugin::users-permissions.permission').count({
      where: { role: { type: 'public' }, action: { $startsWith: 'api::' } },
    });
    expect(left).toBe(0);
    expect((await app.http().get('/api/instansi')).status).toBe(403);
  });
});
