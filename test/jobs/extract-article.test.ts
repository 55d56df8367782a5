import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { extractItem } from '../../src/jobs/extract-article.ts';
import type { FeedItem } from '../../src/parsers/types.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('extract');
const runtime = testRuntime(testConfig({ prefix, smtpPort: 1, feeds: [{ id: 'wire', url: 'http://127.0.0.1:9/feed.xml', name: 'Wire' }] }));

afterAll(async () => {
  await runtime.close();
  await deleteKeys(redis, prefix);
  await redis.quit();
});

const paragraph = 'Officials said dozens of Islamic State detainees escaped from the prison after the attack, and a search was under way. ';
const item: FeedItem = {
  guid: 'g-1',
  url: 'https://news.example/escape',
  title: 'Detainees escape',
  summary: 'A short summary from the feed.',
  contentHtml: null,
  published: '2026-11-20T10:00:00.000Z',
  author: null,
};

describe('extract step', () => {
  it('extracts the fetched page and hands the item to matching', async () => {
    await runtime.context.items.saveHtml(
      'k1',
      `<html><body><nav>Home News</nav><article><p>${paragraph.repeat(4)}</p><p>${paragraph.repeat(3)}</p></article></body></html>`,
    );
    const result = await extractItem(runtime.context, { data: { itemKey: 'k1', feedId: 'wire', item, fetchFailure: null } });
    expect(result.partial).toBe(false);
    const stored = await runtime.context.items.loadItem('k1');
    expect(stored).toMatchObject({ source: 'Wire', partial: false, title: 'Detainees escape' });
    expect(stored?.body).toContain('dozens of Islamic State detainees escaped');
    expect(stored?.body).not.toContain('Home News');
    expect(await runtime.context.items.loadHtml('k1')).toBeNull();
    expect(await runtime.context.queues.match.getJob('k1')).toBeDefined();
  });

  it('falls back to the feed text, marked partial, when the page could not be fetched', async () => {
    const result = await extractItem(runtime.context, { data: { itemKey: 'k2', feedId: 'wire', item, fetchFailure: 'HTTP 500' } });
    expect(result.partial).toBe(true);
    expect(await runtime.context.items.loadItem('k2')).toMatchObject({ partial: true, partialReason: 'HTTP 500', body: item.summary });
  });

  it('a re-run after a crash keeps the stored body instead of degrading it to the feed summary', async () => {
    await runtime.context.items.saveHtml('k3', `<html><body><article><p>${paragraph.repeat(6)}</p></article></body></html>`);
    await extractItem(runtime.context, { data: { itemKey: 'k3', feedId: 'wire', item, fetchFailure: null } });
    // The page HTML is gone now, as after a crash between storing the item and completing the job.
    const again = await extractItem(runtime.context, { data: { itemKey: 'k3', feedId: 'wire', item, fetchFailure: null } });
    expect(again.partial).toBe(false);
    expect((await runtime.context.items.loadItem('k3'))?.body).toContain('detainees escaped');
  });
});
