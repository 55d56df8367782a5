/**
 * Whole-pipeline throughput, memory and freshness of the real `vigil worker` over a local feed farm.
 *
 * For each latency (0 and 100 ms added to every response by the farm), the farm runs in its own
 * process (bench/pipeline/feed-farm-server.ts) serving F feeds × I items with 5–60 KB article pages, about
 * 3 % of them written to match the default topics. Then, for 1 and 2 worker processes
 * (`node bin/vigil.mjs worker`, the same code users run), on a private redis-server each time:
 *   - feeds polled per second (until every feed has a lastSuccessAt),
 *   - articles fetched + extracted + matched per second (until the match queue completed every item),
 *   - peak RSS of each worker (VmHWM), Redis used_memory per item,
 * and the anchor — rss-parser + fetch + cheerio, sequential and with a pool of 16 — over the same farm.
 * With --freshness-minutes > 0, the last configuration (highest latency, most workers) then keeps
 * running while the farm publishes 200 items a minute and the schedulers poll every feed each
 * minute; it reports p50/p99 from publication to the match (or the stored item) in Redis.
 *
 * The farm is one host (127.0.0.1); real feeds are spread over many, so the generated config raises
 * http.perHostConcurrency to 64 (default 2 per host).
 *
 * Usage: npm run bench:pipeline [-- --feeds 1000 --items 20 --latency-ms 0,100 --workers 1,2
 *          --freshness-minutes 3 --anchor-articles 1000 --slow-anchor-articles 300 --runs 1
 *          --concurrency poll,fetch,extract,match (default 16,32,2,2) --json out.json]
 *        npm run bench:pipeline -- --quick     (100 feeds, freshness 1 minute)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { canonicalUrl } from '../../src/parsers/urls.ts';
import { connectionOptions } from '../../src/store/connection.ts';
import { itemKey } from '../../src/store/identity.ts';
import { RedisKeys } from '../../src/store/keys.ts';
import { startPrivateRedis } from '../../src/store/local-redis.ts';
import type { StoredItem, StoredMatch } from '../../src/store/records.ts';
import { Farm, type FarmItem } from './feed-farm.ts';
import { runAnchor, type AnchorResult } from './anchor.ts';
import { median } from '../lib/stats.ts';

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
function numbers(name: string, fallback: string): number[] {
  return option(name, fallback)
    .split(',')
    .map(Number)
    .filter((value) => Number.isFinite(value) && value >= 0);
}

const QUICK = flag('quick');
const FEEDS = Number(option('feeds', QUICK ? '100' : '1000'));
const ITEMS = Number(option('items', '20'));
const LATENCIES = numbers('latency-ms', '0,100');
const WORKERS = numbers('workers', '1,2');
const FRESHNESS_MINUTES = Number(option('freshness-minutes', QUICK ? '1' : '3'));
const PUBLISH_PER_MINUTE = Number(option('publish-per-minute', '200'));
const ANCHOR_ARTICLES = Number(option('anchor-articles', QUICK ? '500' : '1000'));
/** The sequential anchor at 100 ms takes 0.1 s an article: a smaller sample keeps the run short. */
const SLOW_ANCHOR_ARTICLES = Number(option('slow-anchor-articles', QUICK ? '150' : '300'));
const RUNS = Number(option('runs', '1'));
const JSON_OUT = option('json', '');
const PREFIX = '{vigil}';
const POLL_INTERVAL = '1m';
const POLL_INTERVAL_MS = 60_000;
const [POLL_C, FETCH_C, EXTRACT_C, MATCH_C] = numbers('concurrency', '16,32,2,2');
/** Per worker process. Extract and match are CPU-bound: more than 2 only holds more pages in memory at once. */
const CONCURRENCY = { poll: POLL_C ?? 16, fetch: FETCH_C ?? 32, extract: EXTRACT_C ?? 2, match: MATCH_C ?? 2, notify: 1 };
const PER_HOST_CONCURRENCY = 64;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const log = (message: string) => process.stderr.write(`[bench:pipeline ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// The farm process

interface FarmProcess {
  child: ChildProcess;
  origin: string;
  request<T>(message: Record<string, unknown>, reply: string): Promise<T>;
  stop(): Promise<void>;
}

async function startFarm(latencyMs: number): Promise<FarmProcess> {
  const child = fork(resolve('bench/pipeline/feed-farm-server.ts'), ['--feeds', String(FEEDS), '--items', String(ITEMS), '--latency-ms', String(latencyMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const origin = await new Promise<string>((resolveReady, reject) => {
    child.once('message', (message: { type: string; origin: string }) => resolveReady(message.origin));
    child.once('exit', (code) => reject(new Error(`feed farm exited with ${code}`)));
  });
  return {
    child,
    origin,
    request<T>(message: Record<string, unknown>, reply: string) {
      return new Promise<T>((resolveReply) => {
        const listener = (answer: { type: string }) => {
          if (answer.type !== reply) return;
          child.off('message', listener);
          resolveReply(answer as T);
        };
        child.on('message', listener);
        child.send(message);
      });
    },
    async stop() {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// vigil worker processes

interface WorkerHandle {
  child: ChildProcess;
  exited: Promise<number | null>;
}

function writeConfig(dir: string, redisUrl: string, origin: string): string {
  const path = join(dir, 'vigil.yaml');
  writeFileSync(
    path,
    stringify({
      topicsFile: resolve('config/topics.yaml'),
      redis: { url: redisUrl, prefix: PREFIX },
      defaults: { interval: POLL_INTERVAL },
      // One host here, many in real life: allow 64 requests at once to it (default 2 per host).
      http: { allowPrivateNetworks: true, respectRobotsTxt: false, perHostConcurrency: PER_HOST_CONCURRENCY, timeout: '30s' },
      worker: { concurrency: CONCURRENCY },
      feeds: Array.from({ length: FEEDS }, (_, feed) => ({ id: `farm-${feed}`, url: `${origin}/feeds/${feed}.xml` })),
      // Digests never fire during the run: the bench measures the item pipeline.
      groups: [{ id: 'bench', to: ['bench@example.org'], schedule: { cron: '0 0 1 1 *', tz: 'UTC' } }],
      mail: { from: 'vigil <vigil@example.org>', transport: 'outbox', outboxDir: join(dir, 'outbox') },
    }),
  );
  return path;
}

async function startWorker(configPath: string): Promise<WorkerHandle> {
  // BENCH_WORKER_NODE_ARGS go to the workers' node only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'bin/vigil.mjs', 'worker', '--config', configPath], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
  await new Promise<void>((resolveStart, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered = (buffered + chunk.toString('utf8')).slice(-20_000);
      if (buffered.includes('vigil worker started')) {
        child.stderr?.off('data', onData);
        // Keep draining the pipe so the worker never blocks on a full stderr.
        child.stderr?.resume();
        resolveStart();
      }
    };
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited with ${code} before starting:\n${buffered}`)));
  });
  return { child, exited };
}

function memoryOf(pid: number | undefined): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// One measured run

interface RunResult {
  latencyMs: number;
  workers: number;
  items: number;
  feedsPerSecond: number;
  articlesPerSecond: number;
  backlogSeconds: number;
  peakRssMb: number;
  redisBytesPerItem: number;
  breakdown: Record<string, number>;
  freshness?: FreshnessResult;
}

interface FreshnessResult {
  published: number;
  processed: number;
  p50Seconds: number;
  p99Seconds: number;
  maxSeconds: number;
  p99FromFirstServedSeconds: number;
}

function keyOf(origin: string, item: FarmItem): string {
  return itemKey(`farm-${item.feed}`, { url: canonicalUrl(`${origin}${item.path}`), guid: `farm-${item.feed}-${item.index}` });
}

/** Bytes of one representative key of each kind vigil and BullMQ keep per item (MEMORY USAGE). */
async function perItemBreakdown(redis: Redis, keys: RedisKeys, sampleKeys: string[]): Promise<Record<string, number>> {
  const kinds: Record<string, (key: string) => string> = {
    seen: (key) => keys.seen(key),
    item: (key) => keys.item(key),
    match: (key) => keys.match(key),
    'fetch job': (key) => `${PREFIX}:fetch:${key}`,
    'extract job': (key) => `${PREFIX}:extract:${key}`,
    'match job': (key) => `${PREFIX}:match:${key}`,
  };
  const result: Record<string, number> = {};
  for (const [kind, name] of Object.entries(kinds)) {
    const sizes: number[] = [];
    for (const key of sampleKeys) {
      const bytes = (await redis.call('MEMORY', 'USAGE', name(key), 'SAMPLES', '0')) as number | null;
      if (bytes !== null) sizes.push(bytes);
    }
    result[kind] = sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0;
  }
  return result;
}

async function runVigil(farm: FarmProcess, latencyMs: number, workerCount: number, freshness: boolean): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const redisServer = await startPrivateRedis();
  const redis = new Redis(redisServer.url);
  const keys = new RedisKeys(PREFIX);
  const connection = connectionOptions(redisServer.url);
  const queues = {
    poll: new Queue('poll', { connection, prefix: PREFIX }),
    fetch: new Queue('fetch', { connection, prefix: PREFIX }),
    extract: new Queue('extract', { connection, prefix: PREFIX }),
    match: new Queue('match', { connection, prefix: PREFIX }),
  };
  const workers: WorkerHandle[] = [];
  const model = new Farm({ feeds: FEEDS, itemsPerFeed: ITEMS });
  const total = FEEDS * ITEMS;
  try {
    const configPath = writeConfig(dir, redisServer.url, farm.origin);
    // Hold polls until every worker is up, so the clock starts with all of them ready.
    await queues.poll.pause();
    for (let index = 0; index < workerCount; index += 1) workers.push(await startWorker(configPath));
    const before = await usedMemory(redis);
    const started = performance.now();
    await queues.poll.resume();
    let peakRss = 0;
    let feedsDoneAt = 0;
    const feedKeys = Array.from({ length: FEEDS }, (_, feed) => keys.feed(`farm-${feed}`));
    for (;;) {
      await sleep(500);
      for (const worker of workers) peakRss = Math.max(peakRss, memoryOf(worker.child.pid).rss);
      if (!feedsDoneAt) {
        const pipeline = redis.pipeline();
        for (const key of feedKeys) pipeline.hexists(key, 'lastSuccessAt');
        const done = ((await pipeline.exec()) ?? []).filter(([, value]) => value === 1).length;
        if (done === FEEDS) feedsDoneAt = performance.now();
      }
      const [matched, fetchBusy, extractBusy, matchBusy] = await Promise.all([
        queues.match.getCompletedCount(),
        queues.fetch.getJobCountByTypes('waiting', 'active', 'delayed'),
        queues.extract.getJobCountByTypes('waiting', 'active', 'delayed'),
        queues.match.getJobCountByTypes('waiting', 'active', 'delayed'),
      ]);
      if (feedsDoneAt && matched >= total && fetchBusy + extractBusy + matchBusy === 0) break;
      if (performance.now() - started > 30 * 60_000) throw new Error(`backlog not done after 30 min: ${matched}/${total} matched`);
    }
    const backlogSeconds = (performance.now() - started) / 1000;
    const after = await usedMemory(redis);
    const baseKeys = model.baseItems().map((item) => keyOf(farm.origin, item));
    const breakdown = await perItemBreakdown(
      redis,
      keys,
      baseKeys.filter((_, index) => index % Math.max(1, Math.floor(total / 50)) === 0),
    );
    const result: RunResult = {
      latencyMs,
      workers: workerCount,
      items: total,
      feedsPerSecond: FEEDS / ((feedsDoneAt - started) / 1000),
      articlesPerSecond: total / backlogSeconds,
      backlogSeconds,
      peakRssMb: 0,
      redisBytesPerItem: (after - before) / total,
      breakdown,
    };
    log(
      `backlog: ${total} items in ${backlogSeconds.toFixed(1)} s (${result.articlesPerSecond.toFixed(0)}/s), ${((after - before) / total).toFixed(0)} B/item`,
    );
    if (freshness) result.freshness = await measureFreshness(farm, redis, keys, model, workers, (rss) => (peakRss = Math.max(peakRss, rss)));
    for (const worker of workers) peakRss = Math.max(peakRss, memoryOf(worker.child.pid).hwm);
    result.peakRssMb = peakRss / 1024 / 1024;
    return result;
  } finally {
    for (const worker of workers) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    redis.disconnect();
    await redisServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Steady state: the farm publishes PUBLISH_PER_MINUTE items a minute for FRESHNESS_MINUTES while
 * the worker's schedulers poll every feed each minute. Latency of an item = the time its match was
 * stored (matchedAt), or the item itself for items that match nothing (storedAt), minus the time the
 * farm started serving it.
 */
async function measureFreshness(
  farm: FarmProcess,
  redis: Redis,
  keys: RedisKeys,
  model: Farm,
  workers: WorkerHandle[],
  sampleRss: (rss: number) => void,
): Promise<FreshnessResult> {
  const total = Math.round(PUBLISH_PER_MINUTE * FRESHNESS_MINUTES);
  const startAt = Date.now() + 1_000;
  model.publish({ startAt, perMinute: PUBLISH_PER_MINUTE, total });
  await farm.request({ type: 'publish', startAt, perMinute: PUBLISH_PER_MINUTE, total }, 'publishing');
  log(`freshness: publishing ${total} items over ${FRESHNESS_MINUTES} min, feeds polled every ${POLL_INTERVAL}`);
  const published = model.publishedItems(0, true);
  const lastPublication = published.at(-1)?.publishedAt ?? startAt;
  const deadline = lastPublication + POLL_INTERVAL_MS + 60_000;
  const done = new Map<string, number>();
  while (Date.now() < deadline && done.size < published.length) {
    await sleep(2_000);
    for (const worker of workers) sampleRss(memoryOf(worker.child.pid).rss);
    const pending = published.filter((item) => !done.has(keyOf(farm.origin, item)) && item.publishedAt <= Date.now());
    if (pending.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const item of pending) {
      const key = keyOf(farm.origin, item);
      pipeline.get(keys.match(key));
      pipeline.get(keys.item(key));
    }
    const replies = (await pipeline.exec()) ?? [];
    pending.forEach((item, index) => {
      const matchJson = replies[index * 2]?.[1] as string | null;
      const itemJson = replies[index * 2 + 1]?.[1] as string | null;
      // The match record is written after the item: an item stored but not yet matched may still match.
      const match = matchJson ? (JSON.parse(matchJson) as StoredMatch) : null;
      const stored = itemJson ? (JSON.parse(itemJson) as StoredItem) : null;
      if (match) done.set(keyOf(farm.origin, item), Date.parse(match.matchedAt));
      else if (stored && (!item.topic || Date.now() - Date.parse(stored.storedAt) > 10_000)) done.set(keyOf(farm.origin, item), Date.parse(stored.storedAt));
    });
  }
  const served = await farm.request<{ firstServed: [string, number][] }>({ type: 'served' }, 'served');
  const firstServed = new Map(served.firstServed);
  const fromPublication: number[] = [];
  const fromServed: number[] = [];
  for (const item of published) {
    const at = done.get(keyOf(farm.origin, item));
    if (at === undefined) continue;
    fromPublication.push((at - item.publishedAt) / 1000);
    const servedAt = firstServed.get(`${item.feed}/${item.index}`);
    if (servedAt !== undefined) fromServed.push((at - servedAt) / 1000);
  }
  // An item never processed counts as infinitely late.
  for (let missing = fromPublication.length; missing < published.length; missing += 1) fromPublication.push(Infinity);
  return {
    published: published.length,
    processed: done.size,
    p50Seconds: percentile(fromPublication, 50),
    p99Seconds: percentile(fromPublication, 99),
    maxSeconds: Math.max(...fromPublication),
    p99FromFirstServedSeconds: percentile(fromServed, 99),
  };
}

// ---------------------------------------------------------------------------------------------

interface LatencyReport {
  latencyMs: number;
  sequential: AnchorResult[];
  pool: AnchorResult[];
  runs: RunResult[];
}

async function main(): Promise<void> {
  log(`farm: ${FEEDS} feeds × ${ITEMS} items; latencies ${LATENCIES.join(', ')} ms; workers ${WORKERS.join(', ')}; ${RUNS} run(s) each`);
  const reports: LatencyReport[] = [];
  for (const latencyMs of LATENCIES) {
    const farm = await startFarm(latencyMs);
    const feedUrls = Array.from({ length: FEEDS }, (_, feed) => `${farm.origin}/feeds/${feed}.xml`);
    const report: LatencyReport = { latencyMs, sequential: [], pool: [], runs: [] };
    try {
      for (let run = 0; run < RUNS; run += 1) {
        const sequentialSample = latencyMs > 0 ? SLOW_ANCHOR_ARTICLES : ANCHOR_ARTICLES;
        report.sequential.push(await runAnchor(feedUrls, sequentialSample, 1));
        report.pool.push(await runAnchor(feedUrls, ANCHOR_ARTICLES, 16));
        log(
          `anchor @${latencyMs} ms: sequential ${report.sequential.at(-1)?.articlesPerSecond.toFixed(1)}/s, pool(16) ${report.pool.at(-1)?.articlesPerSecond.toFixed(1)}/s`,
        );
        for (const workers of WORKERS) {
          const freshness = FRESHNESS_MINUTES > 0 && run === RUNS - 1 && latencyMs === Math.max(...LATENCIES) && workers === Math.max(...WORKERS);
          log(`vigil @${latencyMs} ms, ${workers} worker(s), run ${run + 1}/${RUNS}`);
          report.runs.push(await runVigil(farm, latencyMs, workers, freshness));
        }
      }
    } finally {
      await farm.stop();
    }
    reports.push(report);
  }
  printReport(reports);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ feeds: FEEDS, items: ITEMS, reports }, null, 2));
}

function printReport(reports: LatencyReport[]): void {
  const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  const lines: string[] = [];
  lines.push(`\nvigil pipeline: ${FEEDS} feeds × ${ITEMS} items = ${FEEDS * ITEMS} articles (5–60 KB), medians of ${RUNS} run(s)`);
  lines.push(
    `config: worker.concurrency ${JSON.stringify(CONCURRENCY)}, http.perHostConcurrency ${PER_HOST_CONCURRENCY} (one host), interval ${POLL_INTERVAL}\n`,
  );
  lines.push('| latency | workers | feeds/s | articles/s | × sequential | × pool(16) | backlog s | peak RSS MB | Redis B/item |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const report of reports) {
    const sequential = median(report.sequential.map((anchor) => anchor.articlesPerSecond));
    const pooled = median(report.pool.map((anchor) => anchor.articlesPerSecond));
    for (const workers of WORKERS) {
      const runs = report.runs.filter((run) => run.workers === workers);
      const rate = median(runs.map((run) => run.articlesPerSecond));
      lines.push(
        `| ${report.latencyMs} ms | ${workers} | ${fixed(median(runs.map((run) => run.feedsPerSecond)))} | ${fixed(rate)} | ${fixed(rate / sequential, 2)} | ${fixed(rate / pooled, 2)} | ` +
          `${fixed(median(runs.map((run) => run.backlogSeconds)))} | ${fixed(Math.max(...runs.map((run) => run.peakRssMb)), 0)} | ${fixed(median(runs.map((run) => run.redisBytesPerItem)), 0)} |`,
      );
    }
    const [seqSample] = report.sequential;
    const [poolSample] = report.pool;
    lines.push(
      `| ${report.latencyMs} ms | anchor | | sequential ${fixed(sequential)} (${seqSample?.articles ?? 0} articles), pool(16) ${fixed(pooled)} (${poolSample?.articles ?? 0} articles) | | | | | |`,
    );
  }
  const last = reports.flatMap((report) => report.runs).find((run) => run.freshness);
  if (last?.freshness) {
    const f = last.freshness;
    lines.push(
      `\nfreshness @${last.latencyMs} ms, ${last.workers} workers, interval ${POLL_INTERVAL}: ${f.processed}/${f.published} published items processed; ` +
        `publication → stored: p50 ${fixed(f.p50Seconds)} s, p99 ${fixed(f.p99Seconds)} s, max ${fixed(f.maxSeconds)} s (bar: < ${POLL_INTERVAL_MS / 1000 + 30} s); ` +
        `first served → stored p99 ${fixed(f.p99FromFirstServedSeconds)} s`,
    );
  }
  const breakdown = reports.flatMap((report) => report.runs)[0]?.breakdown;
  if (breakdown)
    lines.push(
      `\nbytes per item by key (MEMORY USAGE, mean of a sample): ${Object.entries(breakdown)
        .map(([kind, bytes]) => `${kind} ${bytes}`)
        .join(', ')}`,
    );
  console.log(lines.join('\n'));
}

await main();
