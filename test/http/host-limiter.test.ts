import { describe, expect, it } from 'vitest';
import { InProcessHostLimiter } from '../../src/http/host-limiter.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InProcessHostLimiter', () => {
  it('limits concurrency per host, not across hosts', async () => {
    const limiter = new InProcessHostLimiter({ concurrency: 2, minDelayMs: 0 });
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const task = async (host: string) => {
      const release = await limiter.acquire(host);
      active.set(host, (active.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host) ?? 0));
      await sleep(20);
      active.set(host, (active.get(host) ?? 0) - 1);
      release?.();
    };
    await Promise.all([...Array.from({ length: 5 }, () => task('a.example')), ...Array.from({ length: 5 }, () => task('b.example'))]);
    expect(peak.get('a.example')).toBe(2);
    expect(peak.get('b.example')).toBe(2);
  });

  it('spaces request starts by the minimum delay, raised by setMinDelay', async () => {
    const limiter = new InProcessHostLimiter({ concurrency: 5, minDelayMs: 30 });
    limiter.setMinDelay('slow.example', 60);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        const release = await limiter.acquire('slow.example');
        starts.push(Date.now());
        release?.();
      }),
    );
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(55);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it('remembers a pause, gives no slot before it ends, and lets a waiting caller abort', async () => {
    const limiter = new InProcessHostLimiter({ concurrency: 1, minDelayMs: 0 });
    await limiter.pause('busy.example', Date.now() + 5_000);
    expect(await limiter.pausedFor('busy.example')).toBeGreaterThan(4_000);
    expect(await limiter.pausedFor('other.example')).toBe(0);
    const controller = new AbortController();
    const waiting = limiter.acquire('busy.example', controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await waiting).toBeNull();

    await limiter.pause('short.example', Date.now() + 150);
    const started = Date.now();
    const release = await limiter.acquire('short.example');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    release?.();
  });
});
