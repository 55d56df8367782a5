import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PipelineContext } from '../../jobs/context.ts';
import { feedHealth } from '../../jobs/status.ts';
import { QUEUE_NAMES } from '../../jobs/queues.ts';
import { withTimeout } from '../timeout.ts';

/** Outcomes a poll job reports (src/jobs/poll-feed.ts). */
export const POLL_OUTCOMES = ['polled', 'not-modified', 'skipped', 'failed'] as const;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const FEED_STATES = ['ok', 'failing', 'disabled'] as const;
/** A scrape never waits longer than this for Redis: a stuck Redis shows as vigil_redis_up 0, not as a hung scrape. */
const REDIS_SCRAPE_TIMEOUT_MS = 2_000;

/**
 * vigil's Prometheus metrics (documented in docs/operations.md). Two kinds:
 * - counters and histograms of this process's pipeline work (polls, fetch errors, items, matches,
 *   digests, alerts, job durations), filled by `observePipeline` in each worker process;
 * - gauges read from Redis at each scrape (feeds by state, queue depths, Redis memory), the same
 *   from every process of a deployment.
 * Labels carry config ids and fixed words only: never a URL, an address or a secret.
 */
export class VigilMetrics {
  readonly registry = new Registry();
  readonly polls: Counter<'outcome'>;
  readonly fetchErrors: Counter<'kind' | 'request'>;
  readonly items: Counter<'stage'>;
  readonly matches: Counter<'topic'>;
  readonly digests: Counter<'group' | 'outcome'>;
  readonly alerts: Counter<'topic' | 'outcome'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  private readonly feeds: Gauge<'state'>;
  private readonly feedConsecutiveErrors: Gauge<'feed'>;
  private readonly feedLastSuccess: Gauge<'feed'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly redisUp: Gauge;
  private readonly redisMemory: Gauge;

  constructor(config: PipelineContext['config']) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.polls = new Counter({
      name: 'vigil_polls_total',
      help: 'Feed polls by outcome (polled, not-modified, skipped, failed).',
      labelNames: ['outcome'],
      registers,
    });
    this.fetchErrors = new Counter({
      name: 'vigil_fetch_errors_total',
      help: 'Failed HTTP fetches by kind (timeout, status, network, blocked-address, ...) and request (feed or page).',
      labelNames: ['kind', 'request'],
      registers,
    });
    this.items = new Counter({
      name: 'vigil_items_total',
      help: 'Items by stage: new (found by a poll), extracted (full article text), partial (feed text only).',
      labelNames: ['stage'],
      registers,
    });
    this.matches = new Counter({ name: 'vigil_matches_total', help: 'Items matched, by topic.', labelNames: ['topic'], registers });
    this.digests = new Counter({
      name: 'vigil_digests_total',
      help: 'Digest runs by group and outcome (sent, empty, note-sent, failed attempt).',
      labelNames: ['group', 'outcome'],
      registers,
    });
    this.alerts = new Counter({
      name: 'vigil_alerts_total',
      help: 'Alert jobs by topic and outcome (sent, already-sent, failed attempt).',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'vigil_job_duration_seconds',
      help: 'Time a job took in its processor, by queue and outcome (completed or failed).',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.feeds = new Gauge({ name: 'vigil_feeds', help: 'Configured feeds by state (ok, failing, disabled).', labelNames: ['state'], registers });
    this.feedConsecutiveErrors = new Gauge({
      name: 'vigil_feed_consecutive_errors',
      help: 'Failed polls in a row, per feed (0 when its last poll worked).',
      labelNames: ['feed'],
      registers,
    });
    this.feedLastSuccess = new Gauge({
      name: 'vigil_feed_last_success_timestamp_seconds',
      help: 'Unix time of the last successful poll, per feed (0 when it never succeeded).',
      labelNames: ['feed'],
      registers,
    });
    this.queueJobs = new Gauge({
      name: 'vigil_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed).',
      labelNames: ['queue', 'state'],
      registers,
    });
    this.redisUp = new Gauge({
      name: 'vigil_redis_up',
      help: '1 when Redis answered this scrape in time, else 0 (and the Redis-derived gauges are left out).',
      registers,
    });
    this.redisMemory = new Gauge({ name: 'vigil_redis_used_memory_bytes', help: 'Memory Redis reports in use (INFO memory used_memory).', registers });
    // Series that exist from the start, so rate() and increase() see the first event.
    for (const outcome of POLL_OUTCOMES) this.polls.inc({ outcome }, 0);
    for (const stage of ['new', 'extracted', 'partial']) this.items.inc({ stage }, 0);
    for (const topic of config.topics) {
      this.matches.inc({ topic: topic.id }, 0);
      if (topic.alert) for (const outcome of ['sent', 'failed']) this.alerts.inc({ topic: topic.id, outcome }, 0);
    }
    for (const group of config.groups) for (const outcome of ['sent', 'failed']) this.digests.inc({ group: group.id, outcome }, 0);
  }

  /** Reads the Redis-derived gauges afresh; on a Redis that does not answer in time, leaves them out. */
  private async refresh(context: PipelineContext): Promise<void> {
    const feedIds = context.config.feeds.map((feed) => feed.id);
    const [states, counts, info] = await withTimeout(
      Promise.all([
        context.feeds.getMany(feedIds),
        Promise.all(QUEUE_NAMES.map((name) => context.queues[name].getJobCounts(...QUEUE_STATES))),
        context.redisHealth.usedMemoryBytes(),
      ]),
      REDIS_SCRAPE_TIMEOUT_MS,
      'Redis did not answer',
    );
    const byState = new Map<string, number>(FEED_STATES.map((state) => [state, 0]));
    this.feedConsecutiveErrors.reset();
    this.feedLastSuccess.reset();
    for (const [feedId, state] of states) {
      const health = feedHealth(state);
      byState.set(health, (byState.get(health) ?? 0) + 1);
      this.feedConsecutiveErrors.set({ feed: feedId }, state.consecutiveErrors);
      this.feedLastSuccess.set({ feed: feedId }, state.lastSuccessAt ? Date.parse(state.lastSuccessAt) / 1000 : 0);
    }
    for (const [state, count] of byState) this.feeds.set({ state }, count);
    QUEUE_NAMES.forEach((queue, index) => {
      for (const state of QUEUE_STATES) this.queueJobs.set({ queue, state }, counts[index]?.[state] ?? 0);
    });
    if (info !== null) this.redisMemory.set(info);
  }

  /** The exposition text for /metrics. */
  async render(context: PipelineContext): Promise<string> {
    try {
      await this.refresh(context);
      this.redisUp.set(1);
    } catch {
      this.redisUp.set(0);
      for (const gauge of [this.feeds, this.feedConsecutiveErrors, this.feedLastSuccess, this.queueJobs, this.redisMemory]) gauge.reset();
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
