import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPollNow } from '../../src/jobs/on-demand.ts';
import { startDemoServer } from '../../src/demo/server.ts';
import type { DigestOutcome } from '../../src/jobs/notify.ts';
import { startWorkers, type Runtime } from '../../src/jobs/runtime.ts';
import { connectionOptions } from '../../src/store/connection.ts';
import { testConfig, testRuntime } from '../helpers/pipeline.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { startWorkerProcess, writeWorkerConfig, type WorkerProcess } from '../helpers/worker-process.ts';

const redis = new Redis(testRedisUrl());
let server: Awaited<ReturnType<typeof startDemoServer>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

afterAll(async () => {
  await server.close();
  await redis.quit();
});

const isDigest = (message: ParsedMail) => message.subject?.startsWith('vigil: ') ?? false;
const NEVER = '0 0 1 1 *';

/** A fresh prefix with the demo items polled, matched and pending for group "analysts". */
async function seededRuntime(smtp: TestSmtp, groupCron = NEVER): Promise<{ runtime: Runtime; prefix: string; pending: number }> {
  const prefix = uniquePrefix('delivery');
  const config = testConfig({
    prefix,
    smtpPort: smtp.port,
    feeds: server.feedUrls.map((feed) => ({ id: feed.id, url: feed.url })),
    groups: [{ id: 'analysts', to: ['analysts@example.org'], schedule: { cron: groupCron, tz: 'UTC' } }],
  });
  const runtime = testRuntime(config);
  cleanups.push(
    () => deleteKeys(redis, prefix),
    () => runtime.close(),
  );
  await runPollNow(
    runtime,
    config.feeds.map((feed) => feed.id),
    { timeoutMs: 60_000 },
  );
  const pending = await runtime.context.ledger.pendingCount('analysts');
  expect(pending).toBeGreaterThan(10);
  return { runtime, prefix, pending };
}

function workerConfig(prefix: string, smtpPort: number, cron: string): string {
  return writeWorkerConfig({
    // One scenario runs the digest every 2 s.
    allowFastPolling: true,
    redis: { url: testRedisUrl(), prefix },
    http: { allowPrivateNetworks: true },
    worker: { attempts: 3, backoff: '200ms', lockDuration: '2s', stalledInterval: '1s' },
    groups: [{ id: 'analysts', to: ['analysts@example.org'], schedule: { cron, tz: 'UTC' } }],
    mail: { from: 'vigil <vigil@example.org>', transport: 'smtp', smtp: { host: '127.0.0.1', port: smtpPort } },
  });
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('digests arrive exactly once', () => {
  it('retries after the SMTP server refuses, then delivers one digest with every item', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const { runtime, pending } = await seededRuntime(smtp);
    const { context } = runtime;
    smtp.rejectNext(1, 451);
    const events = new QueueEvents('notify', { connection: connectionOptions(testRedisUrl()), prefix: context.config.redis.prefix });
    const workers = startWorkers(context, ['notify']);
    cleanups.push(
      () => events.close(),
      () => workers.close(),
    );
    await events.waitUntilReady();
    const before = smtp.messages.filter(isDigest).length;
    const job = await context.queues.notify.add('digest', { kind: 'digest', groupId: 'analysts' });
    const outcome = (await job.waitUntilFinished(events, 30_000)) as DigestOutcome;
    expect(outcome.status).toBe('sent');
    expect((await context.queues.notify.getJob(job.id ?? ''))?.attemptsMade).toBe(2);
    const digests = smtp.messages.filter(isDigest);
    expect(digests.length - before).toBe(1);
    expect(await context.ledger.pendingCount('analysts')).toBe(0);
    const [logged] = await context.ledger.deliveredDigests('analysts');
    expect(logged?.items).toBe(pending);
    expect(digests.at(-1)?.messageId).toBe(logged?.messageId);
  });

  it('a worker killed while the SMTP answer is in flight: the restarted worker completes the digest under the same Message-ID', async () => {
    let victim: WorkerProcess | null = null;
    let killedOnce = false;
    const smtp = await startTestSmtp({
      async beforeAccept(message) {
        if (!killedOnce && isDigest(message) && victim) {
          killedOnce = true;
          await victim.kill('SIGKILL');
        }
      },
    });
    cleanups.push(() => smtp.close());
    const { runtime, prefix, pending } = await seededRuntime(smtp);
    const config = workerConfig(prefix, smtp.port, NEVER);
    victim = await startWorkerProcess(config);
    cleanups.push(() => victim?.kill('SIGKILL') ?? Promise.resolve());
    await runtime.context.queues.notify.add('digest', { kind: 'digest', groupId: 'analysts' });
    await until(() => killedOnce, 20_000, 'the first delivery');
    expect(await runtime.context.ledger.openDigest('analysts')).not.toBeNull();

    const restarted = await startWorkerProcess(config);
    cleanups.push(() => restarted.kill('SIGTERM'));
    await until(async () => (await runtime.context.ledger.openDigest('analysts')) === null, 20_000, 'the stalled digest to be completed').catch(
      async (error: Error) => {
        const counts = await runtime.context.queues.notify.getJobCounts();
        throw new Error(`${error.message}\n${JSON.stringify(counts)}\n${restarted.logs.join('\n')}`);
      },
    );
    const digests = smtp.messages.filter(isDigest);
    // The receiving side got the message twice, both times under one Message-ID, so a mailbox
    // that dedupes on Message-ID shows it once; every item is in it and nothing stays pending.
    expect(digests).toHaveLength(2);
    expect(new Set(digests.map((message) => message.messageId)).size).toBe(1);
    expect(await runtime.context.ledger.pendingCount('analysts')).toBe(0);
    const log = await runtime.context.ledger.deliveredDigests('analysts');
    expect(log).toHaveLength(1);
    expect(log[0]?.items).toBe(pending);
  });

  it('two workers running the same schedule send one digest', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const { runtime, prefix } = await seededRuntime(smtp);
    const config = workerConfig(prefix, smtp.port, '*/2 * * * * *');
    const [first, second] = await Promise.all([startWorkerProcess(config), startWorkerProcess(config)]);
    cleanups.push(
      () => first.kill('SIGTERM'),
      () => second.kill('SIGTERM'),
    );
    await until(async () => (await runtime.context.ledger.deliveredDigests('analysts')).length > 0, 20_000, 'a scheduled digest');
    // Let several more schedule ticks pass on both workers.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(smtp.messages.filter(isDigest)).toHaveLength(1);
    expect(await runtime.context.queues.notify.getJobSchedulers(0, -1)).toHaveLength(1);
    expect(await first.kill('SIGTERM')).toBe(0);
    expect(await second.kill('SIGTERM')).toBe(0);
  }, 90_000);
});
