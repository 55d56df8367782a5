/**
 * Every Redis key vigil writes, in one place. All share the configured prefix, which carries a
 * Redis Cluster hash tag ("{vigil}") so vigil's keys and BullMQ's land in one slot.
 * vigil's own keys live under "<prefix>:store:" so they can never meet BullMQ's "<prefix>:<queue>:<jobId>"
 * (a job id is an item key, and one queue is called "match"). Lifetimes: docs/architecture.md.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** Marker that an item was already enqueued; TTL = retention.seen. */
  seen(itemKey: string): string {
    return `${this.prefix}:store:seen:${itemKey}`;
  }

  /** Raw page HTML between the fetch and extract steps; short TTL. */
  html(itemKey: string): string {
    return `${this.prefix}:store:html:${itemKey}`;
  }

  /** The item with its extracted body (JSON); TTL = retention.bodies. */
  item(itemKey: string): string {
    return `${this.prefix}:store:item:${itemKey}`;
  }

  /** Topic matches of an item (JSON); TTL = retention.bodies. */
  match(itemKey: string): string {
    return `${this.prefix}:store:match:${itemKey}`;
  }

  /** Sorted set of item keys matched for a group and not yet delivered, scored by match time. */
  pending(groupId: string): string {
    return `${this.prefix}:store:pending:${groupId}`;
  }

  /** Every stored match by match time (item key → ms), for the console's list; trimmed to retention.bodies. */
  matchesByTime(): string {
    return `${this.prefix}:store:matches`;
  }

  /** The same index for one topic. */
  matchesByTopic(topicId: string): string {
    return `${this.prefix}:store:matches-topic:${topicId}`;
  }

  /** The same index for one feed. */
  matchesByFeed(feedId: string): string {
    return `${this.prefix}:store:matches-feed:${feedId}`;
  }

  /** Item keys delivered to a group (item key → delivery ms), by digest or by alert. */
  delivered(channel: 'digest' | 'alert', groupId: string): string {
    return `${this.prefix}:store:delivered-${channel}:${groupId}`;
  }

  /** A feed's polls of the last day (member "<ms>:<outcome>", score ms), for "polls in 24 h". */
  feedPolls(feedId: string): string {
    return `${this.prefix}:store:feed-polls:${feedId}`;
  }

  /** Hash with a feed's HTTP validators and health. */
  feed(feedId: string): string {
    return `${this.prefix}:store:feed:${feedId}`;
  }

  /** The digest being delivered for a group (its frozen item list), until one send succeeds. */
  openDigest(groupId: string): string {
    return `${this.prefix}:store:digest-open:${groupId}`;
  }

  /** List of delivered digests of a group (newest first, capped). */
  digestLog(groupId: string): string {
    return `${this.prefix}:store:digest-log:${groupId}`;
  }

  /** Held while a digest for the group is being built and sent, so two workers never send it twice. */
  digestLock(groupId: string): string {
    return `${this.prefix}:store:digest-lock:${groupId}`;
  }

  /** Sorted set of recent matches of a topic (for volume alerts), scored by match time. */
  topicHits(topicId: string): string {
    return `${this.prefix}:store:topic-hits:${topicId}`;
  }

  /** Present while a topic's alert is cooling down; TTL = alert.cooldown. */
  alertCooldown(topicId: string): string {
    return `${this.prefix}:store:alert-cooldown:${topicId}`;
  }

  /** Prefix of the per-host politeness state shared by all workers (leases, next start, pauses). */
  hostLimits(): string {
    return `${this.prefix}:store:host`;
  }

  /** Record of a sent alert (idempotency key); TTL = retention.bodies. */
  alertSent(alertId: string): string {
    return `${this.prefix}:store:alert-sent:${alertId}`;
  }
}
