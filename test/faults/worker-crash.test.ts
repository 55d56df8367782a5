import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/store/local-redis.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.ts';
import {
  checkDelivery,
  faultWorkerConfig,
  farmFeeds,
  farmItemKeys,
  matchingUrls,
  PipelineProbe,
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

describe('a worker killed mid-batch', () => {
  it('SIGKILL while items are in flight: the restarted worker recovers the stalled jobs, every match is delivered once, nothing completes twice', async () => {
    const redisUrl = testRedisUrl();
    const redis = new Redis(redisUrl);
    const prefix = uniquePrefix('fault-kill');
    // 150 ms a response and a small pool: the batch takes several seconds, so the kill lands in it.
    const farm = await startTestFarm({ feeds: FEEDS.length, items: 30, latencyMs: 150 });
    const messages: ParsedMail[] = [];
    const smtp = await startSmtpOn(await freePort(), messages);
    const probe = new PipelineProbe(redis, redisUrl, prefix);
    cleanups.push(
      () => redis.quit(),
      () => deleteKeys(redis, prefix),
      () => farm.close(),
      () => smtp.close(),
      () => probe.close(),
    );
    const itemKeys = farmItemKeys(farm, FEEDS);
    const expected = matchingUrls(farm, FEEDS);
    expect(expected.size).toBeGreaterThan(10);
    const config = faultWorkerConfig({ redisUrl, prefix, smtpPort: smtp.port, feeds: farmFeeds(farm, FEEDS) });

    const victim: WorkerProcess = await startWorkerProcess(config);
    cleanups.push(() => victim.kill('SIGKILL'));
    await until(async () => (await probe.storedItems(itemKeys)) >= itemKeys.length / 4, 30_000, 'a quarter of the items to be stored');
    await victim.kill('SIGKILL');
    const storedAtKill = await probe.storedItems(itemKeys);
    expect(storedAtKill).toBeLessThan(itemKeys.length);

    const restarted = await startWorkerProcess(config);
    cleanups.push(() => restarted.kill('SIGTERM'));
    await probe.drained(itemKeys.length, 60_000);
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
    expect(await restarted.kill('SIGTERM')).toBe(0);
  }, TIMEOUT_MS);
});
