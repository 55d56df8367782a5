import type { Job } from 'bullmq';
import { FetchError } from '../http/client.ts';
import { FeedParseError, parseFeed } from '../parsers/feed.ts';
import { itemKey } from '../store/identity.ts';
import type { PipelineContext } from './context.ts';
import { takeNewest } from './newest-first.ts';
import type { PollJobData } from './queues.ts';

export interface PollResult {
  feedId: string;
  status: 'polled' | 'not-modified' | 'skipped' | 'failed';
  items: number;
  newItemKeys: string[];
  detail?: string;
}

/**
 * Fetches one feed (conditional GET), parses it and enqueues every item not seen before.
 * A failing feed records its error and backs off; it never throws into BullMQ's retry loop,
 * because the next scheduled poll is the retry and one bad feed must not hold up the others.
 */
export async function pollFeed(context: PipelineContext, job: Pick<Job<PollJobData>, 'data'>): Promise<PollResult> {
  const { feedId, manual } = job.data;
  const feed = context.configIndex.feed(feedId);
  if (!feed) return { feedId, status: 'skipped', items: 0, newItemKeys: [], detail: 'feed no longer in config' };
  const state = await context.feeds.get(feedId);
  const now = context.now();
  if (state.disabledReason) return { feedId, status: 'skipped', items: 0, newItemKeys: [], detail: state.disabledReason };
  if (!manual && state.nextPollAfter && new Date(state.nextPollAfter) > now) {
    return { feedId, status: 'skipped', items: 0, newItemKeys: [], detail: `backing off until ${state.nextPollAfter}` };
  }
  const log = context.logger.child({ feedId });
  try {
    const response = await context.http.fetch(feed.url, {
      kind: 'feed',
      etag: feed.conditionalGet ? state.etag : null,
      lastModified: feed.conditionalGet ? state.lastModified : null,
    });
    if (response.notModified) {
      await context.feeds.recordSuccess(feedId, { etag: state.etag, lastModified: state.lastModified, newItems: 0, now });
      return { feedId, status: 'not-modified', items: 0, newItemKeys: [] };
    }
    const parsed = await parseFeed(response.body, response.url);
    // Repairs are routine on the real web: worth a line in the worker log, not a warning on every poll.
    if (parsed.warnings.length > 0) log.info({ warnings: parsed.warnings }, 'feed parsed with warnings');
    const keyed = new Map<string, (typeof parsed.items)[number]>();
    for (const item of parsed.items) keyed.set(itemKey(feedId, item), item);
    const fresh = await context.items.filterUnseen([...keyed.keys()]);
    const { kept, skipped } = takeNewest(
      fresh.flatMap((key) => {
        const item = keyed.get(key);
        return item ? [{ key, item, published: item.published }] : [];
      }),
      feed.maxItemsPerPoll,
    );
    // Enqueue before marking seen: a crash in between re-adds the same job id, which BullMQ ignores.
    await context.queues.fetch.addBulk(kept.map(({ key, item }) => ({ name: 'fetch', data: { itemKey: key, feedId, item }, opts: { jobId: key } })));
    // Skipped items are marked seen too: the next poll must not offer the same backlog again.
    await context.items.markSeen(fresh);
    await context.feeds.recordSuccess(feedId, {
      etag: response.etag,
      lastModified: response.lastModified,
      newItems: kept.length,
      skippedItems: skipped.length,
      now,
    });
    const newItemKeys = kept.map(({ key }) => key);
    if (skipped.length > 0) {
      log.warn(
        { items: parsed.items.length, new: kept.length, skipped: skipped.length, maxItemsPerPoll: feed.maxItemsPerPoll },
        'feed polled; items over maxItemsPerPoll skipped',
      );
      const detail = `${skipped.length} older items skipped (over maxItemsPerPoll ${feed.maxItemsPerPoll})`;
      return { feedId, status: 'polled', items: parsed.items.length, newItemKeys, detail };
    }
    log.info({ items: parsed.items.length, new: kept.length }, 'feed polled');
    return { feedId, status: 'polled', items: parsed.items.length, newItemKeys };
  } catch (error) {
    const failedAt = context.now();
    const message = (error as Error).message;
    const fetchError = error instanceof FetchError ? error : null;
    if (fetchError?.postponed) {
      // The server was never asked (its host is paused or has a backlog): not the feed's failure.
      if (fetchError.retryAfterSeconds !== null) await context.feeds.postpone(feedId, new Date(failedAt.getTime() + fetchError.retryAfterSeconds * 1000));
      log.info({ reason: message }, 'feed poll postponed');
      return { feedId, status: 'skipped', items: 0, newItemKeys: [], detail: `postponed: ${message}` };
    }
    const after = await context.feeds.recordFailure(
      feedId,
      {
        message,
        permanent: (fetchError?.permanent ?? false) || (error instanceof FeedParseError && error.notAFeed),
        retryAfterSeconds: fetchError?.retryAfterSeconds ?? null,
      },
      feed.interval ?? context.config.defaults.interval,
      { polledAt: now, failedAt },
    );
    log.warn({ err: message, consecutiveErrors: after.consecutiveErrors, nextPollAfter: after.nextPollAfter }, 'feed poll failed');
    return { feedId, status: 'failed', items: 0, newItemKeys: [], detail: message };
  }
}
