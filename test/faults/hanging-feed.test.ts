import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, expectNoStepCompletedTwice, sleep, startRig, TIMEOUT_MS } from './harness.ts';

const cleanups = cleanupAfterEach();

const HEALTHY = [0, 1, 2, 3, 4];
const INTERVAL_MS = 2_000;
const WINDOW_MS = 12_000;

describe('a feed server that never answers', () => {
  it(
    'times out its feeds while the other feeds keep their 2 s schedule and their items go through',
    async () => {
      const rig = await startRig(cleanups, { feeds: HEALTHY, items: 10, latencyMs: 0, recordRequests: true, redis: { prefixLabel: 'fault-hang' } });
      const { farm, probe, redis } = rig;
      // Paths under /hang/ accept the connection and never answer.
      const hanging = [1, 2, 3].map((n) => ({ id: `hang-${n}`, url: `${farm.origin}/hang/${n}.xml`, interval: '2s' }));
      const feeds = [...rig.farmFeeds.map((feed) => ({ ...feed, interval: '2s' })), ...hanging];
      const config = rig.workerConfig({ feeds, http: { timeout: '1s', connectTimeout: '1s', perHostConcurrency: 4 } });
      const worker = await rig.startWorker(config);
      const started = Date.now();
      await sleep(WINDOW_MS);

      // Every healthy feed was polled on schedule: about once per interval, never a long gap.
      for (const feed of HEALTHY) {
        const times = farm.farm.requestLog.filter((request) => request.path === `/feeds/${feed}.xml` && request.at >= started).map((request) => request.at);
        expect(times.length, `polls of feed ${feed}`).toBeGreaterThanOrEqual(WINDOW_MS / INTERVAL_MS - 1);
        const gaps = times.slice(1).map((at, index) => at - (times[index] as number));
        expect(Math.max(...gaps), `longest gap between polls of feed ${feed}`).toBeLessThan(INTERVAL_MS + 2_000);
      }
      // The hanging feeds were asked and gave up on by the timeout, and say so in their state.
      for (const feed of hanging) {
        expect(farm.farm.requestLog.some((request) => request.path === new URL(feed.url).pathname)).toBe(true);
        const state = await redis.hgetall(probe.keys.feed(feed.id));
        expect(state.lastError, feed.id).toMatch(/time|timed out/i);
        expect(Number(state.consecutiveErrors)).toBeGreaterThanOrEqual(1);
      }

      await probe.drained(rig.itemKeys.length, 30_000);
      await probe.triggerDigest();
      await probe.allDelivered(30_000);
      rig.expectEachMatchDeliveredOnce();
      await expectNoStepCompletedTwice(probe);
      expect(await worker.kill('SIGTERM')).toBe(0);
    },
    TIMEOUT_MS,
  );
});
