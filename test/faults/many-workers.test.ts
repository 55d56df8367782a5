import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, expectNoStepCompletedTwice, sleep, startRig, TIMEOUT_MS } from './harness.ts';

const cleanups = cleanupAfterEach();

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('several workers on the same queues', () => {
  it(
    'two workers, then a third joining mid-run, with a digest due every 2 s: each item is processed once and each match mailed once',
    async () => {
      const rig = await startRig(cleanups, { feeds: FEEDS, items: 30, latencyMs: 150, recordRequests: true, redis: { prefixLabel: 'fault-many' } });
      const { itemKeys, mailbox, probe } = rig;
      // Digests run while items are still arriving: each run must take only what no other run took.
      const config = rig.workerConfig({ digestCron: '*/2 * * * * *' });

      const [first, second] = await Promise.all([rig.startWorker(config), rig.startWorker(config)]);
      await probe.aQuarterStored(itemKeys);
      expect(await probe.storedItems(itemKeys)).toBeLessThan(itemKeys.length);
      const third = await rig.startWorker(config);

      await probe.drained(itemKeys.length, 60_000);
      await probe.allDelivered(30_000);
      // Several more digest ticks on all three workers: nothing new may go out.
      const delivered = mailbox.messages.length;
      await sleep(4_000);
      expect(mailbox.messages.length).toBe(delivered);

      const delivery = rig.expectEachMatchDeliveredOnce();
      expect(delivery.digests).toBeGreaterThanOrEqual(1);
      // Every mail is a distinct digest: no second copy of any message.
      expect(new Set(mailbox.messages.map((message) => message.messageId)).size).toBe(mailbox.messages.length);
      await expectNoStepCompletedTwice(probe, itemKeys.length);
      // No worker fetched a page another had fetched: one GET per article.
      const pageGets = new Map<string, number>();
      for (const { path } of rig.farm.farm.requestLog) if (path.startsWith('/a/')) pageGets.set(path, (pageGets.get(path) ?? 0) + 1);
      expect(pageGets.size).toBe(itemKeys.length);
      expect([...pageGets].filter(([, count]) => count > 1)).toEqual([]);
      for (const worker of [first, second, third]) expect(await worker.kill('SIGTERM')).toBe(0);
    },
    TIMEOUT_MS,
  );
});
