import type { PipelineContext } from '../../jobs/context.ts';
import { type FeedHealth, type FeedStatus, readStatus } from '../../jobs/status.ts';
import { redactUrl } from '../../log/redact.ts';
import { POLL_HISTORY_MS } from '../../store/feed-state-store.ts';

export const FEED_SORTS = ['state', 'id', 'last-poll'] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

export interface FeedRow extends FeedStatus {
  name: string;
  /** The feed's URL with any password hidden. */
  url: string;
  intervalMs: number;
  pollsLastDay: number;
}

export interface FeedsView {
  at: string;
  sort: FeedSort;
  rows: FeedRow[];
}

/** Broken feeds first: failing ones (being retried), then disabled ones (waiting for a person). */
const HEALTH_RANK: Record<FeedHealth, number> = { failing: 0, disabled: 1, ok: 2 };

export function sortFeeds(rows: FeedRow[], sort: FeedSort): FeedRow[] {
  const byId = (a: FeedRow, b: FeedRow) => a.id.localeCompare(b.id);
  const sorted = [...rows];
  if (sort === 'id') return sorted.sort(byId);
  if (sort === 'last-poll') return sorted.sort((a, b) => (b.lastPollAt ?? '').localeCompare(a.lastPollAt ?? '') || byId(a, b));
  return sorted.sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || b.consecutiveErrors - a.consecutiveErrors || byId(a, b));
}

export function parseFeedSort(value: string | undefined): FeedSort {
  return FEED_SORTS.find((sort) => sort === value) ?? 'state';
}

/** Every configured feed with its health (as `vigil status` reads it) and its polls of the last day. */
export async function loadFeedsView(context: PipelineContext, sort: FeedSort): Promise<FeedsView> {
  const status = await readStatus(context);
  const since = new Date(context.now().getTime() - POLL_HISTORY_MS);
  const polls = await context.feeds.pollCounts(
    status.feeds.map((feed) => feed.id),
    since,
  );
  const configs = new Map(context.config.feeds.map((feed) => [feed.id, feed]));
  const rows = status.feeds.map((feed): FeedRow => {
    const config = configs.get(feed.id);
    return {
      ...feed,
      name: config?.name ?? feed.id,
      url: redactUrl(config?.url ?? ''),
      intervalMs: config?.interval ?? context.config.defaults.interval,
      pollsLastDay: polls.get(feed.id) ?? 0,
    };
  });
  return { at: status.at, sort, rows: sortFeeds(rows, sort) };
}
