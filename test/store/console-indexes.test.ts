import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { TopicMatch } from '../../src/matching/types.ts';
import { DeliveryIndex } from '../../src/store/delivery-index.ts';
import { DigestLedger } from '../../src/store/digest-ledger.ts';
import { FeedStateStore } from '../../src/store/feed-state-store.ts';
import { ItemStore } from '../../src/store/item-store.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { MatchIndex } from '../../src/store/match-index.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
const DAY = 86_400_000;
let prefix: string;
let keys: RedisKeys;
let items: ItemStore;

beforeEach(async () => {
  prefix = uniquePrefix('console-indexes');
  keys = new RedisKeys(prefix);
  items = new ItemStore(redis, keys, { seenMs: 90 * DAY, bodiesMs: 14 * DAY, unmatchedMs: DAY });
  return () => deleteKeys(redis, prefix);
});

afterAll(() => redis.quit());

function topic(topicId: string): TopicMatch {
  return { topicId, score: 3, terms: [], hits: [], clauses: [] };
}

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Item `n` matched at T0 + n hours, in feed a (even n) or b (odd n), topic x always and topic y when n % 3 == 0. */
async function seed(count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    await items.saveMatch({
      itemKey: `k${n}`,
      feedId: n % 2 === 0 ? 'a' : 'b',
      matchedAt: new Date(T0 + n * 3_600_000).toISOString(),
      matches: n % 3 === 0 ? [topic('x'), topic('y')] : [topic('x')],
      sketch: '',
    });
  }
}

describe('match-time index', () => {
  it('pages every match newest first with the total', async () => {
    await seed(10);
    const index = new MatchIndex(redis, keys);
    const first = await index.page({ offset: 0, limit: 4 });
    expect(first.total).toBe(10);
    expect(first.entries.map((entry) => entry.itemKey)).toEqual(['k9', 'k8', 'k7', 'k6']);
    expect(first.entries[0]?.matchedAt).toBe(T0 + 9 * 3_600_000);
    const last = await index.page({ offset: 8, limit: 4 });
    expect(last.entries.map((entry) => entry.itemKey)).toEqual(['k1', 'k0']);
  });

  it('filters by topic, by feed, by both and by time range', async () => {
    await seed(10);
    const index = new MatchIndex(redis, keys);
    const ids = async (query: Parameters<MatchIndex['page']>[0]) => (await index.page(query)).entries.map((entry) => entry.itemKey);
    expect(await ids({ topicId: 'y', offset: 0, limit: 50 })).toEqual(['k9', 'k6', 'k3', 'k0']);
    expect(await ids({ feedId: 'b', offset: 0, limit: 50 })).toEqual(['k9', 'k7', 'k5', 'k3', 'k1']);
    expect(await ids({ topicId: 'y', feedId: 'a', offset: 0, limit: 50 })).toEqual(['k6', 'k0']);
    expect(await index.page({ topicId: 'y', feedId: 'b', offset: 1, limit: 1 })).toEqual({
      entries: [{ itemKey: 'k3', matchedAt: T0 + 3 * 3_600_000 }],
      total: 2,
    });
    expect(await ids({ from: T0 + 2 * 3_600_000, to: T0 + 5 * 3_600_000, offset: 0, limit: 50 })).toEqual(['k5', 'k4', 'k3', 'k2']);
    expect(await ids({ topicId: 'x', feedId: 'a', from: T0 + 3 * 3_600_000, offset: 0, limit: 50 })).toEqual(['k8', 'k6', 'k4']);
    expect(await index.page({ topicId: 'nothing', offset: 0, limit: 5 })).toEqual({ entries: [], total: 0 });
  });

  it('drops entries older than the retention as new matches arrive', async () => {
    await items.saveMatch({ itemKey: 'old', feedId: 'a', matchedAt: new Date(T0).toISOString(), matches: [topic('x')], sketch: '' });
    await items.saveMatch({ itemKey: 'new', feedId: 'a', matchedAt: new Date(T0 + 15 * DAY).toISOString(), matches: [topic('x')], sketch: '' });
    const index = new MatchIndex(redis, keys);
    for (const query of [{}, { topicId: 'x' }, { feedId: 'a' }]) {
      expect((await index.page({ ...query, offset: 0, limit: 5 })).entries.map((entry) => entry.itemKey)).toEqual(['new']);
    }
    expect(await redis.pttl(keys.matchesByTopic('x'))).toBeGreaterThan(13 * DAY);
  });
});

describe('deliveries', () => {
  it('notes each item of a delivered digest for its group, and the subject, atomically with the log', async () => {
    const ledger = new DigestLedger(redis, keys);
    const at = new Date('2026-03-02T07:00:00Z');
    await ledger.addPending(['analysts'], 'k1', at);
    await ledger.addPending(['analysts'], 'k2', at);
    const digest = await ledger.openOrCreate('analysts', at);
    if (!digest) throw new Error('expected a digest');
    await ledger.markDelivered(digest, '250 OK', at, 'vigil: 2 new');
    const [logged] = await ledger.deliveredDigests('analysts', 1);
    expect(logged).toMatchObject({ items: 2, subject: 'vigil: 2 new' });
    const deliveries = new DeliveryIndex(redis, keys);
    await deliveries.recordAlert(['analysts', 'desk'], ['k2'], new Date('2026-03-01T12:00:00Z'));
    const found = await deliveries.lookup(['k1', 'k2', 'k3'], ['analysts', 'desk']);
    expect(found.get('k1')).toEqual([{ channel: 'digest', groupId: 'analysts', at: '2026-03-02T07:00:00.000Z' }]);
    expect(found.get('k2')).toEqual([
      { channel: 'alert', groupId: 'analysts', at: '2026-03-01T12:00:00.000Z' },
      { channel: 'alert', groupId: 'desk', at: '2026-03-01T12:00:00.000Z' },
      { channel: 'digest', groupId: 'analysts', at: '2026-03-02T07:00:00.000Z' },
    ]);
    expect(found.get('k3')).toEqual([]);
  });
});

describe('feed activity', () => {
  it('counts polls of the last day, keeps the time of the last new item and disables on request', async () => {
    const feeds = new FeedStateStore(redis, keys);
    const now = Date.parse('2026-03-02T12:00:00Z');
    await feeds.recordSuccess('f', { etag: null, lastModified: null, newItems: 2, now: new Date(now - 30 * 3_600_000) });
    await feeds.recordSuccess('f', { etag: null, lastModified: null, newItems: 3, now: new Date(now - 2 * 3_600_000) });
    await feeds.recordSuccess('f', { etag: null, lastModified: null, newItems: 0, now: new Date(now - 3_600_000) });
    await feeds.recordFailure('f', { message: 'HTTP 500', permanent: false, retryAfterSeconds: null }, 900_000, {
      polledAt: new Date(now - 60_000),
      failedAt: new Date(now - 60_000),
    });
    const counts = await feeds.pollCounts(['f', 'never'], new Date(now - DAY));
    expect(Object.fromEntries(counts)).toEqual({ f: 3, never: 0 });
    const state = (await feeds.getMany(['f', 'never'])).get('f');
    expect(state).toMatchObject({ lastNewItemAt: new Date(now - 2 * 3_600_000).toISOString(), itemsSeen: 5, consecutiveErrors: 1 });
    expect((await feeds.getMany(['never'])).get('never')).toMatchObject({ lastPollAt: null, itemsSeen: 0, lastNewItemAt: null });
    await feeds.disable('f', 'disabled from the console');
    expect((await feeds.get('f')).disabledReason).toBe('disabled from the console');
  });
});
