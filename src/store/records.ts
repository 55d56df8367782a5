import type { TopicMatch } from '../matching/types.ts';
import type { FeedItem } from '../parsers/types.ts';

/** An item once its body is known: what matching and the digest read. */
export interface StoredItem {
  itemKey: string;
  feedId: string;
  /** Display name of the source (feed name or title). */
  source: string;
  guid: string;
  url: string | null;
  title: string;
  summary: string;
  published: string | null;
  author: string | null;
  body: string;
  /** True when the article page could not be used and the body comes from the feed. */
  partial: boolean;
  partialReason: string | null;
  storedAt: string;
  /** The page's own metadata when it was extracted (absent on items stored before these were kept). */
  modified?: string | null;
  /** The page's declared canonical URL, which may differ from the feed's link. */
  canonicalUrl?: string | null;
  lang?: string | null;
  /** The feed entry as parsed (its content HTML cut to MAX_STORED_ENTRY_HTML), for inspection. */
  entry?: FeedItem;
}

/** The raw entry kept with an item is for reading, not reprocessing: its content HTML is cut to this many characters. */
export const MAX_STORED_ENTRY_HTML = 20_000;

export interface StoredMatch {
  itemKey: string;
  /** The feed the item came from, for the console's per-feed index (absent on matches stored before it was kept). */
  feedId?: string;
  matchedAt: string;
  matches: TopicMatch[];
  /** Similarity sketch of the body, for collapsing syndicated copies in the digest. */
  sketch: string;
}

/** Health and HTTP validators of one feed, as kept in its Redis hash. */
export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveErrors: number;
  itemsSeen: number;
  /** When a poll last brought at least one new item. */
  lastNewItemAt: string | null;
  /** New items left out because a poll brought more than the feed's maxItemsPerPoll (marked seen, never fetched). */
  itemsSkipped: number;
  /** No poll before this time (backoff after errors, or the server's Retry-After). */
  nextPollAfter: string | null;
  /** Set when a permanent error disabled the feed; polls are skipped until the config changes it. */
  disabledReason: string | null;
}
