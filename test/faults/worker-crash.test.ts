import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, expectNoStepCompletedTwice, startRig, TIMEOUT_MS } from './harness.ts';

const cleanups = cleanupAfterEach();

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('a worker killed mid-batch', () => {
  it(
    'SIGKILL while items are in flight: the restarted worker recovers the stalled jobs, every match is delivered once, nothing completes twice',
    async () => {
      // 150 ms a response and a small pool: the batch takes several seconds, so the kill lands in it.
      const rig = await startRig(cleanups, { feeds: FEEDS, items: 30, latencyMs: 150, redis: { prefixLabel: 'fault-kill' } });
      const { itemKeys, probe } = rig;
      expect(rig.expected.size).toBeGreaterThan(10);
      const config = rig.workerConfig();

      const victim = await rig.startWorker(config, 'SIGKILL');
      await probe.aQuarterStored(itemKeys);
      await victim.kill('SIGKILL');
      const storedAtKill = await probe.storedItems(itemKeys);
      expect(storedAtKill).toBeLessThan(itemKeys.length);

      const restarted = await rig.startWorker(config);
      await probe.drained(itemKeys.length, 60_000);
      expect(await probe.storedItems(itemKeys)).toBe(itemKeys.length);

      await probe.triggerDigest();
      await probe.allDelivered(30_000);
      rig.expectEachMatchDeliveredOnce();
      await expectNoStepCompletedTwice(probe, itemKeys.length);
      expect(await restarted.kill('SIGTERM')).toBe(0);
    },
    TIMEOUT_MS,
  );
});
