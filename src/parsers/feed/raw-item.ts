/** An item as read from one feed format, before identity and duplicate handling. */
export interface RawItem {
  guid: string | null;
  /** Canonical URL, already resolved. */
  url: string | null;
  title: string;
  summary: string;
  contentHtml: string | null;
  published: string | null;
  author: string | null;
}

export interface RawFeed {
  title: string | null;
  siteUrl: string | null;
  format: 'rss2' | 'rss1' | 'rss091' | 'atom' | 'json';
  items: RawItem[];
  warnings: string[];
}
