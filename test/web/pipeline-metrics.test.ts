import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForIdle } from '../../src/jobs/drain.ts';
import { queuePolls } from '../../src/jobs/on-demand.ts';
import { startWorkers } from '../../src/jobs/runtime.ts';
import { observeFetchErrors, observeWorkers } from '../../src/web/metrics/observe-pipeline.ts';
import { VigilMetrics } from '../../src/web/metrics/registry.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp } from '../helpers/smtp.ts';
import { startNewsSite } from './news-site.ts';

const redis = new Redis(testRedisUrl());
const prefix = uniquePrefix('web-metrics');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
});

/** The value of one sample line of the exposition, e.g. `vigil_polls_total{outcome="polled"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('pipeline metrics of a worker process', () => {
  it('counts polls, fetch errors, items, matches, digests and job durations from the real processors', async () => {
    const site = await startNewsSite();
    const smtp = await startTestSmtp();
    const config = testConfig({
      prefix,
      smtpPort: smtp.port,
      feeds: [
        { id: 'wire', url: site.feedUrl('wire') },
        { id: 'gone', url: site.feedUrl('gone') },
      ],
    });
    const runtime = testRuntime(config);
    const { context } = runtime;
    const metrics = new VigilMetrics(config);
    observeFetchErrors(metrics, context.http);
    const workers = startWorkers(context);
    observeWorkers(metrics, workers.workers);
    try {
      await queuePolls(context.queues, ['wire', 'gone']);
      expect(await waitForIdle(context.queues, 60_000)).toBe(0);
      await context.queues.notify.add('digest', { kind: 'digest', groupId: 'analysts' }, { jobId: 'test-digest' });
      expect(await waitForIdle(context.queues, 30_000)).toBe(0);
      // The completed event of the last job may still be on its way from Redis.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const text = await metrics.render(context);
      const matched = await context.items.loadMatches((await context.matchIndex.page({ offset: 0, limit: 10_000 })).entries.map((entry) => entry.itemKey));
      const escapes = [...matched.values()].filter((match) => match.matches.some((topic) => topic.topicId === 'detainee-escapes')).length;

      expect(sample(text, 'vigil_polls_total{outcome="polled"}')).toBe(1);
      expect(sample(text, 'vigil_polls_total{outcome="failed"}')).toBe(1);
      expect(sample(text, 'vigil_fetch_errors_total{kind="status",request="feed"}')).toBe(1);
      expect(sample(text, 'vigil_items_total{stage="new"}')).toBe(3);
      expect((sample(text, 'vigil_items_total{stage="extracted"}') ?? 0) + (sample(text, 'vigil_items_total{stage="partial"}') ?? 0)).toBe(3);
      expect(escapes).toBeGreaterThan(0);
      expect(sample(text, 'vigil_matches_total{topic="detainee-escapes"}')).toBe(escapes);
      expect(sample(text, 'vigil_digests_total{group="analysts",outcome="sent"}')).toBe(1);
      expect(sample(text, 'vigil_digests_total{group="analysts",outcome="failed"}')).toBe(0);
      expect(sample(text, 'vigil_job_duration_seconds_count{queue="poll",outcome="completed"}')).toBe(2);
      expect(sample(text, 'vigil_job_duration_seconds_count{queue="extract",outcome="completed"}')).toBe(3);
      expect(sample(text, 'vigil_feeds{state="failing"}')).toBe(1);
      expect(smtp.messages.some((message) => message.subject?.startsWith('vigil: '))).toBe(true);
    } finally {
      await workers.close();
      await runtime.close();
      await smtp.close();
      await site.close();
    }
  });

  it('reports Redis as down instead of hanging when it does not answer', async () => {
    const config = testConfig({ prefix: uniquePrefix('web-metrics-down'), smtpPort: 1, feeds: [{ id: 'f', url: 'http://127.0.0.1:1/feed.xml' }] });
    const runtime = testRuntime({ ...config, redis: { ...config.redis, url: 'redis://127.0.0.1:1' } });
    try {
      const started = Date.now();
      const text = await new VigilMetrics(config).render(runtime.context);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sample(text, 'vigil_redis_up')).toBe(0);
      expect(text).not.toMatch(/^vigil_feeds\{/m);
      expect(text).toMatch(/^process_cpu_seconds_total /m);
    } finally {
      await runtime.close();
    }
  });
});
