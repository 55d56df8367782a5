import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, expectNoStepCompletedTwice, sleep, startRig, TIMEOUT_MS, until } from './harness.ts';

const cleanups = cleanupAfterEach();

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('the SMTP server down for a while', () => {
  it(
    'digests due during the outage wait, then every match is delivered once when a server answers on the same port again',
    async () => {
      const rig = await startRig(cleanups, { feeds: FEEDS, items: 30, latencyMs: 150, redis: { prefixLabel: 'fault-smtp' } });
      const { mailbox, probe } = rig;
      // Few, quick retries: the outage outlasts them, so later scheduled runs must resume the open digest.
      const config = rig.workerConfig({ digestCron: '*/2 * * * * *', worker: { attempts: 2, backoff: '200ms' } });
      const worker = await rig.startWorker(config);

      // The outage starts once the first digest is out and items are still being matched.
      await until(() => mailbox.messages.length > 0, 30_000, 'the first digest');
      await mailbox.stop();
      const deliveredBefore = mailbox.messages.length;
      await probe.drained(rig.itemKeys.length, 60_000);
      // Matches made during the outage are stuck: pending, or frozen in an open digest.
      await sleep(5_000);
      expect((await probe.pending()) > 0 || (await probe.openDigest())).toBe(true);
      expect(mailbox.messages.length).toBe(deliveredBefore);
      expect(worker.logs.some((line) => line.includes('"queue":"notify"') && line.includes('job failed'))).toBe(true);

      await mailbox.restart();
      await probe.allDelivered(30_000);
      await sleep(3_000);
      const delivery = rig.expectEachMatchDeliveredOnce();
      expect(delivery.digests).toBeGreaterThanOrEqual(2);
      await expectNoStepCompletedTwice(probe);
      expect(await worker.kill('SIGTERM')).toBe(0);
    },
    TIMEOUT_MS,
  );
});
