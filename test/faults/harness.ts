/**
 * Shared pieces of the fault scenarios: a feed farm whose answer key is known by construction
 * (bench/pipeline/feed-farm.ts), worker configs with short lock and stall timings, waiting for the
 * pipeline to drain, a rig that starts all of it for one scenario (startRig, torn down by
 * cleanupAfterEach's stack), and the two invariants every scenario checks:
 *   - every matching item is in exactly one delivered digest (redeliveries under one Message-ID count once),
 *   - no item completes a pipeline step twice (BullMQ's event stream holds one "completed" per job id).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterEach, expect } from 'vitest';
import { canonicalUrl } from '../../src/parsers/urls.ts';
import { connectionOptions } from '../../src/store/connection.ts';
import { itemKey } from '../../src/store/identity.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { freePort } from '../../src/store/local-redis.ts';
import { startFarmServer, type FarmServer } from '../../bench/pipeline/feed-farm.ts';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { resolve } from 'node:path';
import { startWorkerProcess, writeWorkerConfig, type WorkerProcess } from '../helpers/worker-process.ts';

export const GROUP = 'analysts';
/** Per scenario, so they also run inside `npm test` (30 s default) on a busy 2-core machine. */
export const TIMEOUT_MS = 120_000;
/** A cron that never fires during a test: digests are then triggered by hand. */
export const NEVER = '0 0 1 1 *';

export interface FarmSetup {
  feeds: number;
  items: number;
  latencyMs: number;
}

/** A farm with a high share of matching items (15 %) so each scenario has a few dozen to deliver. */
export function startTestFarm(setup: FarmSetup, record = false): Promise<FarmServer> {
  return startFarmServer({ feeds: setup.feeds, itemsPerFeed: setup.items, latencyMs: setup.latencyMs, matchPerMille: 150, recordRequests: record });
}

/** Article URLs the farm wrote to match a topic: the answer key. */
export function matchingUrls(server: FarmServer, feeds: readonly number[]): Set<string> {
  const urls = new Set<string>();
  for (const item of server.farm.baseItems()) if (item.topic && feeds.includes(item.feed)) urls.add(`${server.origin}${item.path}`);
  return urls;
}

export interface WorkerConfigOptions {
  redisUrl: string;
  prefix: string;
  smtpPort: number;
  feeds: { id: string; url: string; interval?: string }[];
  digestCron?: string;
  http?: Record<string, unknown>;
  worker?: Record<string, unknown>;
}

/**
 * Short lock and stall timings: every process on a prefix must use the same ones, because BullMQ's
 * stalled-check key is shared and the first worker's interval governs all.
 */
export const FAULT_WORKER = {
  attempts: 6,
  backoff: '200ms',
  lockDuration: '2s',
  stalledInterval: '1s',
  concurrency: { poll: 4, fetch: 8, extract: 2, match: 2, notify: 1 },
};

/** Topics fixed for the fault scenarios, so that the farm's answer key does not follow topic tuning. */
const FARM_TOPICS = resolve('test/faults/fixtures/farm-topics.yaml');

export function faultWorkerConfig(options: WorkerConfigOptions): string {
  return writeWorkerConfig({
    // Fault scenarios poll every few seconds to see schedules kept under stress.
    allowFastPolling: true,
    topicsFile: FARM_TOPICS,
    redis: { url: options.redisUrl, prefix: options.prefix },
    // One poll per feed at start (schedulers fire at once), then not again during the test.
    defaults: { interval: '1h' },
    http: { allowPrivateNetworks: true, respectRobotsTxt: false, timeout: '5s', connectTimeout: '2s', perHostConcurrency: 8, ...options.http },
    worker: { ...FAULT_WORKER, ...options.worker },
    feeds: options.feeds,
    groups: [{ id: GROUP, to: ['analysts@example.org'], perTopicCap: 1000, schedule: { cron: options.digestCron ?? NEVER, tz: 'UTC' } }],
    mail: { from: 'vigil <vigil@example.org>', transport: 'smtp', smtp: { host: '127.0.0.1', port: options.smtpPort } },
  });
}

/** vigil's item keys for the farm's items on these feeds (canonical URL, as the poll step computes them). */
export function farmItemKeys(server: FarmServer, feeds: readonly number[]): string[] {
  return server.farm
    .baseItems()
    .filter((item) => feeds.includes(item.feed))
    .map((item) => itemKey(`farm-${item.feed}`, { url: canonicalUrl(`${server.origin}${item.path}`), guid: `farm-${item.feed}-${item.index}` }));
}

export function farmFeeds(server: FarmServer, feeds: readonly number[]): { id: string; url: string }[] {
  return feeds.map((feed) => ({ id: `farm-${feed}`, url: `${server.origin}/feeds/${feed}.xml` }));
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string | (() => Promise<string> | string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Cleanup = () => Promise<unknown>;

/**
 * A stack of cleanups run last in, first out after each test: whatever started last (the workers)
 * stops before the servers and Redis it uses. Call once at the top of a test file.
 */
export function cleanupAfterEach(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });
  return cleanups;
}

/** A read-only view of one prefix's queues and vigil keys, from the test process. */
export class PipelineProbe {
  readonly keys: RedisKeys;
  private readonly queues: Record<'poll' | 'fetch' | 'extract' | 'match' | 'notify', Queue>;

  constructor(
    readonly redis: Redis,
    redisUrl: string,
    readonly prefix: string,
  ) {
    this.keys = new RedisKeys(prefix);
    const connection = connectionOptions(redisUrl);
    const queue = (name: string) => new Queue(name, { connection, prefix });
    this.queues = { poll: queue('poll'), fetch: queue('fetch'), extract: queue('extract'), match: queue('match'), notify: queue('notify') };
  }

  /** How many of these items the extract step has stored so far. */
  async storedItems(itemKeys: readonly string[]): Promise<number> {
    if (itemKeys.length === 0) return 0;
    return this.redis.exists(...itemKeys.map((key) => this.keys.item(key)));
  }

  /** Waits until a quarter of these items are stored: the batch is under way, the moment to inject a fault. */
  async aQuarterStored(itemKeys: readonly string[]): Promise<void> {
    await until(async () => (await this.storedItems(itemKeys)) >= itemKeys.length / 4, 30_000, 'a quarter of the items to be stored');
  }

  async completedMatches(): Promise<number> {
    return this.queues.match.getCompletedCount();
  }

  /** Jobs still to do in the item steps (scheduled polls excepted: they wait for the next interval). */
  async busyItemJobs(): Promise<number> {
    const [poll, ...rest] = await Promise.all([
      this.queues.poll.getJobCountByTypes('waiting', 'active', 'paused', 'prioritized'),
      ...(['fetch', 'extract', 'match'] as const).map((name) => this.queues[name].getJobCountByTypes('waiting', 'active', 'delayed', 'paused', 'prioritized')),
    ]);
    return (poll ?? 0) + rest.reduce((sum, count) => sum + count, 0);
  }

  /** Resolves when every item has been matched and nothing is left in the item queues. */
  async drained(total: number, timeoutMs: number): Promise<void> {
    await until(
      async () => (await this.completedMatches()) >= total && (await this.busyItemJobs()) === 0,
      timeoutMs,
      async () => {
        const counts = await Promise.all(
          (['poll', 'fetch', 'extract', 'match'] as const).map(async (name) => `${name} ${JSON.stringify(await this.queues[name].getJobCounts())}`),
        );
        return `${total} matched items; queues: ${counts.join('; ')}`;
      },
    );
  }

  async pending(): Promise<number> {
    return this.redis.zcard(this.keys.pending(GROUP));
  }

  async openDigest(): Promise<boolean> {
    return (await this.redis.exists(this.keys.openDigest(GROUP))) === 1;
  }

  async triggerDigest(): Promise<void> {
    await this.queues.notify.add('digest', { kind: 'digest', groupId: GROUP });
  }

  /** Waits until nothing is pending for the group and no digest is half-sent. */
  async allDelivered(timeoutMs: number): Promise<void> {
    await until(
      async () => (await this.pending()) === 0 && !(await this.openDigest()),
      timeoutMs,
      async () => `pending ${await this.pending()}, open digest ${await this.openDigest()}`,
    );
  }

  /** Job ids that completed more than once in a queue, read from BullMQ's event stream. */
  async completedTwice(queue: 'fetch' | 'extract' | 'match'): Promise<string[]> {
    const entries = (await this.redis.xrange(`${this.prefix}:${queue}:events`, '-', '+')) as [string, string[]][];
    const completions = new Map<string, number>();
    for (const [, fields] of entries) {
      const record: Record<string, string> = {};
      for (let index = 0; index + 1 < fields.length; index += 2) record[fields[index] as string] = fields[index + 1] as string;
      if (record.event === 'completed' && record.jobId) completions.set(record.jobId, (completions.get(record.jobId) ?? 0) + 1);
    }
    return [...completions].filter(([, count]) => count > 1).map(([jobId]) => jobId);
  }

  /** "completed" events in the stream, to check it was not trimmed before counting. */
  async completionEvents(queue: 'fetch' | 'extract' | 'match'): Promise<number> {
    const entries = (await this.redis.xrange(`${this.prefix}:${queue}:events`, '-', '+')) as [string, string[]][];
    return entries.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'completed').length;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}

const isDigest = (message: ParsedMail) => (message.subject?.startsWith('vigil: ') ?? false) && !message.subject?.startsWith('vigil: nothing new');

/** Farm article links in each distinct digest (by Message-ID: a redelivery of the same message counts once). */
export function digestLinks(messages: readonly ParsedMail[], origin: string): Map<string, Set<string>> {
  const byMessageId = new Map<string, Set<string>>();
  const pattern = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/a/\\d+/\\d+\\.html`, 'g');
  for (const message of messages.filter(isDigest)) {
    const id = message.messageId ?? `no-id-${byMessageId.size}`;
    const links = byMessageId.get(id) ?? new Set<string>();
    for (const link of String(message.html).match(pattern) ?? []) links.add(link);
    byMessageId.set(id, links);
  }
  return byMessageId;
}

export interface DeliveryCheck {
  digests: number;
  missing: string[];
  /** Links that arrived in more than one distinct digest. */
  repeated: string[];
  /** Links delivered that the answer key says should not match. */
  unexpected: string[];
}

export function checkDelivery(messages: readonly ParsedMail[], origin: string, expected: ReadonlySet<string>): DeliveryCheck {
  const byMessageId = digestLinks(messages, origin);
  const seenIn = new Map<string, number>();
  for (const links of byMessageId.values()) for (const link of links) seenIn.set(link, (seenIn.get(link) ?? 0) + 1);
  return {
    digests: byMessageId.size,
    missing: [...expected].filter((link) => !seenIn.has(link)),
    repeated: [...seenIn].filter(([, count]) => count > 1).map(([link]) => link),
    unexpected: [...seenIn.keys()].filter((link) => !expected.has(link)),
  };
}

export interface SmtpSink {
  port: number;
  close(): Promise<void>;
}

/**
 * A plain SMTP server on a given port that appends every accepted message to `messages`, so a
 * test can close it and start another on the same port (an outage), keeping one list of mail.
 */
export async function startSmtpOn(port: number, messages: ParsedMail[]): Promise<SmtpSink> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 500,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            messages.push(parsed);
            callback(null, 'Queued for the test');
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * An SMTP server on one port that can go down and come back, keeping one list of received mail,
 * so a scenario can stage an outage and still check every digest that got through.
 */
export class Mailbox {
  readonly messages: ParsedMail[] = [];
  private sink: SmtpSink | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<Mailbox> {
    const mailbox = new Mailbox(await freePort());
    await mailbox.restart();
    return mailbox;
  }

  /** Closes the server (the outage); mail received so far stays in `messages`. */
  async stop(): Promise<void> {
    await this.sink?.close();
    this.sink = null;
  }

  /** A server answers on the same port again. */
  async restart(): Promise<void> {
    this.sink = await startSmtpOn(this.port, this.messages);
  }
}

/**
 * No item completed a pipeline step twice. With `items`, each step's event stream must also hold
 * exactly that many completions: proof it was not trimmed, so "no duplicate" means something.
 */
export async function expectNoStepCompletedTwice(probe: PipelineProbe, items?: number): Promise<void> {
  for (const queue of ['fetch', 'extract', 'match'] as const) {
    if (items !== undefined) expect(await probe.completionEvents(queue)).toBe(items);
    expect(await probe.completedTwice(queue)).toEqual([]);
  }
}

export interface RigOptions {
  /** Farm feed numbers the worker polls (from 0); their items make the answer key. */
  feeds: readonly number[];
  items: number;
  latencyMs: number;
  /** Keep the farm's request log, for scenarios that check poll timing or page fetches. */
  recordRequests?: boolean;
  /**
   * Where the queues live: a fresh prefix on the shared test Redis (deleted afterwards), or a private
   * redis-server the scenario restarts, which the probe's connection rides out like the workers' do.
   */
  redis: { prefixLabel: string } | { privateUrl: string; prefix: string };
}

/** Everything a fault scenario runs against, torn down by the cleanup stack it was started with. */
export interface FaultRig {
  redisUrl: string;
  redis: Redis;
  prefix: string;
  farm: FarmServer;
  mailbox: Mailbox;
  probe: PipelineProbe;
  /** vigil's item keys for the polled feeds' items. */
  itemKeys: string[];
  /** Article URLs that must be delivered: the answer key. */
  expected: Set<string>;
  /** Feed entries for the polled farm feeds, as a worker config lists them. */
  farmFeeds: { id: string; url: string }[];
  /** Writes a fault worker config on this rig's Redis, prefix and SMTP port; feeds default to `farmFeeds`. */
  workerConfig(options?: Partial<Pick<WorkerConfigOptions, 'feeds' | 'digestCron' | 'http' | 'worker'>>): string;
  /** Starts a worker process, stopped with `stopSignal` at cleanup if the test has not stopped it. */
  startWorker(config: string, stopSignal?: NodeJS.Signals): Promise<WorkerProcess>;
  /** Every expected link is in exactly one digest and nothing else was mailed; returns the check for more assertions. */
  expectEachMatchDeliveredOnce(): DeliveryCheck;
}

export async function startRig(cleanups: Cleanup[], options: RigOptions): Promise<FaultRig> {
  const shared = 'prefixLabel' in options.redis;
  const { redisUrl, prefix } =
    'prefixLabel' in options.redis
      ? { redisUrl: testRedisUrl(), prefix: uniquePrefix(options.redis.prefixLabel) }
      : { redisUrl: options.redis.privateUrl, prefix: options.redis.prefix };
  const redis = shared ? new Redis(redisUrl) : new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  // Errors while a private server is down are expected: the connection retries until it is back.
  if (!shared) redis.on('error', () => undefined);
  const farmSize = Math.max(...options.feeds) + 1;
  const farm = await startTestFarm({ feeds: farmSize, items: options.items, latencyMs: options.latencyMs }, options.recordRequests ?? false);
  const mailbox = await Mailbox.start();
  const probe = new PipelineProbe(redis, redisUrl, prefix);
  if (shared)
    cleanups.push(
      () => redis.quit(),
      () => deleteKeys(redis, prefix),
    );
  else cleanups.push(async () => redis.disconnect());
  cleanups.push(
    () => farm.close(),
    () => mailbox.stop(),
    () => probe.close(),
  );
  const feeds = farmFeeds(farm, options.feeds);
  const expected = matchingUrls(farm, options.feeds);
  return {
    redisUrl,
    redis,
    prefix,
    farm,
    mailbox,
    probe,
    itemKeys: farmItemKeys(farm, options.feeds),
    expected,
    farmFeeds: feeds,
    workerConfig: (config = {}) => faultWorkerConfig({ redisUrl, prefix, smtpPort: mailbox.port, feeds, ...config }),
    async startWorker(config, stopSignal = 'SIGTERM') {
      const worker = await startWorkerProcess(config);
      cleanups.push(() => worker.kill(stopSignal));
      return worker;
    },
    expectEachMatchDeliveredOnce() {
      const delivery = checkDelivery(mailbox.messages, farm.origin, expected);
      expect(delivery.missing).toEqual([]);
      expect(delivery.repeated).toEqual([]);
      expect(delivery.unexpected).toEqual([]);
      return delivery;
    },
  };
}
