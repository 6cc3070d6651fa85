/**
 * Issue 14, the complaint route's Node CPU: what was trimmed from the per-request stack keeps
 * what a person or a security reviewer relies on.
 * - `strapi::security` builds its helmet once for requests other than GET/HEAD
 *   (src/bootstrap/security-headers.ts): POST /api/pengaduan (and an admin POST) carry exactly the
 *   headers Strapi's own middleware sets — compared with a GET it answers itself, and with the
 *   values Strapi's defaults give.
 * - The body limit (16 KiB) and the allow-list validation still answer POST /api/pengaduan.
 * - The access log line (`global::access-log`) is written at level `http`, and not even built
 *   below it (winston formats before it filters).
 * Runs on SQLite and PostgreSQL.
 */
import { startApp, type TestApp } from '../helpers/app';
import { HELMET_HEADERS } from '../helpers/security-headers';

const ISI = 'Antrean di loket pelayanan sangat panjang dan nomor antrean tidak dipanggil berurutan.';


describe('pengaduan, lighter per request: the same security headers, body limit, validation and access log', () => {
  let app: TestApp;
  const kirim = (body: string) => app.http().post('/api/pengaduan').set('Content-Type', 'application/json').send(body);
  const helmetOf = (headers: Record<string, unknown>) => Object.fromEntries(HELMET_HEADERS.map((name) => [name, headers[name]]));

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('answers POST /api/pengaduan with the security headers Strapi’s own middleware sets', async () => {
    const filed = await kirim(JSON.stringify({ data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } }));
    expect(filed.status).toBe(201);
    // a GET goes through Strapi's own strapi::security, built per request as Strapi builds it
    const tracked = await app.http().get('/api/pengaduan/lacak/ADU-2026-999999?kode=0000-0000-0000-0000');
    expect(tracked.status).toBe(404);
    expect(helmetOf(filed.headers)).toEqual(helmetOf(tracked.headers));
    // and those are Strapi's defaults: a strict CSP, HSTS, no framing by others, no sniffing
    expect(filed.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(filed.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(filed.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(filed.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(filed.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(filed.headers['x-content-type-options']).toBe('nosniff');
    expect(filed.headers['x-xss-protection']).toBeUndefined();
    // refusals carry them too
    const refused = await kirim(JSON.stringify({ data: { nama: 'R', isi: ISI, peran: 'admin' } }));
    expect(refused.status).toBe(400);
    expect(helmetOf(refused.headers)).toEqual(helmetOf(tracked.headers));
    // and a write to the admin API (another method, another route)
    const login = await app.http().post('/admin/login').set('Content-Type', 'application/json').send({ email: 'tidak@ada.test', password: 'salah' });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(helmetOf(login.headers)).toEqual(helmetOf(tracked.headers));
  });

  it('still refuses a body over 16 KiB (413) and a field outside the allow-list (400)', async () => {
    const big = JSON.stringify({ data: { nama: 'Rahmat Hidayat', isi: 'a'.repeat(17 * 1024) } });
    const tooLarge = await kirim(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
    expect(tooLarge.headers['x-frame-options']).toBe('SAMEORIGIN');
    const extra = await kirim(JSON.stringify({ data: { nama: 'Rahmat Hidayat', isi: ISI, tahap: 'selesai' } }));
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
  });

  it('writes the access log line at level http, and builds none below it', async () => {
    const log = app.strapi.log as unknown as { level: string; http: (message: string) => unknown };
    const level = log.level;
    const http = jest.spyOn(log, 'http');
    try {
      log.level = 'http';
      expect((await kirim(JSON.stringify({ data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } }))).status).toBe(201);
      expect(http.mock.calls.map(([line]) => line)).toContainEqual(expect.stringMatching(/^POST \/api\/pengaduan \(\d+ ms\) 201$/));
      http.mockClear();
      log.level = 'warn';
      expect((await kirim(JSON.stringify({ data: { nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI } }))).status).toBe(201);
      expect(http).not.toHaveBeenCalled();
    } finally {
      log.level = level;
      http.mockRestore();
    }
  });
});
