import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { runPollNow } from '../../src/jobs/on-demand.ts';
import { parseConfig } from '../../src/config/load.ts';
import { alertReason } from '../../src/jobs/alert-rules.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp } from '../helpers/smtp.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const ESCAPE_STORY = (n: number) =>
  `<p>Dozens of Islamic State detainees escaped from a prison in northeast Syria on night ${n} after militants stormed the gate, ` +
  `officials said. Guards were overwhelmed and the jailbreak is the largest since the group lost its territory.</p>`.repeat(4);

/** A feed whose items are all strong detainee-escape stories; `count` can grow between polls. */
async function startEscapeFeed(): Promise<{ url: string; setCount(count: number): void; server: Server }> {
  let count = 1;
  const server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const match = /^\/story-(\d+)$/.exec(request.url ?? '');
    if (match) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<html><body><article><h1>Jailbreak ${match[1]}</h1>${ESCAPE_STORY(Number(match[1]))}</article></body></html>`);
      return;
    }
    const items = Array.from({ length: count }, (_, index) => index + 1)
      .map(
        (n) =>
          `<item><title>IS detainees escape Syrian prison in jailbreak ${n}</title><link>${base}/story-${n}</link><guid>${base}/story-${n}</guid><description>Islamic State prisoners escaped after an attack on the prison.</description></item>`,
      )
      .join('');
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Escapes</title><link>${base}/</link>${items}</channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`, setCount: (next) => (count = next), server };
}

describe('alert thresholds', () => {
  it('fires on one strong item or on volume, never below both thresholds', () => {
    const alert = parseConfig(
      { topics: [{ id: 't', name: 'T', query: 'x', alert: { minScore: 20, minMatches: 5, window: '6h', cooldown: '12h' } }] },
      'test',
      {},
    ).topics[0]?.alert;
    if (!alert) throw new Error('alert config missing');
    expect(alertReason(alert, 25, 1)).toBe('an item scored 25 (threshold 20)');
    expect(alertReason(alert, 3, 5)).toBe('5 matches within 6h (threshold 5)');
    expect(alertReason(alert, 19, 4)).toBeNull();
  });

  it('sends one alert per crossing to the groups following the topic, then stays quiet for the cooldown', async () => {
    const redis = new Redis(testRedisUrl());
    const smtp = await startTestSmtp();
    const feed = await startEscapeFeed();
    const prefix = uniquePrefix('alerts');
    const config = testConfig({
      prefix,
      smtpPort: smtp.port,
      feeds: [{ id: 'escapes', url: feed.url, conditionalGet: false }],
      groups: [
        { id: 'analysts', to: ['analysts@example.org'] },
        { id: 'escapes-desk', to: ['desk@example.org'], topics: ['detainee-escapes'] },
        { id: 'sahel-desk', to: ['sahel@example.org'], topics: ['relocation-regions'] },
      ],
    });
    const runtime = testRuntime(config);
    cleanups.push(
      () => redis.quit(),
      () => smtp.close(),
      () => new Promise((resolve) => feed.server.close(resolve)),
      () => deleteKeys(redis, prefix),
      () => runtime.close(),
    );

    const first = await runPollNow(runtime, ['escapes'], { timeoutMs: 60_000 });
    expect(first.matched.map((item) => item.topics.map((topic) => topic.id))).toEqual([['detainee-escapes']]);
    expect(first.alerts.map((alert) => alert.topicId)).toEqual(['detainee-escapes']);
    const alerts = smtp.messages.filter((message) => message.subject?.startsWith('vigil alert'));
    expect(alerts.map((message) => (message.to && 'text' in message.to ? message.to.text : '')).sort()).toEqual(['analysts@example.org', 'desk@example.org']);

    feed.setCount(4);
    const second = await runPollNow(runtime, ['escapes'], { timeoutMs: 60_000 });
    expect(second.newItems).toBe(3);
    expect(second.alerts).toEqual([]);
    expect(smtp.messages.filter((message) => message.subject?.startsWith('vigil alert'))).toHaveLength(2);
    // The cooldown key holds the quiet period; the matches still wait for the digest.
    expect(await redis.pttl(new RedisKeys(prefix).alertCooldown('detainee-escapes'))).toBeGreaterThan(11 * 3_600_000);
    expect(await runtime.context.ledger.pendingCount('escapes-desk')).toBe(4);
    expect(await runtime.context.ledger.pendingCount('sahel-desk')).toBe(0);
  });
});
