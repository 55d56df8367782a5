import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ConfigIndex } from '../config/config-index.ts';
import type { VigilConfig } from '../config/schema.ts';
import { lazyHttpClient } from '../http/lazy-client.ts';
import { RedisHostLimiter } from '../http/redis-host-limiter.ts';
import { throttledErrorLog } from '../log/error-throttle.ts';
import type { Logger } from '../log/logger.ts';
import { redactText } from '../log/redact.ts';
import { lazyMailer } from '../mail/lazy-mailer.ts';
import type { Mailer } from '../mail/transport.ts';
import { compileTopics } from '../matching/index.ts';
import { AlertLedger } from '../store/alert-ledger.ts';
import { DeliveryIndex } from '../store/delivery-index.ts';
import { DigestLedger } from '../store/digest-ledger.ts';
import { MatchIndex } from '../store/match-index.ts';
import { RedisHealth } from '../store/redis-health.ts';
import { FeedStateStore } from '../store/feed-state-store.ts';
import { ItemStore } from '../store/item-store.ts';
import { connectionOptions } from '../store/connection.ts';
import { RedisKeys } from '../store/keys.ts';
import type { PipelineContext } from './context.ts';
import { closeQueues, createQueues, type JobDataByQueue, type QueueName } from './queues.ts';

export interface RuntimeOptions {
  logger: Logger;
  /** Replaces the transport from config (tests inject one pointed at their SMTP server). */
  mailer?: Mailer;
  now?: () => Date;
}

export interface Runtime {
  context: PipelineContext;
  /** vigil's own Redis connection, for administrative checks outside the pipeline (processors use the stores). */
  redis: Redis;
  close(): Promise<void>;
}

/** Builds the shared context: one Redis connection for vigil's own keys, the queues, HTTP, matcher and mailer. */
export function createRuntime(config: VigilConfig, options: RuntimeOptions): Runtime {
  const connection = connectionOptions(config.redis.url);
  const redis = new Redis(connection);
  const reportError = throttledErrorLog(options.logger);
  redis.on('error', (error: Error) => reportError('redis connection', error));
  const keys = new RedisKeys(config.redis.prefix);
  const queues = createQueues(connection, config.redis.prefix, config.worker.attempts, config.worker.backoff);
  // Per-host politeness is kept in Redis so N workers together still send at most perHostConcurrency requests to a host.
  const limiter = new RedisHostLimiter(redis, keys.hostLimits(), {
    concurrency: config.http.perHostConcurrency,
    minDelayMs: config.http.perHostDelay ?? 0,
    // Renewed while a request runs, so it need not outlast the HTTP timeout; like BullMQ's job lock it only
    // bounds how long a crashed worker's slots stay taken (a 60 s floor stalled every host it was fetching from).
    leaseMs: config.worker.lockDuration,
  });
  const http = lazyHttpClient(config.http, { limiter });
  const mailer = options.mailer ?? lazyMailer(config.mail, process.env);
  const context: PipelineContext = {
    config,
    configIndex: new ConfigIndex(config),
    logger: options.logger,
    items: new ItemStore(redis, keys, { seenMs: config.retention.seen, bodiesMs: config.retention.bodies, unmatchedMs: config.retention.unmatched }),
    feeds: new FeedStateStore(redis, keys),
    ledger: new DigestLedger(redis, keys),
    alerts: new AlertLedger(redis, keys),
    matchIndex: new MatchIndex(redis, keys),
    deliveries: new DeliveryIndex(redis, keys),
    redisHealth: new RedisHealth(redis),
    http,
    matcher: compileTopics(config.topics, config.synonyms),
    mailer,
    queues,
    now: options.now ?? (() => new Date()),
  };
  return {
    context,
    redis,
    async close() {
      await closeQueues(queues);
      await http.close();
      if (!options.mailer) mailer.close();
      redis.disconnect();
    },
  };
}

type Processor<Name extends QueueName> = (context: PipelineContext, job: Job<JobDataByQueue[Name]>) => Promise<unknown>;

/**
 * Each step's code is loaded with its first job: an idle worker does not hold the feed readers,
 * the extractor or the mail renderer in memory, and a worker that only sends digests never loads them.
 */
const PROCESSORS: { [Name in QueueName]: () => Promise<Processor<Name>> } = {
  poll: async () => (await import('./poll-feed.ts')).pollFeed,
  fetch: async () => (await import('./fetch-article.ts')).fetchArticle,
  extract: async () => (await import('./extract-article.ts')).extractItem,
  match: async () => (await import('./match-item.ts')).matchItem,
  notify: async () => (await import('./notify.ts')).notify,
};

export interface Workers {
  workers: Worker[];
  /** Stop taking jobs, let active ones finish, close connections. */
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue, each running its processor with the configured concurrency. */
export function startWorkers(context: PipelineContext, only: readonly QueueName[] = ['poll', 'fetch', 'extract', 'match', 'notify']): Workers {
  const connection = connectionOptions(context.config.redis.url);
  const reportError = throttledErrorLog(context.logger);
  const workers = only.map((name) => {
    const load = PROCESSORS[name] as () => Promise<Processor<QueueName>>;
    let processor: Promise<Processor<QueueName>> | null = null;
    const loaded = () => {
      processor ??= load();
      return processor;
    };
    const worker = new Worker(name, async (job: Job<JobDataByQueue[QueueName]>) => (await loaded())(context, job), {
      connection,
      prefix: context.config.redis.prefix,
      concurrency: context.config.worker.concurrency[name],
      lockDuration: context.config.worker.lockDuration,
      stalledInterval: context.config.worker.stalledInterval,
    });
    worker.on('failed', (job, error) => {
      context.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: redactText(error.message) }, 'job failed');
    });
    worker.on('error', (error) => reportError(`${name} worker`, error));
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
