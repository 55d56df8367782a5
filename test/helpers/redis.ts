import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix no other test uses; wrapped in braces like vigil's own so cluster hash tags are exercised. */
export function uniquePrefix(label = 'test'): string {
  return `{vigil-${label}-${randomUUID().slice(0, 8)}}`;
}

/** Deletes every key under prefix (BullMQ queues and vigil's own keys alike). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
