import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertLedger } from '../../src/store/alert-ledger.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
const HOUR = 3_600_000;
let prefix: string;
let ledger: AlertLedger;

beforeEach(async () => {
  prefix = uniquePrefix('alert-ledger');
  ledger = new AlertLedger(redis, new RedisKeys(prefix));
  return () => deleteKeys(redis, prefix);
});

afterAll(() => redis.quit());

describe('alert ledger', () => {
  it('counts a topic’s matches within the window and forgets older ones', async () => {
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    expect(await ledger.recordHit('escapes', 'a', new Date(start), HOUR)).toBe(1);
    expect(await ledger.recordHit('escapes', 'b', new Date(start + 30 * 60_000), HOUR)).toBe(2);
    // The same item matched again counts once.
    expect(await ledger.recordHit('escapes', 'b', new Date(start + 31 * 60_000), HOUR)).toBe(2);
    // An hour and a minute after the first, "a" has left the window.
    expect(await ledger.recordHit('escapes', 'c', new Date(start + 61 * 60_000), HOUR)).toBe(2);
    expect(await ledger.hitsInWindow('escapes', HOUR, new Date(start + 61 * 60_000))).toEqual(['b', 'c']);
    expect(await ledger.hitsInWindow('other-topic', HOUR, new Date(start))).toEqual([]);
    // The set expires with the window, so quiet topics leave nothing behind.
    expect(await redis.pttl(new RedisKeys(prefix).topicHits('escapes'))).toBeLessThanOrEqual(HOUR);
  });

  it('lets one caller start a cooldown and reports what is left of it', async () => {
    expect(await ledger.cooldownLeft('escapes')).toBe(0);
    expect(await ledger.startCooldown('escapes', 6 * HOUR, new Date())).toBe(true);
    expect(await ledger.startCooldown('escapes', 6 * HOUR, new Date())).toBe(false);
    const left = await ledger.cooldownLeft('escapes');
    expect(left).toBeGreaterThan(5.9 * HOUR);
    expect(left).toBeLessThanOrEqual(6 * HOUR);
    expect(await ledger.startCooldown('other-topic', HOUR, new Date())).toBe(true);
  });

  it('remembers which groups an alert was mailed to', async () => {
    expect(await ledger.wasSent('escapes-1', 'analysts')).toBe(false);
    await ledger.markSent('escapes-1', 'analysts', new Date(), 14 * 24 * HOUR);
    expect(await ledger.wasSent('escapes-1', 'analysts')).toBe(true);
    expect(await ledger.wasSent('escapes-1', 'desk')).toBe(false);
    expect(await ledger.wasSent('escapes-2', 'analysts')).toBe(false);
  });
});
