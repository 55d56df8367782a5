import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { FeedItem } from '../parsers/types.ts';

/** One queue per step of the pipeline: poll → fetch → extract → match → notify. */
export const QUEUE_NAMES = ['poll', 'fetch', 'extract', 'match', 'notify'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface PollJobData {
  feedId: string;
  /** Run on demand: ignore the feed's backoff (but not its disabling). */
  manual?: boolean;
}

export interface FetchJobData {
  itemKey: string;
  feedId: string;
  item: FeedItem;
}

export interface ExtractJobData {
  itemKey: string;
  feedId: string;
  item: FeedItem;
  /** Why the page could not be used (the item then falls back to the feed's content), or null. */
  fetchFailure: string | null;
}

export interface MatchJobData {
  itemKey: string;
}

export type NotifyJobData = { kind: 'digest'; groupId: string } | { kind: 'alert'; alertId: string; topicId: string; reason: string; itemKeys: string[] };

export interface JobDataByQueue {
  poll: PollJobData;
  fetch: FetchJobData;
  extract: ExtractJobData;
  match: MatchJobData;
  notify: NotifyJobData;
}

export type Queues = { [Name in QueueName]: Queue<JobDataByQueue[Name]> };

/**
 * Completed jobs are kept a day: a job id (the item key) that still exists makes a duplicate add a
 * no-op, which closes the window between enqueuing an item and marking it seen. Failed jobs are
 * kept a week for inspection. Both are bounded by count too, so Redis never grows without limit.
 */
export function defaultJobOptions(attempts: number, backoffMs: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}

export function createQueues(connection: ConnectionOptions, prefix: string, attempts: number, backoffMs: number): Queues {
  const options = { connection, prefix, defaultJobOptions: defaultJobOptions(attempts, backoffMs) };
  return {
    poll: new Queue<PollJobData>('poll', options),
    fetch: new Queue<FetchJobData>('fetch', options),
    extract: new Queue<ExtractJobData>('extract', options),
    match: new Queue<MatchJobData>('match', options),
    notify: new Queue<NotifyJobData>('notify', options),
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(QUEUE_NAMES.map((name) => queues[name].close()));
}
