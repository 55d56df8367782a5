import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { outstandingItemJobs, waitForIdle } from '../../src/jobs/drain.ts';
import { closeQueues, createQueues } from '../../src/jobs/queues.ts';
import { connectionOptions } from '../../src/store/connection.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('drain');
const queues = createQueues(connectionOptions(testRedisUrl()), prefix, 2, 1000);

afterAll(async () => {
  await closeQueues(queues);
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('waiting for the pipeline to drain', () => {
  it("ignores the schedulers' next runs but waits for delayed retries of item work", async () => {
    // What a running worker's schedulers leave behind: the next poll and the next digest, delayed.
    await queues.poll.upsertJobScheduler('poll-f', { pattern: '0 0 1 1 *' }, { name: 'poll', data: { feedId: 'f' } });
    await queues.notify.upsertJobScheduler('digest-g', { pattern: '0 7 1 1 *' }, { name: 'digest', data: { kind: 'digest', groupId: 'g' } });
    expect(await queues.poll.getDelayedCount()).toBe(1);
    expect(await queues.notify.getDelayedCount()).toBe(1);
    expect(await outstandingItemJobs(queues)).toBe(0);
    expect(await waitForIdle(queues, 1_000)).toBe(0);

    await queues.fetch.add(
      'fetch',
      { itemKey: 'k', feedId: 'f', item: { guid: 'g', url: null, title: 't', summary: '', contentHtml: null, published: null, author: null } },
      { delay: 60_000 },
    );
    expect(await waitForIdle(queues, 300)).toBe(1);
  });
});
