import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

export { deleteByPrefix as deleteKeys } from '../../src/store/delete-prefix.ts';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix no other test uses; wrapped in braces like vigil's own so cluster hash tags are exercised. */
export function uniquePrefix(label = 'test'): string {
  return `{vigil-${label}-${randomUUID().slice(0, 8)}}`;
}
