import type { FeedItem, ParsedFeed } from '../types.ts';

/** An item as read from one feed format, before identity and duplicate handling. */
export interface RawItem extends Omit<FeedItem, 'guid'> {
  /** The guid/id as the feed gives it, or null: parseFeed settles identity (URL or hash fallback). */
  guid: string | null;
}

/** A feed as read from one format: its items still lack settled identities. */
export interface RawFeed extends Omit<ParsedFeed, 'items'> {
  items: RawItem[];
}
