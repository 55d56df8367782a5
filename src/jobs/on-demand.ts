/**
 * Jobs run now, on demand (`vigil poll`, `vigil digest`, the demo, the web console's "poll now"):
 * the same queues and processors as the worker, started in this process, waited for, summarised.
 */
import { waitForIdle } from './drain.ts';
import { JobWaiter } from './job-waiter.ts';
import type { AlertOutcome, DigestOutcome, NotifyResult } from './notify.ts';
import type { PollResult } from './poll-feed.ts';
import type { Queues } from './queues.ts';
import { startWorkers, type Runtime } from './runtime.ts';
import { connectionOptions } from '../store/connection.ts';

export interface MatchedItemLine {
  itemKey: string;
  title: string;
  url: string | null;
  partial: boolean;
  topics: { id: string; score: number }[];
}

export interface PollSummary {
  feeds: PollResult[];
  newItems: number;
  partialItems: number;
  matched: MatchedItemLine[];
  matchedByTopic: Record<string, number>;
  /** Alerts sent while the run went on (thresholds crossed by the new matches). */
  alerts: AlertOutcome[];
  /** Item jobs still unfinished when we stopped waiting (e.g. retries backing off). */
  outstanding: number;
}

export interface PollProgress {
  feedsDone: number;
  feedsTotal: number;
  newItems: number;
  failedFeeds: number;
}

export interface PollNowOptions {
  timeoutMs?: number;
  /** Told after each feed's poll finishes (for a progress line). */
  onProgress?: (progress: PollProgress) => void;
}

/** True when any feed of the run failed: the command's work did not fully succeed. */
export function pollFailed(summary: PollSummary): boolean {
  return summary.feeds.some((feed) => feed.status === 'failed');
}

/** The manual poll jobs for these feeds: they ignore the feed's backoff (not its disabling) and are not retried. */
function manualPollJobs(feedIds: readonly string[], stamp: number) {
  return feedIds.map((feedId) => ({ name: 'poll', data: { feedId, manual: true }, opts: { jobId: `manual-${feedId}-${stamp}`, attempts: 1 } }));
}

/** Queues a poll of these feeds now for whichever worker takes it (the console's "poll now"); returns the job ids. */
export async function queuePolls(queues: Queues, feedIds: readonly string[], stamp = Date.now()): Promise<string[]> {
  const jobs = manualPollJobs(feedIds, stamp);
  await queues.poll.addBulk(jobs);
  return jobs.map((job) => job.opts.jobId);
}

function eventOptions(runtime: Runtime) {
  return { connection: connectionOptions(runtime.context.config.redis.url), prefix: runtime.context.config.redis.prefix };
}

/**
 * Polls feeds now through the same queues and processors as the worker, waits until every new
 * item has gone through fetch, extract and match (and any alert it raised is sent), and reports
 * what was new, what matched and which alerts went out.
 */
export async function runPollNow(runtime: Runtime, feedIds: string[], options: PollNowOptions = {}): Promise<PollSummary> {
  const { context } = runtime;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const polls = new JobWaiter<PollResult>('poll', eventOptions(runtime));
  const notifications = new JobWaiter<NotifyResult>('notify', eventOptions(runtime));
  const alerts: AlertOutcome[] = [];
  notifications.onCompleted((result) => {
    if ('alertId' in result && result.status === 'sent') alerts.push(result);
  });
  const workers = startWorkers(context);
  try {
    await Promise.all([polls.ready(), notifications.ready()]);
    const stamp = Date.now();
    const progress: PollProgress = { feedsDone: 0, feedsTotal: feedIds.length, newItems: 0, failedFeeds: 0 };
    const jobs = manualPollJobs(feedIds, stamp);
    const finished = jobs.map((job) =>
      polls.track(job.opts.jobId, timeoutMs).then((result) => {
        progress.feedsDone += 1;
        progress.newItems += result.newItemKeys.length;
        if (result.status === 'failed') progress.failedFeeds += 1;
        options.onProgress?.({ ...progress });
        return result;
      }),
    );
    await context.queues.poll.addBulk(jobs);
    const feeds = await Promise.all(finished);
    const outstanding = await waitForIdle(context.queues, timeoutMs);
    const newKeys = feeds.flatMap((feed) => feed.newItemKeys);
    const [items, matches] = await Promise.all([context.items.loadItems(newKeys), context.items.loadMatches(newKeys)]);
    const matched: MatchedItemLine[] = [];
    const matchedByTopic: Record<string, number> = Object.fromEntries(context.config.topics.map((topic) => [topic.id, 0]));
    for (const key of newKeys) {
      const match = matches.get(key);
      const item = items.get(key);
      if (!match || !item) continue;
      for (const topic of match.matches) matchedByTopic[topic.topicId] = (matchedByTopic[topic.topicId] ?? 0) + 1;
      matched.push({
        itemKey: key,
        title: item.title,
        url: item.url,
        partial: item.partial,
        topics: match.matches.map((topic) => ({ id: topic.topicId, score: topic.score })),
      });
    }
    const partialItems = newKeys.filter((key) => items.get(key)?.partial).length;
    return { feeds, newItems: newKeys.length, partialItems, matched, matchedByTopic, alerts, outstanding };
  } finally {
    await workers.close();
    await Promise.all([polls.close(), notifications.close()]);
  }
}

/** Sends group digests now through the notify queue (the same processor the scheduler runs) and waits for the outcome. */
export async function runDigestsNow(runtime: Runtime, groupIds: string[], timeoutMs = 5 * 60_000): Promise<DigestOutcome[]> {
  const { context } = runtime;
  const digests = new JobWaiter<DigestOutcome>('notify', eventOptions(runtime));
  const workers = startWorkers(context, ['notify']);
  try {
    await digests.ready();
    const stamp = Date.now();
    const jobs = groupIds.map((groupId) => ({
      name: 'digest',
      data: { kind: 'digest' as const, groupId },
      opts: { jobId: `manual-digest-${groupId}-${stamp}`, attempts: 1 },
    }));
    const finished = jobs.map((job) => digests.track(job.opts.jobId, timeoutMs));
    await context.queues.notify.addBulk(jobs);
    return await Promise.all(finished);
  } finally {
    await workers.close();
    await digests.close();
  }
}
