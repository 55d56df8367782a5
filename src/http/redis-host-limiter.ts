import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostLimiter } from './host-limiter.ts';

/**
 * The per-host politeness budget shared by every worker process on one Redis: at most
 * `concurrency` requests in flight per host and starts `minDelayMs` apart, across all of them.
 *
 * Per host, under `<keyPrefix>:<host>:`:
 * - `leases`: sorted set of lease tokens scored by expiry. A holder renews its lease while it
 *   holds it, so a worker that dies mid-request frees its slot when the lease runs out (`leaseMs`).
 * - `next`: set for `minDelay` after each admitted start; while it exists nobody starts.
 * - `paused`: exists (with a TTL) while the host has asked us to stay away (Retry-After).
 * Times are Redis's own clock (TIME, or key TTLs), so workers' clocks never need to agree.
 */
export interface RedisHostLimiterOptions {
  concurrency: number;
  minDelayMs: number;
  /** How long a lease outlives a holder that stopped renewing it (crashed). Default 60 s. */
  leaseMs?: number;
  /** How often a waiting caller asks again when every slot is taken. Default 100 ms. */
  pollMs?: number;
}

/**
 * Drops expired leases, then admits the caller (returns -1) if the host is not paused, the
 * minimum delay since the last start has passed and fewer than `limit` leases are held;
 * otherwise returns how many milliseconds to wait before asking again.
 * KEYS: leases, next, paused. ARGV: token, limit, minDelayMs, leaseMs, pollMs.
 */
const ACQUIRE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return paused end
local delay = redis.call('PTTL', KEYS[2])
if delay > 0 then return delay end
local limit = tonumber(ARGV[2])
local lease = tonumber(ARGV[4])
if redis.call('ZCARD', KEYS[1]) >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local untilExpiry = tonumber(first[2]) - now
  return math.max(1, math.min(untilExpiry, tonumber(ARGV[5])))
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
local minDelay = tonumber(ARGV[3])
if minDelay > 0 then redis.call('SET', KEYS[2], '1', 'PX', minDelay) end
return -1
`;

/** Extends a lease that is still held. KEYS: leases. ARGV: token, leaseMs. */
const RENEW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
`;

/** Lengthens a pause, never shortens it. KEYS: paused. ARGV: pauseMs. */
const PAUSE = `
local wanted = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < wanted then redis.call('SET', KEYS[1], '1', 'PX', wanted) end
return 1
`;

/** Waits `ms`; resolves to false when `signal` fires first. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class RedisHostLimiter implements HostLimiter {
  private readonly concurrency: number;
  private readonly minDelayMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  /** Raised delays (robots.txt Crawl-delay) this process learned; each worker reads robots.txt itself. */
  private readonly minDelays = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    options: RedisHostLimiterOptions,
  ) {
    this.concurrency = Math.max(1, options.concurrency);
    this.minDelayMs = Math.max(0, options.minDelayMs);
    this.leaseMs = Math.max(1_000, options.leaseMs ?? 60_000);
    this.pollMs = Math.max(5, options.pollMs ?? 100);
  }

  private key(host: string, part: 'leases' | 'next' | 'paused'): string {
    return `${this.keyPrefix}:${host}:${part}`;
  }

  async acquire(host: string, signal?: AbortSignal): Promise<(() => void) | null> {
    const token = randomUUID();
    const delay = this.minDelays.get(host) ?? this.minDelayMs;
    const keys = [this.key(host, 'leases'), this.key(host, 'next'), this.key(host, 'paused')] as const;
    for (;;) {
      if (signal?.aborted) return null;
      const result = Number(await this.redis.eval(ACQUIRE, 3, ...keys, token, this.concurrency, delay, this.leaseMs, this.pollMs));
      if (result < 0) break;
      if (!(await sleep(result, signal))) return null;
    }
    // Keep the lease alive while the request runs; a crashed process stops renewing and the lease lapses.
    const renewal = setInterval(
      () => {
        this.redis.eval(RENEW, 1, keys[0], token, this.leaseMs).catch(() => undefined);
      },
      Math.floor(this.leaseMs / 3),
    );
    renewal.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      // A failed release is not lost: the lease expires by itself.
      this.redis.zrem(keys[0], token).catch(() => undefined);
    };
  }

  async pause(host: string, untilMs: number): Promise<void> {
    const pauseMs = Math.ceil(untilMs - Date.now());
    if (pauseMs > 0) await this.redis.eval(PAUSE, 1, this.key(host, 'paused'), pauseMs);
  }

  async pausedFor(host: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key(host, 'paused')));
  }

  setMinDelay(host: string, delayMs: number): void {
    this.minDelays.set(host, Math.max(this.minDelayMs, delayMs));
  }
}
