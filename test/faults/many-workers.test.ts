import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/store/local-redis.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
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

describe('several workers on the same queues', () => {
  it('two workers, then a third joining mid-run, with a digest due every 2 s: each item is processed once and each match mailed once', async () => {
    const redisUrl = testRedisUrl();
    const redis = new Redis(redisUrl);
    const prefix = uniquePrefix('fault-many');
    const farm = await startTestFarm({ feeds: FEEDS.length, items: 30, latencyMs: 150 }, true);
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
    // Digests run while items are still arriving: each run must take only what no other run took.
    const config = faultWorkerConfig({ redisUrl, prefix, smtpPort: smtp.port, feeds: farmFeeds(farm, FEEDS), digestCron: '*/2 * * * * *' });

    const [first, second] = await Promise.all([startWorkerProcess(config), startWorkerProcess(config)]);
    cleanups.push(() => first.kill('SIGTERM'), () => second.kill('SIGTERM'));
    await until(async () => (await probe.storedItems(itemKeys)) >= itemKeys.length / 4, 30_000, 'a quarter of the items to be stored');
    expect(await probe.storedItems(itemKeys)).toBeLessThan(itemKeys.length);
    const third = await startWorkerProcess(config);
    cleanups.push(() => third.kill('SIGTERM'));

    await probe.drained(itemKeys.length, 60_000);
    await probe.allDelivered(30_000);
    // Several more digest ticks on all three workers: nothing new may go out.
    const delivered = messages.length;
    await sleep(4_000);
    expect(messages.length).toBe(delivered);

    const delivery = checkDelivery(messages, farm.origin, expected);
    expect(delivery.digests).toBeGreaterThanOrEqual(1);
    expect(delivery.missing).toEqual([]);
    expect(delivery.repeated).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    // Every mail is a distinct digest: no second copy of any message.
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(messages.length);
    for (const queue of ['fetch', 'extract', 'match'] as const) {
      expect(await probe.completionEvents(queue)).toBe(itemKeys.length);
      expect(await probe.completedTwice(queue)).toEqual([]);
    }
    // No worker fetched a page another had fetched: one GET per article.
    const pageGets = new Map<string, number>();
    for (const { path } of farm.farm.requestLog) if (path.startsWith('/a/')) pageGets.set(path, (pageGets.get(path) ?? 0) + 1);
    expect(pageGets.size).toBe(itemKeys.length);
    expect([...pageGets].filter(([, count]) => count > 1)).toEqual([]);
    for (const worker of [first, second, third]) expect(await worker.kill('SIGTERM')).toBe(0);
  }, TIMEOUT_MS);
});
