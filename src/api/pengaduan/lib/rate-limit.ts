import net from 'net';
import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import type * as Flexible from 'rate-limiter-flexible';

// Loaded on first use, not at boot (together ≈ 0.1–0.25 s of module loading on these machines,
// and ioredis is needed only when a Redis store is configured): issue 14's boot budget.
const flexible = (): typeof Flexible => require('rate-limiter-flexible') as typeof Flexible;
const redisClass = (): typeof Redis => (require('ioredis') as { default: typeof Redis }).default;

export type Verdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A per-client budget: `hit(key)` spends one request of `key`'s window and says whether it may pass. */
export type RateLimiter = { hit(key: string): Promise<Verdict> };

export type RateLimiterOptions = {
  /** requests allowed per key and window (0 = none) */
  limit: number;
  /** window length in milliseconds, whole seconds (rate-limiter-flexible counts in seconds) */
  windowMs: number;
  /** names this budget apart from the others, e.g. `kiriman` or `lacak`; in Redis also the key prefix */
  keyPrefix: string;
  /** a shared Redis connection: then every server process counts against the same budget */
  redis?: Redis | null;
};

/**
 * A fixed window per client key, started by the key's first request (rate-limiter-flexible).
 * Without `redis` the count lives in this process (RateLimiterMemory: behind N processes a
 * client may get up to N × the limit; expired keys are dropped by timers, so memory stays
 * bounded by the clients of one window). With `redis` all processes share one count
 * (RateLimiterRedis, one atomic Lua INCR per request); while Redis cannot be reached each
 * process falls back to its own in-memory count (`insuranceLimiter`), so complaints are
 * still limited and still accepted. Refusals carry the seconds until the window ends (≥ 1).
 */
export const createRateLimiter = ({ limit, windowMs, keyPrefix, redis }: RateLimiterOptions): RateLimiter => {
  const duration = Math.max(1, Math.round(windowMs / 1000));
  let limiter: Flexible.RateLimiterAbstract | null = null;
  const open = (): Flexible.RateLimiterAbstract => {
    const { RateLimiterMemory, RateLimiterRedis } = flexible();
    const memory = new RateLimiterMemory({ points: limit, duration, keyPrefix });
    return redis
      ? new RateLimiterRedis({ storeClient: redis, points: limit, duration, keyPrefix, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
  };
  return {
    async hit(key) {
      limiter = limiter ?? open();
      try {
        const res = await limiter.consume(key);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (refusal: unknown) {
        if (refusal instanceof flexible().RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
        throw refusal;
      }
    },
  };
};

/**
 * A Redis connection for rate limits, or null when `url` is empty. It never queues a command
 * while disconnected (the limiter then falls back to memory at once instead of holding the
 * request) and reconnects in the background; `quit()` it on shutdown.
 */
export const connectRateLimitRedis = (url: string | undefined | null, onError: (message: string) => void): Redis | null => {
  if (!url) return null;
  const RedisClient = redisClass();
  const client = new RedisClient(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let reported = false;
  client.on('error', (error: Error) => {
    // once per outage, not once per reconnect attempt
    if (!reported) onError(error.message);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
};

const connections = new WeakMap<Core.Strapi, Redis | null>();

/**
 * The shared rate-limit store of this server: one Redis connection to
 * `meja-sandi.pengaduan.redisUrl` (PENGADUAN_RATE_LIMIT_REDIS_URL), opened on first use, or
 * null when it is unset (then each process counts in memory). Closed by `closeRateLimitRedis`.
 */
export const rateLimitRedis = (strapi: Core.Strapi, url: string): Redis | null => {
  if (connections.has(strapi)) return connections.get(strapi) ?? null;
  const client = connectRateLimitRedis(url, (message) =>
    strapi.log.warn(`[pengaduan] Redis pembatas laju tidak terjangkau (${message}); sementara tiap proses menghitung sendiri.`)
  );
  connections.set(strapi, client);
  return client;
};

/** Closes the server's rate-limit Redis connection, if any (Strapi's destroy lifecycle). */
export const closeRateLimitRedis = async (strapi: Core.Strapi): Promise<void> => {
  const client = connections.get(strapi);
  connections.delete(strapi);
  if (client) await client.quit().catch(() => client.disconnect());
};

/**
 * The bucket of a client address: IPv4 as is, IPv6 by its /64 (one subscriber
 * usually holds a whole /64, so single addresses would be free to rotate).
 */
export const clientKey = (ip: string): string => {
  const address = ip.startsWith('::ffff:') && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (!net.isIPv6(address)) return address || 'tidak-dikenal';
  const [head, tail = ''] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const full = address.includes('::') ? [...headParts, ...Array(Math.max(0, missing)).fill('0'), ...tailParts] : headParts;
  return `${full
    .slice(0, 4)
    .map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
};
