import { Redis } from 'ioredis';
import type { VigilConfig } from '../../src/config/schema.ts';
import { runDigestsNow, runPollNow, type PollSummary } from '../../src/jobs/on-demand.ts';
import type { Runtime } from '../../src/jobs/runtime.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { type NewsSite, startNewsSite } from './news-site.ts';

/** Secrets the pages and /metrics must never show. */
export const SMTP_PASSWORD = 'smtp-hunter2-secret';
export const FEED_PASSWORD = 'feed-hunter2-secret';
const SMTP_PASSWORD_ENV = 'VIGIL_WEB_TEST_SMTP_PASSWORD';

export interface SeededPipeline {
  config: VigilConfig;
  runtime: Runtime;
  site: NewsSite;
  smtp: TestSmtp;
  summary: PollSummary;
  close(): Promise<void>;
}

/**
 * The real pipeline run once over the test news site: wire, observer (a near-duplicate), hostile and a
 * gone feed (its URL carries a password), then the analysts' digest sent through real SMTP with a login.
 */
export async function seedPipeline(label: string): Promise<SeededPipeline> {
  const prefix = uniquePrefix(label);
  const site = await startNewsSite();
  const smtp = await startTestSmtp({ auth: { user: 'mailer', password: SMTP_PASSWORD } });
  process.env[SMTP_PASSWORD_ENV] = SMTP_PASSWORD;
  const goneUrl = new URL(site.feedUrl('gone'));
  goneUrl.username = 'reader';
  goneUrl.password = FEED_PASSWORD;
  const config = testConfig({
    prefix,
    smtpPort: smtp.port,
    feeds: [
      { id: 'wire', name: 'Wire Service', url: site.feedUrl('wire') },
      { id: 'observer', name: 'Sahel Observer', url: site.feedUrl('observer') },
      { id: 'hostile', name: 'Hostile <b>Feed</b>', url: site.feedUrl('hostile') },
      { id: 'gone', name: 'Old Archive', url: goneUrl.href },
    ],
    groups: [
      { id: 'analysts', name: 'CT analysts', to: ['analysts@example.org'], schedule: { cron: '0 7 * * *', tz: 'Europe/London' } },
      { id: 'desk', name: 'Repatriation desk', to: ['desk@example.org'], topics: ['repatriation-policy'], schedule: { cron: '0 */6 * * *', tz: 'UTC' } },
    ],
    extra: {
      mail: {
        from: 'vigil <vigil@example.org>',
        transport: 'smtp',
        smtp: { host: '127.0.0.1', port: smtp.port, user: 'mailer', passwordEnv: SMTP_PASSWORD_ENV },
      },
    },
  });
  const runtime = testRuntime(config);
  const summary = await runPollNow(
    runtime,
    config.feeds.map((feed) => feed.id),
    { timeoutMs: 60_000 },
  );
  await runDigestsNow(runtime, ['analysts']);
  return {
    config,
    runtime,
    site,
    smtp,
    summary,
    async close() {
      const redis = new Redis(testRedisUrl());
      await deleteKeys(redis, prefix);
      await redis.quit();
      await runtime.close();
      await smtp.close();
      await site.close();
    },
  };
}
