/** What `vigil status` (and the web console) shows: feed health, queue depths, digests. Data only; callers format it. */
import { redactText } from '../log/redact.ts';
import type { DeliveredDigest } from '../store/digest-ledger.ts';
import type { FeedState } from '../store/records.ts';
import type { PipelineContext } from './context.ts';
import { QUEUE_NAMES, type QueueName } from './queues.ts';

export type FeedHealth = 'ok' | 'failing' | 'disabled';

export interface FeedStatus extends FeedState {
  id: string;
  health: FeedHealth;
}

export interface QueueStatus {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface DigestStatus {
  groupId: string;
  pending: number;
  /** When the scheduler runs it next; null when no worker has registered the schedule. */
  nextRun: string | null;
  lastDelivered: DeliveredDigest | null;
  /** Items of a digest that was frozen but not yet delivered (its send is being retried). */
  awaitingDelivery: number | null;
}

export interface PipelineStatus {
  at: string;
  feeds: FeedStatus[];
  queues: QueueStatus[];
  digests: DigestStatus[];
}

export function feedHealth(state: FeedState): FeedHealth {
  if (state.disabledReason) return 'disabled';
  return state.consecutiveErrors > 0 ? 'failing' : 'ok';
}

export async function readStatus(context: PipelineContext): Promise<PipelineStatus> {
  const feeds = await Promise.all(
    context.config.feeds.map(async (feed): Promise<FeedStatus> => {
      const state = await context.feeds.get(feed.id);
      // An error text can quote the feed URL, credentials included.
      return { id: feed.id, ...state, lastError: state.lastError === null ? null : redactText(state.lastError), health: feedHealth(state) };
    }),
  );
  const queues = await Promise.all(
    QUEUE_NAMES.map(async (name): Promise<QueueStatus> => {
      const counts = await context.queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      return {
        name,
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      };
    }),
  );
  const schedulers = await context.queues.notify.getJobSchedulers(0, -1);
  const digests = await Promise.all(
    context.config.groups.map(async (group): Promise<DigestStatus> => {
      const next = schedulers.find((scheduler) => scheduler.key === `digest-${group.id}`)?.next;
      const [last] = await context.ledger.deliveredDigests(group.id, 1);
      const open = await context.ledger.openDigest(group.id);
      return {
        groupId: group.id,
        pending: await context.ledger.pendingCount(group.id),
        nextRun: next ? new Date(next).toISOString() : null,
        lastDelivered: last ?? null,
        awaitingDelivery: open ? open.itemKeys.length : null,
      };
    }),
  );
  return { at: context.now().toISOString(), feeds, queues, digests };
}
