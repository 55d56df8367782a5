import type { Job, Worker } from 'bullmq';
import { FetchError } from '../../http/errors.ts';
import type { Fetcher } from '../../http/types.ts';
import type { ExtractResult } from '../../jobs/extract-article.ts';
import type { MatchResult } from '../../jobs/match-item.ts';
import type { NotifyResult } from '../../jobs/notify.ts';
import type { PollResult } from '../../jobs/poll-feed.ts';
import type { NotifyJobData } from '../../jobs/queues.ts';
import type { VigilMetrics } from './registry.ts';

function seconds(job: Job): number {
  return job.processedOn ? Math.max(0, Date.now() - job.processedOn) / 1000 : 0;
}

/** Counts what a completed job did, from the result its processor returned. */
function countResult(metrics: VigilMetrics, queue: string, job: Job, result: unknown): void {
  if (queue === 'poll') {
    const poll = result as PollResult;
    metrics.polls.inc({ outcome: poll.status });
    if (poll.newItemKeys.length > 0) metrics.items.inc({ stage: 'new' }, poll.newItemKeys.length);
  } else if (queue === 'extract') {
    metrics.items.inc({ stage: (result as ExtractResult).partial ? 'partial' : 'extracted' });
  } else if (queue === 'match') {
    for (const topic of (result as MatchResult).topics) metrics.matches.inc({ topic: topic.id });
  } else if (queue === 'notify') {
    const outcome = result as NotifyResult;
    if ('alertId' in outcome) metrics.alerts.inc({ topic: outcome.topicId, outcome: outcome.status });
    else if (outcome.status !== 'dry-run')
      metrics.digests.inc({ group: outcome.groupId, outcome: outcome.status === 'empty-note-sent' ? 'note-sent' : outcome.status });
  }
  metrics.jobDuration.observe({ queue, outcome: 'completed' }, seconds(job));
}

/** A failed attempt: a digest or alert that could not be sent is what an operator is paged for. */
function countFailure(metrics: VigilMetrics, queue: string, job: Job | undefined): void {
  if (!job) return;
  if (queue === 'notify') {
    const data = job.data as NotifyJobData;
    if (data.kind === 'digest') metrics.digests.inc({ group: data.groupId, outcome: 'failed' });
    else metrics.alerts.inc({ topic: data.topicId, outcome: 'failed' });
  } else if (queue === 'poll') {
    metrics.polls.inc({ outcome: 'failed' });
  }
  metrics.jobDuration.observe({ queue, outcome: 'failed' }, seconds(job));
}

/**
 * Feeds the pipeline counters from this process's BullMQ workers (their `completed` and `failed`
 * events carry each processor's result), so the processors themselves stay free of metrics code.
 */
export function observeWorkers(metrics: VigilMetrics, workers: readonly Worker[]): void {
  for (const worker of workers) {
    const queue = worker.name;
    worker.on('completed', (job, result) => countResult(metrics, queue, job, result));
    worker.on('failed', (job) => countFailure(metrics, queue, job));
  }
}

/**
 * Counts failed fetches by kind. The HTTP client reports failures only by throwing FetchError, so its
 * fetch is wrapped here (for this client instance only) and every error is passed on unchanged.
 */
export function observeFetchErrors(metrics: VigilMetrics, http: Fetcher): void {
  const fetchOnce = http.fetch.bind(http);
  http.fetch = async (url, options) => {
    try {
      return await fetchOnce(url, options);
    } catch (error) {
      if (error instanceof FetchError) metrics.fetchErrors.inc({ kind: error.kind, request: options.kind });
      throw error;
    }
  };
}
