import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DELIVERY_HISTORY_MS } from './delivery-index.ts';
import type { RedisKeys } from './keys.ts';

/** A digest whose items are frozen until one send succeeds; retries resend exactly this. */
export interface OpenDigest {
  id: string;
  groupId: string;
  createdAt: string;
  itemKeys: string[];
  /** Stable across retries so a receiving side that dedupes on Message-ID shows one copy. */
  messageId: string;
}

export interface DeliveredDigest {
  id: string;
  groupId: string;
  createdAt: string;
  deliveredAt: string;
  items: number;
  messageId: string;
  response: string;
  /** The subject as sent (absent on digests logged before it was kept). */
  subject?: string;
}

const DIGEST_LOG_LENGTH = 100;
const RETAKE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 else return 0 end`;
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The ledger behind "each matched item arrives in exactly one digest": items wait in a per-group
 * pending set; a digest freezes a snapshot of it, and only a successful send removes exactly
 * those items. Matches that arrive meanwhile stay pending for the next digest.
 */
export class DigestLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async addPending(groupIds: string[], itemKey: string, at: Date): Promise<void> {
    if (groupIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const groupId of groupIds) pipeline.zadd(this.keys.pending(groupId), 'NX', at.getTime(), itemKey);
    await pipeline.exec();
  }

  async pendingCount(groupId: string): Promise<number> {
    return this.redis.zcard(this.keys.pending(groupId));
  }

  async pendingKeys(groupId: string): Promise<string[]> {
    return this.redis.zrange(this.keys.pending(groupId), 0, -1);
  }

  async openDigest(groupId: string): Promise<OpenDigest | null> {
    const raw = await this.redis.get(this.keys.openDigest(groupId));
    return raw ? (JSON.parse(raw) as OpenDigest) : null;
  }

  /** The open digest of a group if a previous attempt left one, else a new one over everything pending (null if nothing is). */
  async openOrCreate(groupId: string, now: Date): Promise<OpenDigest | null> {
    const existing = await this.openDigest(groupId);
    if (existing) return existing;
    const itemKeys = await this.pendingKeys(groupId);
    if (itemKeys.length === 0) return null;
    const id = `${now.toISOString().replace(/[:.]/g, '')}-${randomUUID().slice(0, 8)}`;
    const digest: OpenDigest = {
      id,
      groupId,
      createdAt: now.toISOString(),
      itemKeys,
      messageId: `<digest-${groupId}-${id}@vigil>`,
    };
    await this.redis.set(this.keys.openDigest(groupId), JSON.stringify(digest));
    return digest;
  }

  /**
   * After a successful send: the items leave pending, the digest enters the log and each item is noted as
   * delivered to the group (what the console shows beside it), atomically.
   */
  async markDelivered(digest: OpenDigest, response: string, now: Date, subject?: string): Promise<void> {
    const delivered: DeliveredDigest = {
      id: digest.id,
      groupId: digest.groupId,
      createdAt: digest.createdAt,
      deliveredAt: now.toISOString(),
      items: digest.itemKeys.length,
      messageId: digest.messageId,
      response,
      ...(subject === undefined ? {} : { subject }),
    };
    const transaction = this.redis.multi();
    if (digest.itemKeys.length > 0) {
      const delivered = this.keys.delivered('digest', digest.groupId);
      transaction
        .zrem(this.keys.pending(digest.groupId), ...digest.itemKeys)
        .zadd(delivered, ...digest.itemKeys.flatMap((itemKey) => [now.getTime(), itemKey]))
        .zremrangebyscore(delivered, '-inf', now.getTime() - DELIVERY_HISTORY_MS)
        .pexpire(delivered, DELIVERY_HISTORY_MS);
    }
    transaction
      .del(this.keys.openDigest(digest.groupId))
      .lpush(this.keys.digestLog(digest.groupId), JSON.stringify(delivered))
      .ltrim(this.keys.digestLog(digest.groupId), 0, DIGEST_LOG_LENGTH - 1);
    await transaction.exec();
  }

  async deliveredDigests(groupId: string, limit = 10): Promise<DeliveredDigest[]> {
    const raw = await this.redis.lrange(this.keys.digestLog(groupId), 0, limit - 1);
    return raw.map((entry) => JSON.parse(entry) as DeliveredDigest);
  }

  /**
   * A per-group lock so two workers never build the same group's digest at once. The owner is the
   * job id: a job re-run after its worker died takes its own lock back instead of waiting it out.
   * Returns the release function, or null when another job holds the lock.
   */
  async lock(groupId: string, ttlMs: number, owner: string): Promise<(() => Promise<void>) | null> {
    const key = this.keys.digestLock(groupId);
    const acquired = await this.redis.set(key, owner, 'PX', ttlMs, 'NX');
    if (acquired !== 'OK') {
      const retaken = await this.redis.eval(RETAKE_LOCK, 1, key, owner, ttlMs);
      if (retaken !== 1) return null;
    }
    return async () => {
      await this.redis.eval(RELEASE_LOCK, 1, key, owner);
    };
  }
}
