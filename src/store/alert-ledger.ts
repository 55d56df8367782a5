import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';

/**
 * The state behind threshold alerts: each topic's recent matches (a sorted set trimmed to the
 * alert window, for volume thresholds), its cooldown (one alert per crossing), and which group
 * each alert was already mailed to (so a retried alert job never mails a group twice).
 */
export class AlertLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Counts a match of the topic at `at` and forgets those older than the window; returns the matches left in it. */
  async recordHit(topicId: string, itemKey: string, at: Date, windowMs: number): Promise<number> {
    const key = this.keys.topicHits(topicId);
    const replies = await this.redis
      .multi()
      .zadd(key, at.getTime(), itemKey)
      .zremrangebyscore(key, 0, at.getTime() - windowMs)
      .pexpire(key, windowMs)
      .zcard(key)
      .exec();
    const [, , , count] = replies ?? [];
    return Number(count?.[1] ?? 0);
  }

  /** Item keys of the topic's matches within the window before `now`, oldest first. */
  async hitsInWindow(topicId: string, windowMs: number, now: Date): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.topicHits(topicId), `(${now.getTime() - windowMs}`, '+inf');
  }

  /** Starts the topic's cooldown unless one is running; true when this call started it (so the alert may go out). */
  async startCooldown(topicId: string, cooldownMs: number, now: Date): Promise<boolean> {
    return (await this.redis.set(this.keys.alertCooldown(topicId), now.toISOString(), 'PX', cooldownMs, 'NX')) === 'OK';
  }

  /** Milliseconds of the topic's cooldown left; 0 when none runs. */
  async cooldownLeft(topicId: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.keys.alertCooldown(topicId)));
  }

  async wasSent(alertId: string, groupId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.alertSent(`${alertId}-${groupId}`))) === 1;
  }

  /** Records that the alert went to the group; kept `retentionMs` (as long as the items it names). */
  async markSent(alertId: string, groupId: string, at: Date, retentionMs: number): Promise<void> {
    await this.redis.set(this.keys.alertSent(`${alertId}-${groupId}`), at.toISOString(), 'PX', retentionMs);
  }
}
