import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';
import type { FeedState } from './records.ts';

/** Failing feeds wait longer and longer, but are never silently dropped: at most a day between tries. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** Consecutive permanent errors (404, 410, not a feed) before a feed is disabled, with the reason shown in status. */
export const PERMANENT_ERRORS_TO_DISABLE = 3;

/** How far back "polls in the last day" looks; older poll records are trimmed on every write. */
export const POLL_HISTORY_MS = 24 * 3_600_000;

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
    lastNewItemAt: hash.lastNewItemAt || null,
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

  /** The states of many feeds in one round trip (the console's feeds page, /metrics). */
  async getMany(feedIds: readonly string[]): Promise<Map<string, FeedState>> {
    const states = new Map<string, FeedState>();
    if (feedIds.length === 0) return states;
    const pipeline = this.redis.pipeline();
    for (const feedId of feedIds) pipeline.hgetall(this.keys.feed(feedId));
    const replies = (await pipeline.exec()) ?? [];
    feedIds.forEach((feedId, index) => {
      const [error, hash] = replies[index] ?? [null, {}];
      if (error) throw error;
      states.set(feedId, parseState((hash ?? {}) as Record<string, string>));
    });
    return states;
  }

  /** How many polls (successful or not) each feed had since `since`. */
  async pollCounts(feedIds: readonly string[], since: Date): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (feedIds.length === 0) return counts;
    const pipeline = this.redis.pipeline();
    for (const feedId of feedIds) pipeline.zcount(this.keys.feedPolls(feedId), since.getTime(), '+inf');
    const replies = (await pipeline.exec()) ?? [];
    feedIds.forEach((feedId, index) => {
      counts.set(feedId, Number(replies[index]?.[1] ?? 0));
    });
    return counts;
  }

  /** Stops polling a feed until it is enabled again (`vigil feed enable`, the console's "enable"). */
  async disable(feedId: string, reason: string): Promise<void> {
    await this.redis.hset(this.keys.feed(feedId), 'disabledReason', reason);
  }

  /** Adds one poll to the feed's last-day record (kept a day, trimmed as it goes). */
  private notePoll(transaction: ReturnType<Redis['multi']>, feedId: string, outcome: 'ok' | 'failed', now: Date): void {
    const key = this.keys.feedPolls(feedId);
    transaction
      .zadd(key, now.getTime(), `${now.getTime()}:${outcome}`)
      .zremrangebyscore(key, '-inf', now.getTime() - POLL_HISTORY_MS)
      .pexpire(key, POLL_HISTORY_MS);
  }

  async recordSuccess(
    feedId: string,
    result: { etag: string | null; lastModified: string | null; newItems: number; skippedItems?: number; now: Date },
  ): Promise<void> {
    const key = this.keys.feed(feedId);
    const at = result.now.toISOString();
    const transaction = this.redis.multi();
    if (result.newItems > 0) transaction.hset(key, 'lastNewItemAt', at);
    this.notePoll(transaction, feedId, 'ok', result.now);
    await transaction
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
    const transaction = this.redis.multi().hset(key, fields);
    this.notePoll(transaction, feedId, 'failed', times.failedAt);
    await transaction.exec();
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
