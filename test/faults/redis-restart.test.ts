import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startPrivateRedis } from '../../src/store/local-redis.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import {
  checkDelivery,
  faultWorkerConfig,
  farmFeeds,
  farmItemKeys,
  matchingUrls,
  PipelineProbe,
  sleep,
  startSmtpOn,
  startTestFarm,
  until,
  TIMEOUT_MS,
} from './harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('Redis restarted mid-run', () => {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`redis-server stopped with ${signal} (appendonly yes, appendfsync always) and restarted on the same port and dir: workers reconnect, nothing in flight is lost`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-fault-redis-'));
      const port = await freePort();
      let server = await startPrivateRedis({ appendOnly: true, dir, port });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      cleanups.push(() => server.stop());
      const redisUrl = server.url;
      // The probe's own connection rides out the outage like the workers' do.
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
      redis.on('error', () => undefined);
      const prefix = '{vigil-fault-restart}';
      const farm = await startTestFarm({ feeds: FEEDS.length, items: 30, latencyMs: 150 });
      const messages: ParsedMail[] = [];
      const smtp = await startSmtpOn(await freePort(), messages);
      const probe = new PipelineProbe(redis, redisUrl, prefix);
      cleanups.push(
        async () => redis.disconnect(),
        () => farm.close(),
        () => smtp.close(),
        () => probe.close(),
      );
      const itemKeys = farmItemKeys(farm, FEEDS);
      const expected = matchingUrls(farm, FEEDS);
      const worker = await startWorkerProcess(faultWorkerConfig({ redisUrl, prefix, smtpPort: smtp.port, feeds: farmFeeds(farm, FEEDS) }));
      cleanups.push(() => worker.kill('SIGKILL'));

      await until(async () => (await probe.storedItems(itemKeys)) >= itemKeys.length / 4, 30_000, 'a quarter of the items to be stored');
      expect(await probe.storedItems(itemKeys)).toBeLessThan(itemKeys.length);
      const exited = new Promise((resolve) => server.process.once('exit', resolve));
      server.process.kill(signal);
      await exited;
      // Down long enough for in-flight fetches to finish and fail to report back.
      await sleep(2_000);
      server = await startPrivateRedis({ appendOnly: true, dir, port });

      await probe.drained(itemKeys.length, 90_000);
      expect(await probe.storedItems(itemKeys)).toBe(itemKeys.length);
      await probe.triggerDigest();
      await probe.allDelivered(30_000);
      const delivery = checkDelivery(messages, farm.origin, expected);
      expect(delivery.missing).toEqual([]);
      expect(delivery.repeated).toEqual([]);
      expect(delivery.unexpected).toEqual([]);
      for (const queue of ['fetch', 'extract', 'match'] as const) {
        expect(await probe.completionEvents(queue)).toBe(itemKeys.length);
        expect(await probe.completedTwice(queue)).toEqual([]);
      }
      expect(worker.child.exitCode).toBeNull();
      expect(await worker.kill('SIGTERM')).toBe(0);
    }, TIMEOUT_MS);
  }
});
