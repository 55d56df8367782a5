import { QueueEvents } from 'bullmq';
import { waitForIdle } from '../jobs/drain.ts';
import type { AlertOutcome, NotifyResult } from '../jobs/notify.ts';
import type { PollResult } from '../jobs/poll-feed.ts';
import { connectionOptions } from '../store/connection.ts';
import { startWorkers, type Runtime } from '../jobs/runtime.ts';

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

/**
 * Polls feeds now through the same queues and processors as the worker, waits until every new
 * item has gone through fetch, extract and match (and any alert it raised is sent), and reports
 * what was new, what matched and which alerts went out.
 */
export async function runPollNow(runtime: Runtime, feedIds: string[], timeoutMs = 10 * 60_000): Promise<PollSummary> {
  const { context } = runtime;
  const eventOptions = { connection: connectionOptions(context.config.redis.url), prefix: context.config.redis.prefix };
  const events = new QueueEvents('poll', eventOptions);
  const notifyEvents = new QueueEvents('notify', eventOptions);
  const alerts: AlertOutcome[] = [];
  notifyEvents.on('completed', ({ returnvalue }) => {
    const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as NotifyResult;
    if ('alertId' in result && result.status === 'sent') alerts.push(result);
  });
  const workers = startWorkers(context);
  try {
    await Promise.all([events.waitUntilReady(), notifyEvents.waitUntilReady()]);
    const stamp = Date.now();
    const jobs = await context.queues.poll.addBulk(
      feedIds.map((feedId) => ({ name: 'poll', data: { feedId, manual: true }, opts: { jobId: `manual-${feedId}-${stamp}`, attempts: 1 } })),
    );
    const feeds = (await Promise.all(jobs.map((job) => job.waitUntilFinished(events, timeoutMs)))) as PollResult[];
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
    await Promise.all([events.close(), notifyEvents.close()]);
  }
}
