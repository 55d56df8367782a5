import type { Redis } from 'ioredis';

/** What the console's readiness probe and metrics read of Redis itself. */
export class RedisHealth {
  constructor(private readonly redis: Redis) {}

  ping(): Promise<string> {
    return this.redis.ping();
  }

  /** INFO memory used_memory, or null when Redis does not report it. */
  async usedMemoryBytes(): Promise<number | null> {
    const info = await this.redis.info('memory');
    const used = /^used_memory:(\d+)/m.exec(info)?.[1];
    return used === undefined ? null : Number(used);
  }
}
