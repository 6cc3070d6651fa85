import net from 'net';

export type Verdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * A sliding-window counter per client key, in memory. Each server process keeps its
 * own: behind N processes a client may get up to N × the limit. Expired keys are
 * swept as the map grows, so memory stays bounded by the clients of one window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweepAt = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now
  ) {}

  hit(key: string): Verdict {
    const now = this.clock();
    this.sweep(now);
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, remaining: this.limit - recent.length };
  }

  get size(): number {
    return this.hits.size;
  }

  private sweep(now: number): void {
    if (now < this.sweepAt && this.hits.size < 10_000) return;
    const since = now - this.windowMs;
    for (const [key, times] of this.hits) {
      if (times[times.length - 1] <= since) this.hits.delete(key);
    }
    this.sweepAt = now + this.windowMs;
  }
}

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
