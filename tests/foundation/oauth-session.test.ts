import { startApp, type TestApp } from '../helpers/app';

/**
 * `global::oauth-session` (src/middlewares/oauth-session.ts): Strapi's session runs only on
 * users-permissions' OAuth login, the one place that keeps anything in it; it is no longer mounted
 * in front of every request.
 */
describe('the session, only where OAuth login uses it', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('is not a middleware of every request', () => {
    const names = (app.strapi.server.app.middleware as Array<{ name: string }>).map((middleware) => middleware.name);
    // koa-session's own middleware function is called `session`; strapi::session mounted it at the top
    expect(names).not.toContain('session');
    expect(names.length).toBeGreaterThan(5);
  });

  it('keeps the OAuth state of /api/connect/<provider> in the signed session cookie', async () => {
    const grant = app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' });
    const before = (await grant.get({})) as Record<string, Record<string, unknown>>;
    try {
      await grant.set({ value: { ...before, github: { ...before.github, enabled: true, key: 'id-uji', secret: 'rahasia-uji' } } });
      const response = await app.http().get('/api/connect/github');
      expect(response.status).toBe(302);
      expect(response.headers.location).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      expect(cookies.some((cookie) => cookie.startsWith('koa.sess='))).toBe(true);
      expect(cookies.some((cookie) => cookie.startsWith('koa.sess.sig='))).toBe(true);
    } finally {
      await grant.set({ value: before });
    }
  });

  it('answers 400, not 500, for the connect path in another case (the provider handler reads it lower-case)', async () => {
    for (const path of ['/api/CONNECT/github', '/api/Connect/github']) {
      const response = await app.http().get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body.error.message).toMatch(/huruf kecil/);
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).filter((c) => c.startsWith('koa.sess'))).toEqual([]);
    }
  });

  it('sets no session cookie anywhere else', async () => {
    for (const path of ['/api/health', '/api/standar-pelayanan', '/admin/init']) {
      const response = await app.http().get(path);
      expect({ path, cookie: ([] as string[]).concat(response.headers['set-cookie'] ?? []).filter((c) => c.startsWith('koa.sess')) }).toEqual({
        path,
        cookie: [],
      });
    }
  });
});
