import crypto from 'crypto';
import Redis from 'ioredis';
import { startApp, type TestApp } from '../helpers/app';
import { freePort } from '../helpers/faults';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Needs a Redis server (TEST_REDIS_URL, default 127.0.0.1:6379), so it runs with the other
 * services in the PostgreSQL suite (`npm run test:pg`, `.ci/run`); `npm test` needs nothing but Node.
 */

const UID = 'api::pengaduan.pengaduan';
const data = (i: number) => ({ data: { nama: `Pelapor ${i}`, kontak: `0812345678${String(i).padStart(2, '0')}`, isi: 'Antrean loket terlalu panjang dan tidak ada nomor antrean.' } });

const stored = async (app: TestApp): Promise<number> => Number(await app.strapi.db.query(UID).count({}));

describe('Pengaduan rate limit shared by two server processes through Redis (PENGADUAN_RATE_LIMIT_REDIS_URL)', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  // a prefix of this run alone, removed afterwards
  const prefix = `meja-sandi-test:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  let app: TestApp;
  let second: ServerProcess;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(redisUrl);
    app = await startApp({
      env: {
        IS_PROXIED: 'true',
        PENGADUAN_RATE_LIMIT: '3',
        PENGADUAN_RATE_WINDOW: '600',
        PENGADUAN_RATE_LIMIT_REDIS_URL: redisUrl,
        PENGADUAN_RATE_LIMIT_REDIS_PREFIX: prefix,
      },
    });
    second = await startServerProcess(await freePort());
  });
  afterAll(async () => {
    await second?.stop();
    await app?.destroy();
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  const postTo = (target: () => ReturnType<TestApp['http']>, i: number, forwardedFor: string) =>
    target().post('/api/pengaduan').set('Content-Type', 'application/json').set('X-Forwarded-For', forwardedFor).send(JSON.stringify(data(i)));

  it('counts one client across both processes: 3 allowed in all, then 429 on either', async () => {
    const pertama = () => app.http();
    const kedua = () => second.http();
    expect((await postTo(pertama, 1, '203.0.113.50')).status).toBe(201);
    expect((await postTo(kedua, 2, '203.0.113.50')).status).toBe(201);
    expect((await postTo(pertama, 3, '203.0.113.50')).status).toBe(201);
    const limitedSecond = await postTo(kedua, 4, '203.0.113.50');
    expect(limitedSecond.status).toBe(429);
    expect(limitedSecond.body.error.name).toBe('RateLimitError');
    expect(Number(limitedSecond.headers['retry-after'])).toBeGreaterThan(500);
    expect((await postTo(pertama, 5, '203.0.113.50')).status).toBe(429);
    // another client still has its own budget, on either process
    expect((await postTo(kedua, 6, '203.0.113.51')).status).toBe(201);
    expect(await stored(app)).toBe(4);
    // the count lives in Redis under this deployment's prefix
    expect(Number(await redis.get(`${prefix}:kiriman:203.0.113.50`))).toBe(5);
  });

  it('shares the tracking budget too, apart from the submission budget', async () => {
    const response = await second.http().get('/api/pengaduan/lacak/ADU-2026-000001?kode=0000-0000-0000-0000').set('X-Forwarded-For', '203.0.113.50');
    expect(response.status).toBe(404);
    expect(Number(await redis.get(`${prefix}:lacak:203.0.113.50`))).toBe(1);
  });
});
