/** A feed after parsing and normalisation: what the poll job works with. */
export interface ParsedFeed {
  title: string | null;
  /** The site the feed describes (channel link / alternate link), canonicalised. */
  siteUrl: string | null;
  format: 'rss2' | 'rss1' | 'rss091' | 'atom' | 'json';
  items: FeedItem[];
  /** Recoverable oddities met while parsing (tolerant pass used, items skipped, ...). */
  warnings: string[];
}

export interface FeedItem {
  /** Stable identity inside the feed: the guid/id, else the canonical URL, else a hash of title+content. */
  guid: string;
  /** Canonical article URL (fragment and tracking parameters dropped, resolved against the feed), or null. */
  url: string | null;
  title: string;
  /** Plain-text summary (HTML stripped, entities decoded). */
  summary: string;
  /** Full content HTML when the feed carries it (content:encoded, atom:content), else null. */
  contentHtml: string | null;
  /** ISO-8601 UTC, or null when the feed gives no usable date. */
  published: string | null;
  author: string | null;
}

/** What the article extractor returns for one page. */
export interface ExtractedArticle {
  /** Body text, paragraphs separated by a blank line. Empty when nothing article-like was found. */
  text: string;
  paragraphs: string[];
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
}
