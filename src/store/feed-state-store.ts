import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';
import type { FeedState } from './records.ts';

/** Failing feeds wait longer and longer, but are never silently dropped: at most a day between tries. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** Consecutive permanent errors (404, 410, not a feed) before a feed is disabled, with the reason shown in status. */
export const PERMANENT_ERRORS_TO_DISABLE = 3;

export interface FailureInfo {
  message: string;
  permanent: boolean;
  retryAfterSeconds: number | null;
}

function parseState(hash: Record<string, string>): FeedState {
  return {
    etag: hash.etag || null,
    lastModified: hash.lastModified || null,
    lastPollAt: hash.lastPollAt || null,
    lastSuccessAt: hash.lastSuccessAt || null,
    lastError: hash.lastError || null,
    consecutiveErrors: Number(hash.consecutiveErrors ?? 0),
    itemsSeen: Number(hash.itemsSeen ?? 0),
    itemsSkipped: Number(hash.itemsSkipped ?? 0),
    nextPollAfter: hash.nextPollAfter || null,
    disabledReason: hash.disabledReason || null,
  };
}

/** Delay before the next try after `errors` consecutive failures of a feed polled every intervalMs. */
export function backoffDelay(intervalMs: number, errors: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, errors - 1));
}

export class FeedStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async get(feedId: string): Promise<FeedState> {
    return parseState(await this.redis.hgetall(this.keys.feed(feedId)));
  }

  async recordSuccess(
    feedId: string,
    result: { etag: string | null; lastModified: string | null; newItems: number; skippedItems?: number; now: Date },
  ): Promise<void> {
    const key = this.keys.feed(feedId);
    const at = result.now.toISOString();
    await this.redis
      .multi()
      .hset(key, {
        etag: result.etag ?? '',
        lastModified: result.lastModified ?? '',
        lastPollAt: at,
        lastSuccessAt: at,
        lastError: '',
        consecutiveErrors: 0,
        nextPollAfter: '',
        disabledReason: '',
        // Permanent errors count only in a row: a feed that answers between two 404s is alive.
        permanentErrors: 0,
      })
      .hincrby(key, 'itemsSeen', result.newItems)
      .hincrby(key, 'itemsSkipped', result.skippedItems ?? 0)
      .exec();
  }

  /**
   * Records a failed poll; returns the state after it (with the backoff and, maybe, the disabling).
   * `failedAt` is when the poll gave up (a slow server can take a while), `polledAt` when it began.
   */
  async recordFailure(feedId: string, failure: FailureInfo, intervalMs: number, times: { polledAt: Date; failedAt: Date }): Promise<FeedState> {
    const key = this.keys.feed(feedId);
    const errors = await this.redis.hincrby(key, 'consecutiveErrors', 1);
    const permanentErrors = failure.permanent ? await this.redis.hincrby(key, 'permanentErrors', 1) : 0;
    if (!failure.permanent) await this.redis.hset(key, 'permanentErrors', 0);
    const waitMs = Math.max(backoffDelay(intervalMs, errors), (failure.retryAfterSeconds ?? 0) * 1000);
    const failedAt = times.failedAt.toISOString();
    const fields: Record<string, string> = {
      lastPollAt: times.polledAt.toISOString(),
      lastError: `${failedAt} ${failure.message}`,
      nextPollAfter: new Date(times.failedAt.getTime() + waitMs).toISOString(),
    };
    if (permanentErrors >= PERMANENT_ERRORS_TO_DISABLE) {
      fields.disabledReason = `disabled after ${permanentErrors} permanent errors in a row; last: ${failure.message}`;
    }
    await this.redis.hset(key, fields);
    return this.get(feedId);
  }

  /**
   * A poll that never asked the server (its host asked everyone to wait): not a failure of the
   * feed, so no error is counted; the next poll waits until `until`, unless it already waits longer.
   */
  async postpone(feedId: string, until: Date): Promise<void> {
    const key = this.keys.feed(feedId);
    const current = await this.redis.hget(key, 'nextPollAfter');
    if (current && new Date(current) >= until) return;
    await this.redis.hset(key, 'nextPollAfter', until.toISOString());
  }

  /** Forget validators and health (when a user re-enables a feed). */
  async reset(feedId: string): Promise<void> {
    await this.redis.del(this.keys.feed(feedId));
  }

  /** How many of these feeds have any recorded state (0 on a Redis that has never seen this deployment). */
  async countKnown(feedIds: readonly string[]): Promise<number> {
    if (feedIds.length === 0) return 0;
    return this.redis.exists(...feedIds.map((feedId) => this.keys.feed(feedId)));
  }
}
