import { createHash } from 'node:crypto';
import type { FeedItem } from '../parsers/types.ts';

/**
 * An item's identity across polls and feeds. The canonical URL is preferred so the same article
 * in two feeds (or re-published with a new guid) is processed once; items without a link fall
 * back to their guid, scoped by feed because guids are only unique inside a feed.
 */
export function itemKey(feedId: string, item: Pick<FeedItem, 'url' | 'guid'>): string {
  const basis = item.url ? `url:${item.url}` : `guid:${feedId}:${item.guid}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 24);
}
