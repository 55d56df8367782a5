import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';

/** Delayed jobs vanish under an evicting policy (BullMQ's production guide): warn loudly at start. */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? 'unknown';
    if (policy !== 'noeviction') {
      logger.warn({ policy }, 'Redis maxmemory-policy should be "noeviction", or scheduled and delayed jobs can be evicted');
    }
    return policy;
  } catch {
    // Managed Redis often forbids CONFIG; the check is advisory.
    return null;
  }
}
