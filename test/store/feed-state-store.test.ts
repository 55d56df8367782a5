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
    const at = { polledAt: now, failedAt: now };
    await store.recordFailure('f', { message: 'HTTP 500', permanent: false, retryAfterSeconds: null }, interval, at);
    const after = await store.recordFailure('f', { message: 'HTTP 503', permanent: false, retryAfterSeconds: 7200 }, interval, at);
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
      const now = new Date();
      state = await store.recordFailure('gone', { message: 'HTTP 410 Gone', permanent: true, retryAfterSeconds: null }, interval, {
        polledAt: now,
        failedAt: now,
      });
    }
    expect(state.disabledReason).toMatch(/disabled after 3 permanent errors in a row; last: HTTP 410 Gone/);
  });

  it('counts only permanent errors in a row: a feed answering 404, 200, 404, 200, 404 stays enabled', async () => {
    const notFound = { message: 'HTTP 404', permanent: true, retryAfterSeconds: null };
    let state = await store.get('flaky');
    for (const answer of [404, 200, 404, 200, 404]) {
      const now = new Date();
      if (answer === 200) await store.recordSuccess('flaky', { etag: null, lastModified: null, newItems: 0, now });
      else state = await store.recordFailure('flaky', notFound, interval, { polledAt: now, failedAt: now });
    }
    expect(state.disabledReason).toBeNull();
    expect(state.consecutiveErrors).toBe(1);
  });

  it('records when the poll failed, and backs off from then', async () => {
    const polledAt = new Date('2026-11-27T10:00:00Z');
    const failedAt = new Date('2026-11-27T10:00:40Z');
    const state = await store.recordFailure('slow', { message: 'timed out', permanent: false, retryAfterSeconds: null }, interval, { polledAt, failedAt });
    expect(state.lastPollAt).toBe('2026-11-27T10:00:00.000Z');
    expect(state.lastError).toBe('2026-11-27T10:00:40.000Z timed out');
    expect(state.nextPollAfter).toBe('2026-11-27T10:15:40.000Z');
  });

  it('postpones a feed without counting an error, never bringing its next poll forward', async () => {
    await store.postpone('waiting', new Date('2026-11-27T10:02:00Z'));
    await store.postpone('waiting', new Date('2026-11-27T10:01:00Z'));
    expect(await store.get('waiting')).toMatchObject({ consecutiveErrors: 0, lastError: null, nextPollAfter: '2026-11-27T10:02:00.000Z' });
  });
});
