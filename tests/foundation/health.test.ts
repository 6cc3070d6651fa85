import { startApp, type TestApp } from '../helpers/app';
import { usePostgres } from '../helpers/env';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

describe('GET /api/health', () => {
  let app: TestApp;
  let proxy: TcpProxy | undefined;

  beforeAll(async () => {
    if (usePostgres()) {
      // PostgreSQL is reached through a proxy the test can cut, as a network or server failure would.
      proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
      app = await startApp({ env: { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(proxy.port) } });
    } else {
      app = await startApp();
    }
  });

  afterAll(async () => {
    await proxy?.resume();
    await app?.destroy();
    await proxy?.close();
  });

  it('answers 200 after a real query', async () => {
    const response = await app.http().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 while the database does not answer, and 200 again once it is back', async () => {
    // Let work started at boot (document events, webhooks) settle before the database goes away.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (proxy) {
      await proxy.cut();
    } else {
      await app.strapi.db.connection.destroy();
    }
    const down = await app.http().get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down' });

    if (proxy) {
      await proxy.resume();
    } else {
      app.strapi.db.connection.initialize();
    }
    const deadline = Date.now() + 30000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await app.http().get('/api/health')).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
