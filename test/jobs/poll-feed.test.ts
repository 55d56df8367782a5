import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollFeed } from '../../src/jobs/poll-feed.ts';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const statusByPath: Record<string, number> = { '/gone.xml': 410, '/broken.xml': 500, '/missing.xml': 404 };
const FEED = '<rss version="2.0"><channel><title>ok</title><item><title>one</title><guid>one</guid></item></channel></rss>';
const requested: string[] = [];
const server = createServer((request, response) => {
  const path = request.url ?? '';
  requested.push(path);
  if (path === '/limited.xml') {
    response.writeHead(429, { 'retry-after': '120' });
    response.end();
  } else if (path.startsWith('/fine-')) {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(FEED);
  } else if (path === '/slow-error.xml') {
    setTimeout(() => {
      response.writeHead(500);
      response.end();
    }, 1_200);
  } else {
    response.writeHead(statusByPath[path] ?? 404, { 'content-type': 'text/plain' });
    response.end('no feed here');
  }
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('poll');
let runtime: Runtime;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = testRuntime(
    testConfig({
      prefix,
      smtpPort: 1,
      feeds: [
        { id: 'gone', url: `${base}/gone.xml` },
        { id: 'broken', url: `${base}/broken.xml` },
        { id: 'slow-error', url: `${base}/slow-error.xml` },
      ],
    }),
  );
});

afterAll(async () => {
  await runtime.close();
  await new Promise((resolve) => server.close(resolve));
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('feed health in the poll step', () => {
  it('backs off a failing feed: scheduled polls skip it until the backoff ends, a manual poll tries anyway', async () => {
    const first = await pollFeed(runtime.context, { data: { feedId: 'broken' } });
    expect(first.status).toBe('failed');
    expect(first.detail).toContain('HTTP 500');
    const scheduled = await pollFeed(runtime.context, { data: { feedId: 'broken' } });
    expect(scheduled.status).toBe('skipped');
    expect(scheduled.detail).toMatch(/^backing off until /);
    const manual = await pollFeed(runtime.context, { data: { feedId: 'broken', manual: true } });
    expect(manual.status).toBe('failed');
    const state = await runtime.context.feeds.get('broken');
    expect(state.consecutiveErrors).toBe(2);
    expect(state.disabledReason).toBeNull();
  });

  it('disables a feed after repeated permanent errors and says why', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await pollFeed(runtime.context, { data: { feedId: 'gone', manual: true } })).status).toBe('failed');
    }
    const skipped = await pollFeed(runtime.context, { data: { feedId: 'gone', manual: true } });
    expect(skipped.status).toBe('skipped');
    expect(skipped.detail).toMatch(/disabled after 3 permanent errors in a row; last: .*410/);
    // What `vigil feed enable gone` does: the next poll tries the feed again.
    await runtime.context.feeds.reset('gone');
    expect((await pollFeed(runtime.context, { data: { feedId: 'gone' } })).status).toBe('failed');
  });

  it('records when a poll failed, not when it began', async () => {
    const started = Date.now();
    expect((await pollFeed(runtime.context, { data: { feedId: 'slow-error' } })).status).toBe('failed');
    const state = await runtime.context.feeds.get('slow-error');
    const failedAt = Date.parse(state.lastError?.split(' ')[0] ?? '');
    expect(failedAt - started).toBeGreaterThanOrEqual(1_100);
    expect(Date.parse(state.lastPollAt ?? '') - started).toBeLessThan(1_000);
  });

  it('after a 429 with Retry-After, postpones the other feeds on that host without asking it or counting an error', async () => {
    const limitedPrefix = uniquePrefix('poll-429');
    const limited = testRuntime(
      testConfig({
        prefix: limitedPrefix,
        smtpPort: 1,
        feeds: [
          { id: 'limited', url: `${base}/limited.xml` },
          { id: 'sibling-a', url: `${base}/fine-a.xml` },
          { id: 'sibling-b', url: `${base}/fine-b.xml` },
        ],
      }),
    );
    try {
      expect((await pollFeed(limited.context, { data: { feedId: 'limited' } })).status).toBe('failed');
      expect(await limited.context.feeds.get('limited')).toMatchObject({ consecutiveErrors: 1 });
      const askedBefore = requested.length;
      for (const feedId of ['sibling-a', 'sibling-b']) {
        const result = await pollFeed(limited.context, { data: { feedId } });
        expect(result.status).toBe('skipped');
        expect(result.detail).toMatch(/^postponed: .*Retry-After/);
        const state = await limited.context.feeds.get(feedId);
        expect(state).toMatchObject({ consecutiveErrors: 0, lastError: null, disabledReason: null });
        expect(Date.parse(state.nextPollAfter ?? '') - Date.now()).toBeGreaterThan(100_000);
      }
      expect(requested.length).toBe(askedBefore);
    } finally {
      await limited.close();
      await deleteKeys(redis, limitedPrefix);
    }
  });

  it('skips a feed that left the config', async () => {
    expect(await pollFeed(runtime.context, { data: { feedId: 'removed' } })).toMatchObject({ status: 'skipped', detail: 'feed no longer in config' });
  });
});
