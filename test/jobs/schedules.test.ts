import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { closeQueues, createQueues, type Queues } from '../../src/jobs/queues.ts';
import { syncSchedules } from '../../src/jobs/schedules.ts';
import { connectionOptions } from '../../src/store/connection.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
let prefix: string;
let queues: Queues;

beforeEach(async () => {
  prefix = uniquePrefix('sched');
  queues = createQueues(connectionOptions(testRedisUrl()), prefix, 3, 1000);
  return async () => {
    await closeQueues(queues);
    await deleteKeys(redis, prefix);
  };
});

afterAll(() => redis.quit());

function config(feeds: { id: string; interval?: string }[], groups: string[]) {
  return parseConfig(
    {
      topics: [{ id: 't', name: 'T', query: 'x' }],
      feeds: feeds.map((feed) => ({ ...feed, url: `https://example.org/${feed.id}.xml` })),
      groups: groups.map((id) => ({ id, to: [`${id}@example.org`], schedule: { cron: '0 7 * * *', tz: 'Europe/Paris' } })),
    },
    'test',
    {},
  );
}

describe('schedule sync', () => {
  it('is idempotent when two workers start at once: one scheduler per feed and group', async () => {
    const wanted = config([{ id: 'a', interval: '5m' }, { id: 'b' }], ['analysts']);
    await Promise.all([syncSchedules(wanted, queues), syncSchedules(wanted, queues), syncSchedules(wanted, queues)]);
    const polls = await queues.poll.getJobSchedulers(0, -1);
    expect(polls.map((entry) => entry.key).sort()).toEqual(['poll-a', 'poll-b']);
    expect(polls.find((entry) => entry.key === 'poll-a')?.every).toBe(5 * 60_000);
    expect(polls.find((entry) => entry.key === 'poll-b')?.every).toBe(15 * 60_000);
    const digests = await queues.notify.getJobSchedulers(0, -1);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ key: 'digest-analysts', pattern: '0 7 * * *', tz: 'Europe/Paris' });
    // Exactly one pending poll job per feed, not one per start.
    expect((await queues.poll.getDelayedCount()) + (await queues.poll.getWaitingCount())).toBe(2);
  });

  it('removes the schedules of feeds and groups that left the config, and applies new intervals', async () => {
    await syncSchedules(config([{ id: 'a' }, { id: 'b' }], ['analysts', 'desk']), queues);
    const result = await syncSchedules(config([{ id: 'a', interval: '1h' }], ['analysts']), queues);
    expect(result.removed.sort()).toEqual(['digest-desk', 'poll-b']);
    const polls = await queues.poll.getJobSchedulers(0, -1);
    expect(polls.map((entry) => [entry.key, entry.every])).toEqual([['poll-a', 3_600_000]]);
  });
});
