import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestsNow, runPollNow } from '../../src/jobs/on-demand.ts';
import { startDemoServer } from '../../src/demo/server.ts';
import { previewDigest } from '../../src/jobs/notify.ts';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

/** The demo's answer key: page path → the topics an analyst would file it under. */
const answerKey = JSON.parse(readFileSync('demo/expected.json', 'utf8')) as Record<string, string[]>;

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('pipeline');
let smtp: TestSmtp;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let runtime: Runtime;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startDemoServer({ port: 0 });
  // The wire feed ignores validators, so its second poll re-reads every item and must skip them as seen.
  const feeds: { id: string; url: string; conditionalGet?: boolean }[] = server.feedUrls.map((feed) => ({
    id: feed.id,
    url: feed.url,
    conditionalGet: feed.id !== 'wire',
  }));
  feeds.push({ id: 'gone', url: `${server.url}/feeds/no-such-feed.xml` });
  runtime = testRuntime(testConfig({ prefix, feeds, smtpPort: smtp.port }));
});

afterAll(async () => {
  await runtime.close();
  await server.close();
  await smtp.close();
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('the whole pipeline: feeds → queues → SMTP', () => {
  it('delivers one digest holding every demo item an analyst would want, and none of the near-misses', async () => {
    const summary = await runPollNow(
      runtime,
      runtime.context.config.feeds.map((feed) => feed.id),
      { timeoutMs: 120_000 },
    );
    expect(summary.outstanding).toBe(0);
    expect(summary.newItems).toBe(Object.keys(answerKey).length);
    // The broken feed fails alone; the others are processed.
    expect(summary.feeds.find((feed) => feed.feedId === 'gone')?.status).toBe('failed');
    expect(summary.feeds.filter((feed) => feed.status === 'polled')).toHaveLength(3);
    // The page that answers 500 still reaches matching, from the feed's summary.
    expect(summary.partialItems).toBeGreaterThanOrEqual(1);

    // Bodies are most of Redis's memory: items that matched nothing keep theirs a day, matched ones the full retention.
    const matchedKeys = new Set(summary.matched.map((item) => item.itemKey));
    const allKeys = summary.feeds.flatMap((feed) => feed.newItemKeys);
    const unmatchedKey = allKeys.find((key) => !matchedKeys.has(key)) ?? '';
    const keys = new RedisKeys(runtime.context.config.redis.prefix);
    expect(await redis.pttl(keys.item(unmatchedKey))).toBeLessThanOrEqual(86_400_000);
    expect(await redis.pttl(keys.item([...matchedKeys][0] ?? ''))).toBeGreaterThan(13 * 86_400_000);

    // A dry run shows what would go out and changes nothing.
    const pendingBefore = await runtime.context.ledger.pendingCount('analysts');
    const preview = await previewDigest(runtime.context, 'analysts');
    expect(preview.items).toBeGreaterThan(0);
    expect(preview.preview?.subject).toMatch(/^vigil: \d+ new/);
    expect(await runtime.context.ledger.pendingCount('analysts')).toBe(pendingBefore);
    expect(smtp.messages.filter((message) => message.subject?.startsWith('vigil: '))).toHaveLength(0);

    const [outcome] = await runDigestsNow(runtime, ['analysts']);
    expect(outcome?.status).toBe('sent');
    const digests = smtp.messages.filter((message) => message.subject?.startsWith('vigil: '));
    expect(digests).toHaveLength(1);
    const [mail] = digests;
    const html = String(mail?.html);
    const positives = Object.entries(answerKey).filter(([, topics]) => topics.length > 0);
    const negatives = Object.entries(answerKey).filter(([, topics]) => topics.length === 0);
    for (const [path] of positives) expect(html, `digest should link ${path}`).toContain(`${server.url}${path}`);
    for (const [path] of negatives) expect(html, `digest should not link ${path}`).not.toContain(`${server.url}${path}`);
    expect(mail?.subject).toMatch(/^vigil: \d+ new/);
    expect(mail?.text).toMatch(/detainee escapes/i);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('analysts@example.org');
  });

  it('finds nothing new on the second poll and sends no second digest', async () => {
    const delivered = smtp.messages.length;
    const summary = await runPollNow(runtime, ['wire', 'monitor', 'regional'], { timeoutMs: 60_000 });
    expect(summary.newItems).toBe(0);
    expect(summary.feeds.find((feed) => feed.feedId === 'wire')).toMatchObject({ status: 'polled', items: 12 });
    expect(summary.feeds.find((feed) => feed.feedId === 'monitor')?.status).toBe('not-modified');
    const [outcome] = await runDigestsNow(runtime, ['analysts']);
    expect(outcome?.status).toBe('empty');
    expect(smtp.messages).toHaveLength(delivered);
  });
});
