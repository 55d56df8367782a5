import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollFeed } from '../../src/jobs/poll-feed.ts';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const FLOOD = 10_000;
const SMALL = 30;
const START = Date.parse('2025-01-01T00:00:00Z');

/** Item i was published i hours after START; the feed lists them in a scrambled order, as some do. */
function rss(base: string, name: string, count: number, undated: (index: number) => boolean = () => false): string {
  const order = Array.from({ length: count }, (_, position) => (position * 7919) % count);
  const items = order.map((index) => {
    const date = undated(index) ? '' : `<pubDate>${new Date(START + index * 3_600_000).toUTCString()}</pubDate>`;
    return `<item><title>${name} item ${index}</title><link>${base}/${name}/${index}</link>${date}<description>Item ${index}.</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

const server = createServer((request, response) => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const body =
    request.url === '/flood.xml' ? rss(base, 'flood', FLOOD) : request.url === '/small.xml' ? rss(base, 'small', SMALL, (index) => index % 5 === 0) : null;
  response.writeHead(body ? 200 : 404, { 'content-type': 'application/rss+xml' });
  response.end(body ?? 'no feed');
});

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('flood');
let base = '';
let runtime: Runtime;

beforeAll(async () => {
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = testRuntime(
    testConfig({
      prefix,
      smtpPort: 1,
      feeds: [
        { id: 'flood', url: `${base}/flood.xml` },
        { id: 'small', url: `${base}/small.xml`, maxItemsPerPoll: 10 },
      ],
    }),
  );
});

afterAll(async () => {
  await runtime.close();
  await new Promise((resolveClose) => server.close(resolveClose));
  await deleteKeys(redis, prefix);
  await redis.quit();
});

async function queuedFetches(): Promise<number> {
  const counts = await runtime.context.queues.fetch.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

describe('a feed of 10,000 items', () => {
  it('queues only the newest maxItemsPerPoll (default 200) and records the rest as skipped', async () => {
    const result = await pollFeed(runtime.context, { data: { feedId: 'flood', manual: true } });
    expect(result.status).toBe('polled');
    expect(result.items).toBe(FLOOD);
    expect(result.newItemKeys).toHaveLength(200);
    expect(result.detail).toBe('9800 older items skipped (over maxItemsPerPoll 200)');
    expect(await queuedFetches()).toBe(200);

    const jobs = await runtime.context.queues.fetch.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1);
    const titles = new Set(jobs.map((job) => job.data.item.title));
    for (let index = FLOOD - 200; index < FLOOD; index += 1) expect(titles.has(`flood item ${index}`), `item ${index}`).toBe(true);

    const state = await runtime.context.feeds.get('flood');
    expect(state.itemsSeen).toBe(200);
    expect(state.itemsSkipped).toBe(9800);
  });

  it('does not bring the skipped items back on the next poll', async () => {
    const again = await pollFeed(runtime.context, { data: { feedId: 'flood', manual: true } });
    expect(again.newItemKeys).toHaveLength(0);
    expect(again.detail).toBeUndefined();
    expect(await queuedFetches()).toBe(200);
    expect((await runtime.context.feeds.get('flood')).itemsSkipped).toBe(9800);
  });

  it('honours a per-feed cap, putting undated items after dated ones', async () => {
    const result = await pollFeed(runtime.context, { data: { feedId: 'small', manual: true } });
    expect(result.newItemKeys).toHaveLength(10);
    const jobs = await runtime.context.queues.fetch.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1);
    const small = jobs.filter((job) => job.data.feedId === 'small').map((job) => job.data.item.title);
    // Items 0, 5, 10, ... have no date; the ten newest dated ones:
    expect(small.sort()).toEqual([18, 19, 21, 22, 23, 24, 26, 27, 28, 29].map((index) => `small item ${index}`));
    expect((await runtime.context.feeds.get('small')).itemsSkipped).toBe(SMALL - 10);
  });

  it('shows the skipped count in vigil status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
    const path = join(dir, 'vigil.yaml');
    writeFileSync(
      path,
      stringify({
        topicsFile: resolve('config/topics.yaml'),
        redis: { url: testRedisUrl(), prefix },
        http: { allowPrivateNetworks: true },
        feeds: [{ id: 'flood', url: `${base}/flood.xml` }],
      }),
    );
    const status = spawnSync(process.execPath, ['bin/vigil.mjs', 'status', '--config', path], {
      encoding: 'utf8',
      env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', VIGIL_REDIS_URL: '' },
      timeout: 60_000,
    });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^ {2}flood: ok; .*200 items seen, 9800 skipped \(over maxItemsPerPoll\)$/m);
  });
});
