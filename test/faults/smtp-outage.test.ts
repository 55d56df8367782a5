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
  type SmtpSink,
  TIMEOUT_MS,
} from './harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const FEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('the SMTP server down for a while', () => {
  it('digests due during the outage wait, then every match is delivered once when a server answers on the same port again', async () => {
    const redisUrl = testRedisUrl();
    const redis = new Redis(redisUrl);
    const prefix = uniquePrefix('fault-smtp');
    const farm = await startTestFarm({ feeds: FEEDS.length, items: 30, latencyMs: 150 });
    const port = await freePort();
    const messages: ParsedMail[] = [];
    let smtp: SmtpSink | null = await startSmtpOn(port, messages);
    const probe = new PipelineProbe(redis, redisUrl, prefix);
    cleanups.push(
      () => redis.quit(),
      () => deleteKeys(redis, prefix),
      () => farm.close(),
      async () => smtp?.close(),
      () => probe.close(),
    );
    const itemKeys = farmItemKeys(farm, FEEDS);
    const expected = matchingUrls(farm, FEEDS);
    // Few, quick retries: the outage outlasts them, so later scheduled runs must resume the open digest.
    const config = faultWorkerConfig({
      redisUrl,
      prefix,
      smtpPort: port,
      feeds: farmFeeds(farm, FEEDS),
      digestCron: '*/2 * * * * *',
      worker: { attempts: 2, backoff: '200ms' },
    });
    const worker = await startWorkerProcess(config);
    cleanups.push(() => worker.kill('SIGTERM'));

    // The outage starts once the first digest is out and items are still being matched.
    await until(() => messages.length > 0, 30_000, 'the first digest');
    await smtp.close();
    smtp = null;
    const deliveredBefore = messages.length;
    await probe.drained(itemKeys.length, 60_000);
    // Matches made during the outage are stuck: pending, or frozen in an open digest.
    await sleep(5_000);
    expect((await probe.pending()) > 0 || (await probe.openDigest())).toBe(true);
    expect(messages.length).toBe(deliveredBefore);
    expect(worker.logs.some((line) => line.includes('"queue":"notify"') && line.includes('job failed'))).toBe(true);

    smtp = await startSmtpOn(port, messages);
    await probe.allDelivered(30_000);
    await sleep(3_000);
    const delivery = checkDelivery(messages, farm.origin, expected);
    expect(delivery.digests).toBeGreaterThanOrEqual(2);
    expect(delivery.missing).toEqual([]);
    expect(delivery.repeated).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    for (const queue of ['fetch', 'extract', 'match'] as const) expect(await probe.completedTwice(queue)).toEqual([]);
    expect(await worker.kill('SIGTERM')).toBe(0);
  }, TIMEOUT_MS);
});
