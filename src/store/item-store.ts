import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';
import type { StoredItem, StoredMatch } from './records.ts';

/** Raw HTML only has to survive from the fetch step to the extract step (including retries). */
const HTML_TTL_MS = 24 * 3_600_000;

export interface Retention {
  seenMs: number;
  bodiesMs: number;
  unmatchedMs: number;
}

/** Items, their bodies and matches. Everything here expires: Redis stays bounded. */
export class ItemStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly retention: Retention,
  ) {}

  /** The keys among itemKeys that were never enqueued before. */
  async filterUnseen(itemKeys: string[]): Promise<string[]> {
    if (itemKeys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of itemKeys) pipeline.exists(this.keys.seen(key));
    const results = (await pipeline.exec()) ?? [];
    return itemKeys.filter((_, index) => results[index]?.[1] === 0);
  }

  async markSeen(itemKeys: string[]): Promise<void> {
    if (itemKeys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of itemKeys) pipeline.set(this.keys.seen(key), '1', 'PX', this.retention.seenMs);
    await pipeline.exec();
  }

  async saveHtml(itemKey: string, html: string): Promise<void> {
    await this.redis.set(this.keys.html(itemKey), html, 'PX', HTML_TTL_MS);
  }

  async loadHtml(itemKey: string): Promise<string | null> {
    return this.redis.get(this.keys.html(itemKey));
  }

  async deleteHtml(itemKey: string): Promise<void> {
    await this.redis.del(this.keys.html(itemKey));
  }

  async saveItem(item: StoredItem): Promise<void> {
    await this.redis.set(this.keys.item(item.itemKey), JSON.stringify(item), 'PX', this.retention.bodiesMs);
  }

  /** An item that matched nothing is only kept briefly (for inspection); matched ones keep the full retention. */
  async expireUnmatched(itemKey: string): Promise<void> {
    await this.redis.pexpire(this.keys.item(itemKey), this.retention.unmatchedMs);
  }

  async loadItem(itemKey: string): Promise<StoredItem | null> {
    const raw = await this.redis.get(this.keys.item(itemKey));
    return raw ? (JSON.parse(raw) as StoredItem) : null;
  }

  async loadItems(itemKeys: string[]): Promise<Map<string, StoredItem>> {
    return this.loadMany(itemKeys, (key) => this.keys.item(key));
  }

  /**
   * Stores an item's matches and files it in the match-time indexes (all, per topic, per feed) that the
   * console pages through. Index entries older than the retention are trimmed here, so they stay bounded.
   */
  async saveMatch(match: StoredMatch): Promise<void> {
    const at = Date.parse(match.matchedAt);
    const indexes = [
      this.keys.matchesByTime(),
      ...match.matches.map((topic) => this.keys.matchesByTopic(topic.topicId)),
      ...(match.feedId === undefined ? [] : [this.keys.matchesByFeed(match.feedId)]),
    ];
    const transaction = this.redis.multi().set(this.keys.match(match.itemKey), JSON.stringify(match), 'PX', this.retention.bodiesMs);
    for (const index of indexes) {
      transaction
        .zadd(index, at, match.itemKey)
        .zremrangebyscore(index, '-inf', at - this.retention.bodiesMs)
        .pexpire(index, this.retention.bodiesMs);
    }
    await transaction.exec();
  }

  async loadMatch(itemKey: string): Promise<StoredMatch | null> {
    const raw = await this.redis.get(this.keys.match(itemKey));
    return raw ? (JSON.parse(raw) as StoredMatch) : null;
  }

  async loadMatches(itemKeys: string[]): Promise<Map<string, StoredMatch>> {
    return this.loadMany(itemKeys, (key) => this.keys.match(key));
  }

  private async loadMany<T>(itemKeys: string[], keyOf: (itemKey: string) => string): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (itemKeys.length === 0) return found;
    const values = await this.redis.mget(itemKeys.map(keyOf));
    itemKeys.forEach((key, index) => {
      const raw = values[index];
      if (raw) found.set(key, JSON.parse(raw) as T);
    });
    return found;
  }
}
