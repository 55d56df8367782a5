import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, FeedStateStore, MAX_BACKOFF_MS, PERMANENT_ERRORS_TO_DISABLE } from '../../src/store/feed-state-store.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
let prefix: string;
let store: FeedStateStore;

beforeEach(async () => {
  prefix = uniquePrefix('feeds');
  store = new FeedStateStore(redis, new RedisKeys(prefix));
  return () => deleteKeys(redis, prefix);
});

afterAll(() => redis.quit());

const interval = 15 * 60_000;

describe('feed health', () => {
  it('doubles the wait after each failure, capped at a day', () => {
    expect(backoffDelay(interval, 1)).toBe(interval);
    expect(backoffDelay(interval, 3)).toBe(4 * interval);
    expect(backoffDelay(interval, 20)).toBe(MAX_BACKOFF_MS);
  });

  it('records failures with backoff and clears them on success', async () => {
    const now = new Date('2026-11-27T10:00:00Z');
    await store.recordFailure('f', { message: 'HTTP 500', permanent: false, retryAfterSeconds: null }, interval, now);
    const after = await store.recordFailure('f', { message: 'HTTP 503', permanent: false, retryAfterSeconds: 7200 }, interval, now);
    expect(after.consecutiveErrors).toBe(2);
    // Retry-After (2 h) beats the backoff (30 min).
    expect(after.nextPollAfter).toBe('2026-11-27T12:00:00.000Z');
    expect(after.lastError).toContain('HTTP 503');
    expect(after.disabledReason).toBeNull();
    await store.recordSuccess('f', { etag: '"v2"', lastModified: null, newItems: 4, now });
    const ok = await store.get('f');
    expect(ok).toMatchObject({ consecutiveErrors: 0, lastError: null, nextPollAfter: null, etag: '"v2"', itemsSeen: 4 });
  });

  it('disables a feed after repeated permanent errors, with the reason', async () => {
    let state = await store.get('gone');
    for (let attempt = 0; attempt < PERMANENT_ERRORS_TO_DISABLE; attempt += 1) {
      state = await store.recordFailure('gone', { message: 'HTTP 410 Gone', permanent: true, retryAfterSeconds: null }, interval, new Date());
    }
    expect(state.disabledReason).toMatch(/disabled after 3 permanent errors; last: HTTP 410 Gone/);
  });
});
