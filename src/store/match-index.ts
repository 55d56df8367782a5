import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';

export interface MatchQuery {
  topicId?: string | undefined;
  feedId?: string | undefined;
  /** Matched at or after this time (ms). */
  from?: number | undefined;
  /** Matched at or before this time (ms). */
  to?: number | undefined;
  offset: number;
  limit: number;
}

export interface IndexedMatch {
  itemKey: string;
  matchedAt: number;
}

export interface MatchPage {
  entries: IndexedMatch[];
  /** How many matches the filters select, across all pages. */
  total: number;
}

function pairs(reply: string[]): IndexedMatch[] {
  const entries: IndexedMatch[] = [];
  for (let index = 0; index + 1 < reply.length; index += 2) {
    entries.push({ itemKey: reply[index] ?? '', matchedAt: Number(reply[index + 1]) });
  }
  return entries;
}

/**
 * Reads the match-time indexes that `ItemStore.saveMatch` writes: newest first, by topic, feed and
 * time range, a page at a time. One filter is a single ZRANGE; topic and feed together walk the
 * smaller of the two sets and keep the members the other one holds.
 */
export class MatchIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async page(query: MatchQuery): Promise<MatchPage> {
    const max = query.to === undefined ? '+inf' : String(query.to);
    const min = query.from === undefined ? '-inf' : String(query.from);
    const sets: string[] = [];
    if (query.topicId !== undefined) sets.push(this.keys.matchesByTopic(query.topicId));
    if (query.feedId !== undefined) sets.push(this.keys.matchesByFeed(query.feedId));
    const [first, second] = sets.length > 0 ? sets : [this.keys.matchesByTime()];
    if (first === undefined) return { entries: [], total: 0 };
    if (second === undefined) {
      const [total, reply] = await Promise.all([
        this.redis.zcount(first, min, max),
        this.redis.zrange(first, max, min, 'BYSCORE', 'REV', 'LIMIT', query.offset, query.limit, 'WITHSCORES'),
      ]);
      return { entries: pairs(reply), total };
    }
    const [firstSize, secondSize] = await Promise.all([this.redis.zcard(first), this.redis.zcard(second)]);
    const [walked, probed] = firstSize <= secondSize ? [first, second] : [second, first];
    const candidates = pairs(await this.redis.zrange(walked, max, min, 'BYSCORE', 'REV', 'WITHSCORES'));
    if (candidates.length === 0) return { entries: [], total: 0 };
    const present = await this.redis.zmscore(probed, ...candidates.map((entry) => entry.itemKey));
    const both = candidates.filter((_, index) => present[index] !== null);
    return { entries: both.slice(query.offset, query.offset + query.limit), total: both.length };
  }
}
