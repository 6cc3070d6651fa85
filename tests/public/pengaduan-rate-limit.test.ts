import { startApp, type TestApp } from '../helpers/app';

const UID = 'api::pengaduan.pengaduan';
const data = (i: number) => ({ data: { nama: `Pelapor ${i}`, kontak: `0812345678${String(i).padStart(2, '0')}`, isi: 'Antrean loket terlalu panjang dan tidak ada nomor antrean.' } });

const post = (app: TestApp, i: number, forwardedFor?: string) => {
  const request = app.http().post('/api/pengaduan').set('Content-Type', 'application/json');
  if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
  return request.send(JSON.stringify(data(i)));
};

const stored = async (app: TestApp): Promise<number> => Number(await app.strapi.db.query(UID).count({}));

describe('Pengaduan rate limit without a trusted proxy (IS_PROXIED=false, default 5 per 10 minutes)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ env: { IS_PROXIED: 'false' } });
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('cannot be reset by a client-sent X-Forwarded-For', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const response = await post(app, i, `198.51.100.${i}`);
      expect(response.status).toBe(201);
    }
    const limited = await post(app, 6, '198.51.100.200');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      data: null,
      error: { status: 429, name: 'RateLimitError', message: expect.stringMatching(/^Terlalu banyak permintaan dari alamat Anda\. Silakan coba lagi dalam \d+ menit\.$/), details: {} },
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await stored(app)).toBe(5);
  });

  it('counts the HTML form in the same bucket and answers it in HTML', async () => {
    const response = await app.http().post('/pengaduan').type('form').set('X-Forwarded-For', '192.0.2.77').send({ nama: 'Siti' });
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.text).toContain('Terlalu banyak permintaan');
    expect(await stored(app)).toBe(5);
  });

  it('still lets the client track a complaint (a separate, larger budget)', async () => {
    const response = await app.http().get('/api/pengaduan/lacak/ADU-2026-000001?kode=0000-0000-0000-0000');
    expect(response.status).toBe(404);
  });
});

describe('Pengaduan rate limit behind a trusted proxy (IS_PROXIED=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ env: { IS_PROXIED: 'true', PENGADUAN_RATE_LIMIT: '2', PENGADUAN_RATE_WINDOW: '3' } });
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('gives each forwarded client address its own bucket, with the configured limit and window', async () => {
    expect((await post(app, 1, '203.0.113.10')).status).toBe(201);
    expect((await post(app, 2, '203.0.113.10')).status).toBe(201);
    const limited = await post(app, 3, '203.0.113.10');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3);

    expect((await post(app, 4, '203.0.113.11')).status).toBe(201);
    expect((await post(app, 5, '2001:db8:1:2::1')).status).toBe(201);
    expect((await post(app, 6, '2001:db8:1:2::2')).status).toBe(201);
    // the same /64 is one subscriber
    expect((await post(app, 7, '2001:db8:1:2::3')).status).toBe(429);
    expect(await stored(app)).toBe(5);

    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect((await post(app, 8, '203.0.113.10')).status).toBe(201);
  });
});
