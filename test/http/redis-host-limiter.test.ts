import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHostLimiter } from '../../src/http/redis-host-limiter.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisHostLimiter (real Redis, two limiters as two workers)', () => {
  let redisA: Redis;
  let redisB: Redis;
  const prefixes: string[] = [];
  const prefix = () => {
    const value = `${uniquePrefix('limiter')}:store:host`;
    prefixes.push(value);
    return value;
  };

  beforeAll(() => {
    redisA = new Redis(testRedisUrl());
    redisB = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    for (const value of prefixes) await deleteKeys(redisA, value);
    redisA.disconnect();
    redisB.disconnect();
  });

  it('never lets the two together exceed the per-host concurrency', async () => {
    const keyPrefix = prefix();
    const workers = [redisA, redisB].map((redis) => new RedisHostLimiter(redis, keyPrefix, { concurrency: 2, minDelayMs: 0, pollMs: 10 }));
    let active = 0;
    let peak = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const limiter = workers[index % 2];
        if (!limiter) throw new Error('no limiter');
        const release = await limiter.acquire('news.example');
        active += 1;
        peak = Math.max(peak, active);
        await sleep(30);
        active -= 1;
        done += 1;
        release?.();
      }),
    );
    expect(done).toBe(12);
    expect(peak).toBe(2);
    // Keys live under the prefix the runtime passes in.
    const keys = await redisA.keys(`${keyPrefix.replace(/[{}]/g, '\\$&')}:*`);
    for (const key of keys) expect(key.startsWith(`${keyPrefix}:news.example:`)).toBe(true);
  });

  it('spaces starts by the minimum delay across both workers', async () => {
    const keyPrefix = prefix();
    const a = new RedisHostLimiter(redisA, keyPrefix, { concurrency: 5, minDelayMs: 80, pollMs: 10 });
    const b = new RedisHostLimiter(redisB, keyPrefix, { concurrency: 5, minDelayMs: 80, pollMs: 10 });
    const starts: number[] = [];
    await Promise.all(
      [a, b, a, b].map(async (limiter) => {
        const release = await limiter.acquire('slow.example');
        starts.push(performance.now());
        release?.();
      }),
    );
    starts.sort((x, y) => x - y);
    for (let index = 1; index < starts.length; index += 1) {
      expect((starts[index] ?? 0) - (starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(75);
    }
  });

  it("frees a crashed holder's slot when its lease expires", async () => {
    const keyPrefix = prefix();
    const crashing = new Redis(testRedisUrl());
    const doomed = new RedisHostLimiter(crashing, keyPrefix, { concurrency: 1, minDelayMs: 0, leaseMs: 1_000 });
    await doomed.acquire('stuck.example');
    // The worker dies holding the slot: no release, no more renewals.
    crashing.disconnect();
    const survivor = new RedisHostLimiter(redisB, keyPrefix, { concurrency: 1, minDelayMs: 0, pollMs: 20 });
    const started = performance.now();
    const release = await survivor.acquire('stuck.example');
    const waited = performance.now() - started;
    release?.();
    expect(waited).toBeGreaterThanOrEqual(800);
    expect(waited).toBeLessThan(5_000);
  });

  it("keeps a live holder's lease by renewing it past leaseMs", async () => {
    const keyPrefix = prefix();
    const holder = new RedisHostLimiter(redisA, keyPrefix, { concurrency: 1, minDelayMs: 0, leaseMs: 1_000 });
    const other = new RedisHostLimiter(redisB, keyPrefix, { concurrency: 1, minDelayMs: 0, pollMs: 20 });
    const release = await holder.acquire('busy.example');
    const controller = new AbortController();
    const waiting = other.acquire('busy.example', controller.signal);
    await sleep(1_800);
    controller.abort();
    expect(await waiting).toBeNull();
    release?.();
    const next = await other.acquire('busy.example');
    next?.();
  });

  it('shares a pause (Retry-After) between workers', async () => {
    const keyPrefix = prefix();
    const a = new RedisHostLimiter(redisA, keyPrefix, { concurrency: 1, minDelayMs: 0 });
    const b = new RedisHostLimiter(redisB, keyPrefix, { concurrency: 1, minDelayMs: 0 });
    await a.pause('limited.example', Date.now() + 5_000);
    await a.pause('limited.example', Date.now() + 1_000);
    expect(await b.pausedFor('limited.example')).toBeGreaterThan(4_000);
    expect(await b.pausedFor('other.example')).toBe(0);
    const controller = new AbortController();
    const waiting = b.acquire('limited.example', controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect(await waiting).toBeNull();
  });
});
