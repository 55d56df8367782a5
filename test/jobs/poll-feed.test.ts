import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollFeed } from '../../src/jobs/poll-feed.ts';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const statusByPath: Record<string, number> = { '/gone.xml': 410, '/broken.xml': 500, '/missing.xml': 404 };
const server = createServer((request, response) => {
  response.writeHead(statusByPath[request.url ?? ''] ?? 404, { 'content-type': 'text/plain' });
  response.end('no feed here');
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('poll');
let runtime: Runtime;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = testRuntime(
    testConfig({
      prefix,
      smtpPort: 1,
      feeds: [
        { id: 'gone', url: `${base}/gone.xml` },
        { id: 'broken', url: `${base}/broken.xml` },
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
    expect(skipped.detail).toMatch(/disabled after 3 permanent errors; last: .*410/);
    // What `vigil feed enable gone` does: the next poll tries the feed again.
    await runtime.context.feeds.reset('gone');
    expect((await pollFeed(runtime.context, { data: { feedId: 'gone' } })).status).toBe('failed');
  });

  it('skips a feed that left the config', async () => {
    expect(await pollFeed(runtime.context, { data: { feedId: 'removed' } })).toMatchObject({ status: 'skipped', detail: 'feed no longer in config' });
  });
});
