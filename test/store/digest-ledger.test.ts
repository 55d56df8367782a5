import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DigestLedger } from '../../src/store/digest-ledger.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
let prefix: string;
let ledger: DigestLedger;

beforeEach(async () => {
  prefix = uniquePrefix('ledger');
  ledger = new DigestLedger(redis, new RedisKeys(prefix));
  return () => deleteKeys(redis, prefix);
});

afterAll(() => redis.quit());

describe('digest ledger', () => {
  it('freezes pending items, resumes the same digest after a failed send, and delivers each item once', async () => {
    await ledger.addPending(['analysts'], 'a', new Date(1000));
    await ledger.addPending(['analysts'], 'b', new Date(2000));
    const first = await ledger.openOrCreate('analysts', new Date(3000));
    expect(first?.itemKeys).toEqual(['a', 'b']);

    // A match arriving while the send is retried waits for the next digest.
    await ledger.addPending(['analysts'], 'c', new Date(4000));
    const retried = await ledger.openOrCreate('analysts', new Date(5000));
    expect(retried).toEqual(first);

    if (!retried) throw new Error('expected an open digest');
    await ledger.markDelivered(retried, '250 OK', new Date(6000));
    expect(await ledger.openDigest('analysts')).toBeNull();
    expect(await ledger.pendingKeys('analysts')).toEqual(['c']);
    const next = await ledger.openOrCreate('analysts', new Date(7000));
    expect(next?.itemKeys).toEqual(['c']);
    expect(next?.messageId).not.toEqual(first?.messageId);
    const log = await ledger.deliveredDigests('analysts');
    expect(log.map((entry) => entry.items)).toEqual([2]);
  });

  it('returns null when nothing is pending', async () => {
    expect(await ledger.openOrCreate('empty-group', new Date())).toBeNull();
  });

  it('keeps groups apart', async () => {
    await ledger.addPending(['one', 'two'], 'x', new Date());
    const one = await ledger.openOrCreate('one', new Date());
    if (!one) throw new Error('expected an open digest');
    await ledger.markDelivered(one, 'ok', new Date());
    expect(await ledger.pendingKeys('two')).toEqual(['x']);
  });

  it('lets only one job hold the group lock, and lets a re-run of that job take it back', async () => {
    const release = await ledger.lock('analysts', 10_000, 'job-1');
    expect(release).not.toBeNull();
    expect(await ledger.lock('analysts', 10_000, 'job-2')).toBeNull();
    // job-1's worker died; BullMQ re-runs job-1, which must not wait for its own lock to expire.
    const retaken = await ledger.lock('analysts', 10_000, 'job-1');
    expect(retaken).not.toBeNull();
    await retaken?.();
    const again = await ledger.lock('analysts', 10_000, 'job-2');
    expect(again).not.toBeNull();
    // A stale release by the old holder must not free job-2's lock.
    await release?.();
    expect(await ledger.lock('analysts', 10_000, 'job-3')).toBeNull();
    await again?.();
  });
});
