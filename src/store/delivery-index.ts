import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';

/** How long "delivered to …" is remembered per item: longer than any item is kept by default (retention.bodies, 14 d). */
export const DELIVERY_HISTORY_MS = 90 * 86_400_000;

export type DeliveryChannel = 'digest' | 'alert';

export interface Delivery {
  channel: DeliveryChannel;
  groupId: string;
  at: string;
}

/**
 * Where each item went: per group and channel, a sorted set of item keys scored by delivery time.
 * Digests write theirs inside `DigestLedger.markDelivered`; alerts through `recordAlert`.
 */
export class DeliveryIndex {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Notes that an alert carrying these items reached these groups. */
  async recordAlert(groupIds: readonly string[], itemKeys: readonly string[], at: Date): Promise<void> {
    if (groupIds.length === 0 || itemKeys.length === 0) return;
    const transaction = this.redis.multi();
    for (const groupId of groupIds) {
      const key = this.keys.delivered('alert', groupId);
      transaction
        .zadd(key, ...itemKeys.flatMap((itemKey) => [at.getTime(), itemKey]))
        .zremrangebyscore(key, '-inf', at.getTime() - DELIVERY_HISTORY_MS)
        .pexpire(key, DELIVERY_HISTORY_MS);
    }
    await transaction.exec();
  }

  /** The deliveries of each item to these groups, in one round trip (a page of the console). */
  async lookup(itemKeys: readonly string[], groupIds: readonly string[]): Promise<Map<string, Delivery[]>> {
    const found = new Map<string, Delivery[]>(itemKeys.map((itemKey) => [itemKey, []]));
    if (itemKeys.length === 0 || groupIds.length === 0) return found;
    const probes = groupIds.flatMap((groupId) => (['digest', 'alert'] as const).map((channel) => ({ channel, groupId })));
    const pipeline = this.redis.pipeline();
    for (const probe of probes) pipeline.zmscore(this.keys.delivered(probe.channel, probe.groupId), ...itemKeys);
    const replies = (await pipeline.exec()) ?? [];
    probes.forEach((probe, probeIndex) => {
      const scores = (replies[probeIndex]?.[1] ?? []) as (string | null)[];
      itemKeys.forEach((itemKey, index) => {
        const score = scores[index];
        if (score === null || score === undefined) return;
        found.get(itemKey)?.push({ channel: probe.channel, groupId: probe.groupId, at: new Date(Number(score)).toISOString() });
      });
    });
    for (const deliveries of found.values()) deliveries.sort((a, b) => a.at.localeCompare(b.at));
    return found;
  }
}
